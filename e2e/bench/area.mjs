// The area benchmark of issue 14, in headless Chromium: the area of N parcels by
// parkatlas-core in wasm (`Shape::area`, through the bench-only export of
// crates/bench-area) beside `@turf/area` on the same parcels in the same page, five runs
// each, and both against Karney's geodesic area (geographiclib-geodesic, in Node).
// Usage: node bench/area.mjs <wasm-bindgen-dir> <parcels> <results.md> <wasm-route>
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { extname, join, resolve } from 'node:path';
import geodesic from 'geographiclib-geodesic';

const [pkg, count, output, wasmRoute] = process.argv.slice(2);
const N = Number(count);
const RUNS = 5;
const executablePath = process.env.PARKATLAS_CHROMIUM ?? '/usr/bin/chromium';
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

// Parcels as the demo data and surveys have them, anywhere in China: 4 to 24 corners round
// a centre, 20 m to 1.5 km across, stretched and turned, from a fixed seed (mulberry32).
let seed = 20261207;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const between = (low, high) => low + (high - low) * random();
const corners = [];
const counts = new Uint32Array(N);
for (let i = 0; i < N; i++) {
  const [lon, lat] = [between(73, 135), between(18, 53)];
  const radius = between(10, 750);
  const stretch = between(0.4, 2.5);
  const turn = between(0, 2 * Math.PI);
  const n = 4 + Math.floor(random() * 21);
  counts[i] = n;
  const dLat = radius / 110_574;
  const dLon = (radius * stretch) / (111_320 * Math.cos((lat * Math.PI) / 180));
  for (let k = 0; k < n; k++) {
    // Corners at uneven angles and distances, as surveyed outlines are, yet never crossing.
    const angle = turn + (2 * Math.PI * (k + between(-0.3, 0.3))) / n;
    const reach = between(0.7, 1.0);
    corners.push(lon + dLon * reach * Math.cos(angle), lat + dLat * reach * Math.sin(angle));
  }
}
const flat = Float64Array.from(corners);

// Karney's geodesic area (GeographicLib), the reference both are measured against.
const wgs84 = geodesic.Geodesic.WGS84;
const reference = new Float64Array(N);
for (let i = 0, at = 0; i < N; i++) {
  const polygon = wgs84.Polygon(false);
  for (let k = 0; k < counts[i]; k++, at += 2) polygon.AddPoint(flat[at + 1], flat[at]);
  reference[i] = Math.abs(polygon.Compute(false, true).area);
}

// The page's files: the wasm-bindgen output and the npm packages, from one local server.
const here = resolve('.');
const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
const page_html = `<!doctype html><meta charset="utf-8"><title>area</title>
<script type="importmap">{"imports": {
  "@turf/area": "/node_modules/@turf/area/dist/esm/index.js",
  "@turf/helpers": "/node_modules/@turf/helpers/dist/esm/index.js",
  "@turf/meta": "/node_modules/@turf/meta/dist/esm/index.js"}}</script>`;
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
  const file = path === '/' ? null : path.startsWith('/pkg/') ? join(pkg, path.slice(5)) : join(here, path);
  try {
    const body = file ? readFileSync(file) : page_html;
    response.writeHead(200, { 'content-type': types[file ? extname(file) : '.html'] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((started) => server.listen(0, '127.0.0.1', started));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto(`${origin}/`);
const measured = await page.evaluate(
  async ({ corners, counts, runs }) => {
    const flat = Float64Array.from(corners);
    const sizes = Uint32Array.from(counts);
    const core = await import('/pkg/parkatlas_bench_area.js');
    await core.default({ module_or_path: '/pkg/parkatlas_bench_area_bg.wasm' });
    const { default: turfArea } = await import('@turf/area');
    // The same parcels as GeoJSON features for turf, rings closed as GeoJSON requires.
    const features = [];
    for (let i = 0, at = 0; i < sizes.length; i++) {
      const ring = [];
      for (let k = 0; k < sizes[i]; k++, at += 2) ring.push([flat[at], flat[at + 1]]);
      ring.push(ring[0]);
      features.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } });
    }
    const parcels = new core.Parcels(flat, sizes);
    const time = (work) => {
      const started = performance.now();
      const result = work();
      return [performance.now() - started, result];
    };
    const ours = [], turf = [], checked = [];
    let oursAreas, turfAreas;
    for (let run = 0; run < runs; run++) {
      // Alternating, so that neither always runs on a warmer or cooler machine.
      const [a, areas] = time(() => parcels.areas());
      const [b, turfs] = time(() => features.map((f) => turfArea(f)));
      const [c] = time(() => core.Parcels.check_and_measure(flat, sizes));
      ours.push(a); turf.push(b); checked.push(c);
      [oursAreas, turfAreas] = [Array.from(areas), turfs];
    }
    return { ours, turf, checked, oursAreas, turfAreas, userAgent: navigator.userAgent };
  },
  { corners, counts: Array.from(counts), runs: RUNS },
);
const chromiumVersion = browser.version();
await browser.close();
server.close();

// Relative error against Karney's area, parcel by parcel.
const errors = (areas) => Float64Array.from(areas, (a, i) => Math.abs(a - reference[i]) / reference[i]).sort();
const ourErrors = errors(measured.oursAreas);
const turfErrors = errors(measured.turfAreas);
const ppm = (x) => (x * 1e6).toPrecision(3);
const row = (name, sorted) =>
  `| ${name} | ${ppm(quantile(sorted, 0.5))} | ${ppm(quantile(sorted, 0.95))} | ${ppm(quantile(sorted, 0.99))} | ${ppm(sorted[sorted.length - 1])} |`;
const ms = (values) => values.map((v) => v.toFixed(1)).join(', ');
const [oursMs, turfMs, checkedMs] = [median(measured.ours), median(measured.turf), median(measured.checked)];
const speedup = turfMs / oursMs;
const totalArea = reference.reduce((sum, a) => sum + a, 0);
const ROUTES = {
  rustup: "rustup's prebuilt wasm32 standard library",
  debian: "Debian's rustc-web, std built with the app's flags",
};
const today = new Date().toISOString().slice(0, 10);

const text = `# Area benchmark

\`scripts/bench-area\` (\`make bench-area\`) on ${today}, headless Chromium ${chromiumVersion}, ${cpus().length} × ${cpus()[0].model.trim()}.
The wasm is \`crates/bench-area\`, a bench-only export of \`parkatlas_core::geometry::Shape::area\` (the function the
land workspace shows while an outline is drawn), built with the app's \`wasm-release\` profile and \`wasm-opt -O2\` by the
**${wasmRoute} route** (${ROUTES[wasmRoute] ?? wasmRoute}).

${N} parcels from a fixed seed anywhere in China (18–53° N), 4 to 24 corners, 20 m to 1.5 km across
(${(totalArea / N / 666.667).toFixed(1)} 亩 on average); the same parcels, in the same page, for both.

## Time for all ${N} parcels (median of ${RUNS})

| Code | Median ms | Runs (ms) |
|---|---|---|
| parkatlas-core in wasm: \`Shape::area\` on checked shapes | ${oursMs.toFixed(1)} | ${ms(measured.ours)} |
| \`@turf/area\` on GeoJSON features | ${turfMs.toFixed(1)} | ${ms(measured.turf)} |
| parkatlas-core in wasm: \`check_outline\` then \`Shape::area\` (copying the corners in included) | ${checkedMs.toFixed(1)} | ${ms(measured.checked)} |

\`@turf/area\` / parkatlas: **${speedup.toFixed(2)}×** (goal ≥ 2×). The last row adds core's validation (closing, range,
self-intersection), which the app runs anyway before it shows an area and which turf does not do at all.

## Relative error against Karney's geodesic area (GeographicLib), parts per million

| Code | Median | 95th percentile | 99th percentile | Largest |
|---|---|---|---|---|
${row('parkatlas-core (`Shape::area`: equal-area coordinates on the WGS-84 ellipsoid)', ourErrors)}
${row('`@turf/area` (a sphere of radius 6378137 m)', turfErrors)}

Karney's area (geographiclib-geodesic ${JSON.parse(readFileSync('node_modules/geographiclib-geodesic/package.json', 'utf8')).version}, in Node) treats
each side as a geodesic, core's as a straight line in equal-area coordinates; over a parcel's sides the two differ by
far less than the differences above. turf measures on a sphere, so its error depends on the latitude.
`;
writeFileSync(output, text);
console.log(text);
