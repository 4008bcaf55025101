// Base maps: with no provider the map needs no network; with OpenStreetMap configured
// it requests and shows tiles, and a 天地图 key adds 天地图 to the menu (tiles are
// answered here, as tests have no internet).
import { expect, test } from '@playwright/test';
import { osmBaseURL, tiandituKey } from '../playwright.config';

// A 1×1 transparent PNG stands in for every tile.
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

test('no tile provider: the map makes no tile requests', async ({ page }) => {
  const tileRequests: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'image' && !request.url().startsWith('http://127.0.0.1')) tileRequests.push(request.url());
  });
  await page.goto('/');
  await expect(page.getByTestId('park-map')).toHaveAttribute('data-parcels-drawn', /\d+/);
  expect(tileRequests).toEqual([]);
  await expect(page.locator('.leaflet-tile-pane img')).toHaveCount(0);
});

test('PARKATLAS_TILES=osm: OpenStreetMap tiles are requested and shown with attribution', async ({ page }, testInfo) => {
  const served: string[] = [];
  await page.route('https://tile.openstreetmap.org/**', (route) => {
    served.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'image/png', body: TILE });
  });
  await page.goto(osmBaseURL + '/');
  await expect(page.getByTestId('park-map')).toHaveAttribute('data-parcels-drawn', /\d+/);
  await expect(page.locator('.leaflet-tile-pane img.leaflet-tile-loaded').first()).toBeVisible();
  expect(served.length).toBeGreaterThan(0);
  expect(served[0]).toMatch(/^https:\/\/tile\.openstreetmap\.org\/\d+\/\d+\/\d+\.png$/);
  await expect(page.locator('.leaflet-control-attribution')).toContainText('OpenStreetMap');
  if (testInfo.project.name === 'phone') {
    // Above the finder's bar, which covers the foot of the map, not under it.
    const attribution = (await page.locator('.leaflet-control-attribution').boundingBox())!;
    const bar = (await page.locator('.finder__bar').boundingBox())!;
    expect(attribution.y + attribution.height).toBeLessThanOrEqual(bar.y);
  }
});

test('a 天地图 key offers 天地图 vector and imagery, each with its annotation layer', async ({ page }) => {
  const served: string[] = [];
  await page.route(/tianditu\.gov\.cn/, (route) => {
    served.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'image/png', body: TILE });
  });
  await page.route('https://tile.openstreetmap.org/**', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: TILE }));
  await page.goto(osmBaseURL + '/');
  const map = page.getByTestId('park-map');
  await expect(map).toHaveAttribute('data-base', 'osm');
  for (const [option, picture, annotation] of [['tianditu', 'vec', 'cva'], ['tianditu-imagery', 'img', 'cia']]) {
    served.length = 0;
    await page.getByLabel('底图').selectOption(option);
    await expect(map).toHaveAttribute('data-base', option);
    await expect(page).toHaveURL(new RegExp(`base=${option}`));
    await expect.poll(() => served.some((url) => url.includes(`/${annotation}_w/`))).toBe(true);
    for (const layer of [picture, annotation]) {
      const url = served.find((u) => u.includes(`/${layer}_w/`));
      expect(url, `a ${layer} tile`).toMatch(new RegExp(`^https://t[0-7]\\.tianditu\\.gov\\.cn/${layer}_w/wmts\\?`));
      expect(url).toContain(`LAYER=${layer}`);
      expect(url).toContain(`tk=${tiandituKey}`);
    }
    await expect(page.locator('.leaflet-control-attribution')).toContainText('天地图');
    await expect(page.locator('.leaflet-control-attribution')).not.toContainText('OpenStreetMap');
  }
});
