// The atlas page: the demo parks and every one of their parcels are drawn on the map.
import { expect, test, type Page } from '@playwright/test';

type Collection = { features: { id: number; properties: Record<string, unknown> }[] };

async function screenshot(page: Page, name: string, project: string) {
  await page.screenshot({ path: `artifacts/screenshots/${name}-${project}.png` });
}

/** Share of the canvas painted with parcel fills (mostly opaque); park boundaries are
 *  filled almost transparently, so they alone leave this near zero. */
async function paintedShare(page: Page): Promise<number> {
  return page.locator('.leaflet-overlay-pane canvas').evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 128) painted++;
    return painted / (canvas.width * canvas.height);
  });
}

test('draws every demo park and parcel, labelled as demo data', async ({ page, request }, testInfo) => {
  const parks: Collection = await (await request.get('/api/v1/parks')).json();
  expect(parks.features).toHaveLength(3);
  let parcels = 0;
  for (const park of parks.features) {
    const response: Collection = await (await request.get(`/api/v1/parks/${park.id}/parcels`)).json();
    parcels += response.features.length;
  }
  expect(parcels).toBeGreaterThan(150);

  await page.goto('/');
  const map = page.getByTestId('park-map');
  await expect(map).toHaveAttribute('data-parks-drawn', String(parks.features.length));
  await expect(map).toHaveAttribute('data-parcels-drawn', String(parcels));
  await expect(page.getByTestId('demo-notice')).toContainText('演示数据');
  await expect(page.locator('.leaflet-overlay-pane canvas')).toHaveCount(1);
  await screenshot(page, 'atlas-overview', testInfo.project.name);

  // Framed alone, a park's parcels cover much of the map: the canvas really painted them.
  await page.getByRole('button', { name: /光谷星河智造园/ }).click();
  await expect.poll(() => paintedShare(page)).toBeGreaterThan(0.1);
  await screenshot(page, 'atlas-park', testInfo.project.name);
});

test('choosing a park frames it on the map', async ({ page }) => {
  await page.goto('/');
  const map = page.getByTestId('park-map');
  await expect(map).toHaveAttribute('data-zoom', /\d+/);
  const overview = Number(await map.getAttribute('data-zoom'));
  const card = page.getByRole('button', { name: /汉江湾都市工业园/ });
  await card.click();
  await expect(card).toHaveAttribute('aria-pressed', 'true');
  // The smallest park, framed alone, needs a closer zoom than all three together.
  await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(overview);
});

test('switches to English and remembers the choice', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '园区' })).toBeVisible();
  await expect(page.locator('.park-label')).toHaveText([/光谷星河智造园/, /车谷云帆/, /汉江湾/]);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Parks' })).toBeVisible();
  // The labels on the map follow the language without a redraw.
  await expect(page.locator('.park-label').first()).toHaveText('Guanggu Xinghe Smart Manufacturing Park (demo)');
  await expect(page.locator('.park-card__name', { hasText: 'Hanjiang Bay Urban Industrial Park (demo)' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Parks' })).toBeVisible();
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '园区' })).toBeVisible();
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
