// The what-if benchmark of issue 14, in headless Chromium against a running server holding
// the demo data at scale: the city admin opens the runs page (every enterprise of the city,
// evaluated in the browser), then edits 亩均税收's benchmark again and again. Each edit runs
// core's evaluate (scores, ranks, classes) and two compares in the release wasm, inside the
// page's `parkatlas:what-if` User Timing measure; the time from the input event to the next
// frame (the table, chart and movers redrawn) is measured beside it. Unthrottled, then with
// the CPU slowed 4× through CDP (Emulation.setCPUThrottlingRate, Lighthouse's phone profile).
// The measures `parkatlas:what-if:evaluate` and `:compare` split the what-if into its steps.
// Usage: node bench/what-if.mjs <base-url> <results.md> <wasm-route> <scale>
import { chromium } from '@playwright/test';
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';

import { executablePath, median, percentile, ROUTES } from './common.mjs';

const [base, output, wasmRoute, scale] = process.argv.slice(2);
const EDITS = 15;
const MEASURE = 'parkatlas:what-if';
const BENCHMARK_FIELD = '#runs-cohorts-0--items-0--benchmark';

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
const cdp = await page.context().newCDPSession(page);

await page.goto(`${base}/app/sign-in`);
await page.getByLabel('用户名').fill('admin');
await page.getByLabel('密码').fill('parkatlas-demo');
await page.getByRole('button', { name: '登录', exact: true }).click();
await page.waitForURL(/\/app\/workspace$/);
const started = Date.now();
await page.goto(`${base}/app/workspace/evaluations`);
await page.getByTestId('ranked-row').first().waitFor({ timeout: 300_000 });
const loadSeconds = (Date.now() - started) / 1000;
const shown = await page.getByTestId('runs-shown').textContent();
const enterprises = Number(shown.match(/\/ (\d+)/)[1]);
const original = Number(await page.locator(BENCHMARK_FIELD).inputValue());

/** One edit: the benchmark typed as a new value; the measure and the time to the next frame. */
async function edit(value) {
  return page.evaluate(
    async ({ selector, value, measure }) => {
      const before = performance.getEntriesByName(measure).length;
      const input = document.querySelector(selector);
      const start = performance.now();
      input.value = String(value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // Leptos runs the effects in a microtask; wait for them, then for the frame that shows them.
      while (performance.getEntriesByName(measure).length === before) await new Promise((resolve) => setTimeout(resolve, 0));
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const last = (name) => performance.getEntriesByName(name).at(-1).duration;
      return { whatIf: last(measure), evaluate: last(`${measure}:evaluate`), compare: last(`${measure}:compare`), frame: performance.now() - start };
    },
    { selector: BENCHMARK_FIELD, value, measure: MEASURE },
  );
}

async function series(rate) {
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  const runs = [];
  // One warm-up edit, then EDITS measured ones, each a different benchmark (so each really reclassifies).
  for (let n = 0; n <= EDITS; n++) {
    const run = await edit((original * (0.6 + 0.05 * ((n + rate) % 16))).toFixed(3));
    if (n > 0) runs.push(run);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  return runs;
}

const unthrottled = await series(1);
const throttled = await series(4);
const moved = await page.getByTestId('movers-edit').getAttribute('data-moved');
const chromiumVersion = browser.version();
await browser.close();

const ms = (v) => v.toFixed(1);
const row = (label, runs, key) => `| ${label} | ${ms(median(runs.map((r) => r[key])))} | ${ms(percentile(runs.map((r) => r[key]), 0.95))} | ${runs.map((r) => ms(r[key])).join(', ')} |`;
const throttledMedian = median(throttled.map((r) => r.whatIf));
const lines = [
  '# What-if benchmark',
  '',
  `\`scripts/bench-what-if\` (\`make bench-what-if\`) on ${new Date().toISOString().slice(0, 10)}: headless Chromium ${chromiumVersion}, `
    + `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, shared with other work. `
    + `The SPA was built by the **${wasmRoute} route** (${ROUTES[wasmRoute] ?? 'unknown'}).`,
  '',
  `**What is measured:** the runs page itself (\`/app/workspace/evaluations\`) with the demo data at scale ${scale}: `
    + `the city admin's run over **${enterprises} enterprises**. Each edit types a new 亩均税收 benchmark; the page's `
    + `\`${MEASURE}\` User Timing measure spans \`Workbench::apply\`: core's \`evaluate\` (every score, rank and class) and `
    + `\`compare\` against the run before the edit and against the baseline, in the release wasm. “To next frame” runs from `
    + `the input event until the frame after the effects (the ranked rows rebuilt and sorted, chart and movers redrawn). `
    + `${EDITS} edits per series after one warm-up; the last edit moved ${moved} enterprises. The page took ${loadSeconds.toFixed(1)} s to load and evaluate the city.`,
  '',
  `## Budget: under 100 ms at 4× CPU slowdown — ${throttledMedian < 100 ? 'met' : 'missed'} (median ${ms(throttledMedian)} ms)`,
  '',
  '| Series | Median ms | p95 ms | Runs (ms) |',
  '|---|---|---|---|',
  row('Re-evaluate + reclassify + compare, unthrottled', unthrottled, 'whatIf'),
  row('Re-evaluate + reclassify + compare, CPU 4× slower', throttled, 'whatIf'),
  row('… of which `evaluate`, unthrottled', unthrottled, 'evaluate'),
  row('… of which `evaluate`, CPU 4× slower', throttled, 'evaluate'),
  row('… of which both `compare`s, unthrottled', unthrottled, 'compare'),
  row('… of which both `compare`s, CPU 4× slower', throttled, 'compare'),
  row('Input to next frame, unthrottled', unthrottled, 'frame'),
  row('Input to next frame, CPU 4× slower', throttled, 'frame'),
  '',
];
writeFileSync(output, lines.join('\n'));
console.log(lines.join('\n'));
