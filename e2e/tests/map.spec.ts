// The map itself: parks and the parcels of the viewport drawn, the language remembered,
// a failed load explained and recovered.
import { expect, test } from '@playwright/test';

test('draws the parks and every parcel the viewport query returns', async ({ page }) => {
  // A wasm build that links but breaks at start (a bad externref table, say) shows here first.
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  const viewports: number[] = [];
  page.on('response', async (response) => {
    if (response.url().includes('/api/v1/parcels?bbox=')) viewports.push((await response.json()).features.length);
  });
  await page.goto('/');
  const map = page.getByTestId('park-map');
  await expect(map).toHaveAttribute('data-parks-drawn', '3');
  await expect(map).toHaveAttribute('data-parcels-drawn', /^[1-9]\d*$/);
  expect(viewports.length).toBeGreaterThan(0);
  await expect(map).toHaveAttribute('data-parcels-drawn', String(viewports[viewports.length - 1]));
  // Painted: the parcel tiles hold opaque pixels.
  const painted = await page.locator('canvas.leaflet-tile').evaluateAll((tiles) =>
    (tiles as HTMLCanvasElement[]).reduce((sum, tile) => {
      const { data } = tile.getContext('2d')!.getImageData(0, 0, tile.width, tile.height);
      let count = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 128) count++;
      return sum + count;
    }, 0),
  );
  expect(painted).toBeGreaterThan(1000);
  const measures = await page.evaluate(() => performance.getEntriesByName('parkatlas:parcels-drawn').length);
  expect(measures).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('switches to English and remembers the choice', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.park-label')).toHaveText([/光谷星河智造园/, /车谷云帆/, /汉江湾/]);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('.park-label').first()).toHaveText('Guanggu Xinghe Smart Manufacturing Park (demo)');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('button', { name: '中文' })).toBeVisible();
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('a failed load says so and recovers on retry', async ({ page }) => {
  await page.route('**/api/v1/parks', (route) =>
    route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unavailable', message: '维护中' } }) }),
  );
  await page.goto('/');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('暂时无法加载');
  await expect(alert).toContainText('维护中');
  await page.unroute('**/api/v1/parks');
  await alert.getByRole('button', { name: '重试' }).click();
  await expect(page.getByTestId('park-map')).toHaveAttribute('data-parks-drawn', '3');
});

test('"locate me" centres on the device and marks it', async ({ page, context }) => {
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 30.4712, longitude: 114.5201, accuracy: 30 });
  await page.goto('/');
  const map = page.getByTestId('park-map');
  await expect(map).toHaveAttribute('data-parks-drawn', '3');
  await page.getByRole('button', { name: '定位我的位置' }).click();
  await expect(map).toHaveAttribute('data-located', '30.47120,114.52010');
  await expect(map).toHaveAttribute('data-zoom', '15');
});

test('the search works from the keyboard alone', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('park-map')).toHaveAttribute('data-parks-drawn', '3');
  const search = page.getByRole('searchbox', { name: '搜索园区、地块编号或企业' });
  await search.focus();
  await page.keyboard.type('GX-005');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/q=GX-005/);
  // The map frames what the search found: the one parcel, so it zooms in close.
  await expect.poll(async () => Number(await page.getByTestId('park-map').getAttribute('data-zoom'))).toBeGreaterThanOrEqual(15);
});

test('a visit to the atlas downloads none of the signed-in app', async ({ page, request }) => {
  const fetched: string[] = [];
  page.on('request', (sent) => fetched.push(new URL(sent.url()).pathname));
  await page.goto('/');
  await expect(page.getByTestId('park-map')).toHaveAttribute('data-parks-drawn', '3');
  await page.waitForLoadState('networkidle');
  expect(fetched.filter((path) => path.startsWith('/app/') || path.includes('parkatlas-app'))).toEqual([]);
  // Nor does the atlas's own bundle hold it: strings only the signed-in app shows are absent.
  const wasm = fetched.find((path) => path.endsWith('_bg.wasm'));
  expect(wasm).toMatch(/parkatlas-web/);
  const bytes = Buffer.from(await (await request.get(wasm!)).body()).toString('utf8');
  expect(bytes).toContain('地图找地');
  for (const signedInOnly of ['首问负责人', '一次性告知', '登录已过期']) expect(bytes).not.toContain(signedInOnly);
  // Nor the file parsers of the import page (Shapefile, .prj, Excel): their own messages.
  for (const parserOnly of ['which parkatlas cannot reproject', 'its .dbf cannot be read', 'it is not an Excel workbook'])
    expect(bytes).not.toContain(parserOnly);
  // The way in is a link that loads the signed-in app as a page of its own.
  const signIn = page.getByRole('link', { name: '登录' });
  await expect(signIn).toHaveAttribute('href', '/app/sign-in');
  await expect(signIn).toHaveAttribute('rel', 'external');
});
