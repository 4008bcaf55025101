// What the browser benchmarks share: the Chromium they drive, the wasm routes they name in
// their results, and the median of a run's figures.

// The two wasm routes give different sizes: Debian's builds std with the app's flags (without
// panic locations, Debug formatting and the panic machinery), which rustup's prebuilt std cannot
// have (README, "How the WebAssembly build works").
export const ROUTES = {
  rustup: "rustup's prebuilt wasm32 standard library",
  debian: "Debian's rustc-web, std built with the app's flags: -Zlocation-detail=none -Zfmt-debug=none -Cpanic=immediate-abort -Ctarget-feature=-reference-types, optimize_for_size",
};
export const executablePath = process.env.PARKATLAS_CHROMIUM ?? '/usr/bin/chromium';
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** The value below which `share` (0 to 1) of `values` lie, nearest rank. */
export const percentile = (values, share) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * share) - 1)];
