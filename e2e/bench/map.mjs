// The map benchmark of issue 5, in headless Chromium against a running server:
//  1. time to draw ~10,000 parcels: parkatlas (decode + draw, its `parkatlas:parcels-drawn`
//     measure) beside plain Leaflet (JSON.parse + L.geoJSON on the canvas renderer, until its
//     drawing frame has run) on the same response, in the same page, five times each;
//  2. the app's initial transfer without tiles and data, brotli-compressed;
//  3. a Lighthouse mobile performance score, when Lighthouse is installed.
// Usage: node bench/map.mjs <base-url> <dist-dir> <results.md> <lighthouse-url> <wasm-route>
// (the Lighthouse URL serves the ordinary demo data: the page as a visitor first sees it).
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

import { executablePath, median, ROUTES } from './common.mjs';

const [base, dist, output, lighthouseUrl, wasmRoute] = process.argv.slice(2);
const RUNS = 5;

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
const chromiumVersion = browser.version();

// A view holding every parcel: the extent of all parks.
const parks = await (await fetch(`${base}/api/v1/parks`)).json();
const extent = parks.features.flatMap((f) => f.geometry.coordinates.flat(3)).reduce(
  (b, v, i) => (i % 2 === 0 ? { ...b, w: Math.min(b.w, v), e: Math.max(b.e, v) } : { ...b, s: Math.min(b.s, v), n: Math.max(b.n, v) }),
  { w: 180, e: -180, s: 90, n: -90 },
);
const centre = [(extent.s + extent.n) / 2, (extent.w + extent.e) / 2];
// The largest whole zoom at which the extent fits 1366 × 860 pixels.
const zoom = Math.floor(Math.min(Math.log2((1366 * 360) / (256 * (extent.e - extent.w))), Math.log2((860 * 180) / (256 * (extent.n - extent.s)))));
const url = `${base}/?at=${centre[0].toFixed(5)},${centre[1].toFixed(5)},${zoom}`;

const ours = [];
let viewportUrl = '';
let parcels = 0;
for (let run = 0; run < RUNS; run++) {
  const viewport = page.waitForResponse((r) => r.url().includes('/api/v1/parcels?bbox='));
  await page.goto(url);
  viewportUrl = (await viewport).url();
  await page.waitForFunction(() => performance.getEntriesByName('parkatlas:parcels-drawn').length > 0, null, { timeout: 60_000 });
  ours.push(await page.evaluate(() => performance.getEntriesByName('parkatlas:parcels-drawn').at(-1).duration));
  parcels = Number(await page.getByTestId('park-map').getAttribute('data-parcels-drawn'));
}

// Plain Leaflet on a page of its own, with the same Leaflet files the app ships.
const shipped = readdirSync(dist);
const leafletJs = shipped.find((name) => name.startsWith('leaflet-') && name.endsWith('.js'));
const leafletCss = shipped.find((name) => name.startsWith('leaflet-') && name.endsWith('.css'));
const leaflet = [];
for (let run = 0; run < RUNS; run++) {
  await page.goto(`${base}/healthz`);
  await page.addStyleTag({ url: `/${leafletCss}` });
  await page.addScriptTag({ url: `/${leafletJs}` });
  leaflet.push(
    await page.evaluate(
      async ({ viewportUrl, centre, zoom }) => {
        const text = await (await fetch(viewportUrl)).text();
        document.body.innerHTML = '<div id="bench" style="width:1366px;height:860px"></div>';
        const map = L.map('bench', { preferCanvas: true }).setView(centre, zoom, { animate: false });
        const renderer = L.canvas();
        const colours = { available: '#1a9c5b', granted: '#3f7fd6', under_construction: '#8a63d2', producing: '#6b7f8e', idle: '#d9480f', unsupplied: '#e8a317' };
        const started = performance.now();
        const data = JSON.parse(text);
        L.geoJSON(data, {
          renderer,
          style: (f) => ({ renderer, color: '#ffffff', weight: 0.8, fillColor: colours[f.properties.status], fillOpacity: 0.72 }),
        }).addTo(map);
        // Leaflet's canvas renderer draws in the next animation frame; this callback runs after it.
        await new Promise((resolve) => requestAnimationFrame(resolve));
        return performance.now() - started;
      },
      { viewportUrl, centre, zoom },
    ),
  );
}
await browser.close();

// Initial transfer: every file a first visit loads from a built app's folder, brotli at the
// highest quality: dist/ for the public atlas at /, dist/app/ for the signed-in app.
function firstLoad(folder) {
  const files = readdirSync(folder).filter((name) => statSync(join(folder, name)).isFile() && !/\.(svg|br|gz)$/.test(name));
  return files.map((name) => {
    const raw = readFileSync(join(folder, name));
    return { name, raw: raw.length, brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
  });
}
const sizes = firstLoad(dist);
const transfer = sizes.reduce((sum, s) => sum + s.brotli, 0);
const appSizes = firstLoad(join(dist, 'app'));
const appTransfer = appSizes.reduce((sum, s) => sum + s.brotli, 0);
const sizeRows = (list) => list.map((s) => `| ${s.name.replace(/-[0-9a-f]{13,16}(?=[._])/, '')} | ${s.raw} | ${s.brotli} |`);

// Lighthouse scores vary from run to run with the machine's load: the median of three.
const LIGHTHOUSE_RUNS = 3;
const lighthouseRuns = [];
let lighthouseProblem = '';
for (let run = 0; run < LIGHTHOUSE_RUNS && !lighthouseProblem; run++) {
  try {
    const report = JSON.parse(
      execFileSync('npx', ['--no-install', 'lighthouse', `${lighthouseUrl}/`, '--only-categories=performance', '--form-factor=mobile', '--output=json', '--quiet',
        `--chrome-flags=--headless=new --no-sandbox --disable-gpu`], { env: { ...process.env, CHROME_PATH: executablePath }, maxBuffer: 64 << 20 }).toString(),
    );
    const audit = (id) => report.audits[id].displayValue;
    lighthouseRuns.push({
      score: Math.round(report.categories.performance.score * 100),
      metrics: ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'speed-index', 'cumulative-layout-shift', 'interactive'].map(audit),
      lcpElement: report.audits['largest-contentful-paint-element'].details?.items?.[0]?.items?.[0]?.node?.nodeLabel,
    });
  } catch (error) {
    lighthouseProblem = `not measured: ${String(error.message).split('\n')[0]}`;
  }
}
const lighthouseMedian = [...lighthouseRuns].sort((a, b) => a.score - b.score)[Math.floor(lighthouseRuns.length / 2)];
const lighthouseLines = lighthouseMedian
  ? [
      `## Lighthouse mobile performance: ${lighthouseMedian.score} (median of ${lighthouseRuns.length}: ${lighthouseRuns.map((r) => r.score).join(', ')}; goal ≥ 95)`,
      '',
      'Lighthouse 12 with its default mobile emulation (simulated slow 4G, 4× CPU slowdown) on the ordinary demo data. The median run:',
      '',
      '| FCP | LCP | TBT | Speed index | CLS | Time to interactive |',
      '|---|---|---|---|---|---|',
      `| ${lighthouseMedian.metrics.join(' | ')} |`,
      '',
      // Lighthouse leaves the element out of some runs; any run that names it will do.
      `Largest contentful paint element: “${lighthouseRuns.map((r) => r.lcpElement).find(Boolean) ?? 'not named by Lighthouse'}”.`,
    ]
  : [`## Lighthouse mobile performance: ${lighthouseProblem || 'not measured'} (goal ≥ 95)`];

const ms = (v) => v.toFixed(1);
const ratio = median(ours) / median(leaflet);
const lines = [
  '# Map benchmark',
  '',
  `\`scripts/bench-map\` (\`make bench-map\`) on ${new Date().toISOString().slice(0, 10)}, headless Chromium ${chromiumVersion}, 1366 × 860 view at zoom ${zoom} holding the demo data at the benchmark's scale. The SPA was built by the **${wasmRoute} route** (${ROUTES[wasmRoute] ?? 'unknown'}).`,
  '',
  `## Drawing ${parcels} parcels (median of ${RUNS})`,
  '',
  '| Renderer | Median ms | Runs (ms) |',
  '|---|---|---|',
  `| parkatlas (Rust: decode, project, draw on canvas tiles) | ${ms(median(ours))} | ${ours.map(ms).join(', ')} |`,
  `| Leaflet \`L.geoJSON\`, canvas renderer (JSON.parse, layers, draw) | ${ms(median(leaflet))} | ${leaflet.map(ms).join(', ')} |`,
  '',
  `parkatlas / Leaflet: **${ratio.toFixed(2)}** (goal ≤ 1.3, aim < 1).`,
  '',
  '## Initial transfer without tiles and data (brotli, quality 11)',
  '',
  '| File | Bytes | Brotli bytes |',
  '|---|---|---|',
  ...sizeRows(sizes),
  `| **total** | ${sizes.reduce((sum, s) => sum + s.raw, 0)} | **${transfer}** (${(transfer / 1024).toFixed(0)} KiB; goal ≤ 250 KB) |`,
  '',
  'The signed-in app (`/app/`, enterprise staff and officials) is a bundle of its own, which a visit to `/` never',
  'loads. Its first load, for comparison (the service worker keeps it afterwards):',
  '',
  '| File | Bytes | Brotli bytes |',
  '|---|---|---|',
  ...sizeRows(appSizes),
  `| **total** | ${appSizes.reduce((sum, s) => sum + s.raw, 0)} | **${appTransfer}** (${(appTransfer / 1024).toFixed(0)} KiB) |`,
  '',
  ...lighthouseLines,
  '',
];
writeFileSync(output, lines.join('\n'));
console.log(lines.join('\n'));
