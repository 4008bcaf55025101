// Browser journeys against the real server (release build, fresh SQLite file with
// the demo data) and the release SPA in dist/. Uses the system Chromium: browsers
// are never downloaded.
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.PARKATLAS_E2E_PORT ?? 18080);
/** The server configured with OpenStreetMap tiles (and a 天地图 key) listens on the next port. */
export const osmBaseURL = `http://127.0.0.1:${port + 1}`;
/** A stand-in 天地图 key: the journeys answer 天地图's tile requests themselves. */
export const tiandituKey = 'e2e0tianditu0key';
const chromium = process.env.PARKATLAS_CHROMIUM ?? '/usr/bin/chromium';
/** The built SPA to serve: dist/, or another route's build (scripts/test under CI=true). */
const dist = process.env.PARKATLAS_E2E_DIST ?? '../dist';

export default defineConfig({
  testDir: 'tests',
  outputDir: 'artifacts/results',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 860 } } },
    {
      name: 'phone',
      use: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
    },
  ],
  webServer: [
    {
      // A fresh database for every run, so the journeys always see exactly the demo data.
      command: `rm -f artifacts/e2e.db* && exec ../target/release/parkatlas serve --port ${port} --database-url sqlite://artifacts/e2e.db --static-dir ${dist} --demo`,
      url: `http://127.0.0.1:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
    },
    {
      // The same app starting on OpenStreetMap tiles, with a 天地图 key besides (the journeys
      // answer tile requests themselves).
      command: `rm -f artifacts/e2e-osm.db* && exec ../target/release/parkatlas serve --port ${port + 1} --database-url sqlite://artifacts/e2e-osm.db --static-dir ${dist} --demo --tiles osm --tianditu-key ${tiandituKey}`,
      url: `http://127.0.0.1:${port + 1}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
