// 土地, the officials' land page: an officer sees the idle and 批而未供 parcels of their park
// with core's reasons and edits a parcel's status through a 412 (a change saved meanwhile in
// another tab); on a fresh page, draws an outline that crosses itself and is refused with a
// message, mends it, saves the new parcel and finds it through the API.
//
// Each project signs in as the officer of its own park (desktop 光谷, phone 车谷), so that
// the journeys run in parallel on one database without meeting.
import { type Page, expect, test } from '@playwright/test';
import { axeClean } from './support';

const OFFICER: Record<string, string> = { desktop: 'officer.guanggu', phone: 'officer.chegu' };
const officer = () => OFFICER[test.info().project.name] ?? OFFICER.desktop;

test.describe.configure({ timeout: 90_000 });

async function signIn(page: Page) {
  await page.goto('/app/sign-in?next=%2Fapp%2Fworkspace%2Fland%3Fflag%3Didle');
  await page.getByLabel('用户名').fill(officer());
  await page.getByLabel('密码').fill('parkatlas-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/app\/workspace\/land\?flag=idle/);
}


/** A tap on the map at a fraction of its width and height: a finger on the phone, a click on the desktop. */
async function tapMap(page: Page, x: number, y: number) {
  await page.getByTestId('park-map').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('park-map').boundingBox())!;
  const [px, py] = [box.x + box.width * x, box.y + box.height * y];
  if (test.info().project.name === 'phone') {
    await page.touchscreen.tap(px, py);
  } else {
    await page.mouse.click(px, py);
  }
}

test('an officer lists flagged land and edits a parcel through a conflict', async ({ page }) => {
  await signIn(page);

  // 闲置 first, from the workspace home's link, each with its reason; then 批而未供.
  const items = page.getByTestId('land-item');
  await expect(items.first()).toBeVisible({ timeout: 30_000 });
  await expect(items.first().locator('[data-flag="idle"]')).toContainText('仍未动工');
  await axeClean(page);
  await page.locator('.land-filter [data-flag="unsupplied"]').click();
  await expect(page).toHaveURL(/flag=unsupplied/);
  await expect(items.first().locator('[data-flag="unsupplied"]')).toContainText('尚未供应');

  // Tapping an item selects the parcel on the map and keeps it in the URL.
  const first = items.first();
  const id = Number((await first.getAttribute('id'))!.replace('land-item-', ''));
  await first.locator('.land-item__pick').click();
  await expect(page).toHaveURL(new RegExp(`parcel=${id}`));
  await expect(page.getByTestId('land-selected')).toBeVisible();

  // Edit the status; meanwhile the parcel changes in another tab: the 412 shows the server's
  // version, keeps what was typed, and saving over it works.
  await page.getByRole('button', { name: '编辑', exact: true }).click();
  await page.locator('#parcel-status').selectOption('under_construction');
  const { csrf_token } = await (await page.request.get('/api/v1/session')).json();
  const stored = await (await page.request.get(`/api/v1/parcels/${id}`)).json();
  const body = { ...stored.properties, geometry: stored.geometry };
  for (const key of ['park_id', 'area_m2', 'version']) delete body[key];
  delete body.details.occupant_name;
  const meanwhile = await page.request.put(`/api/v1/parcels/${id}`, {
    headers: { 'X-CSRF-Token': csrf_token, 'If-Match': `"${stored.properties.version}"`, 'Idempotency-Key': `e2e-land-${id}-${Date.now()}` },
    data: { ...body, status: 'granted' },
  });
  expect(meanwhile.status()).toBe(200);
  await page.getByTestId('save-parcel').click();
  const conflict = page.getByTestId('parcel-conflict');
  await expect(conflict).toContainText(`第 ${stored.properties.version + 1} 版`);
  await expect(page.locator('#parcel-status')).toHaveValue('under_construction');
  await conflict.getByRole('button', { name: '以我的内容保存' }).click();
  await expect(page.getByTestId('save-said')).toContainText('已保存');
  const saved = await (await page.request.get(`/api/v1/parcels/${id}`)).json();
  expect(saved.properties.status).toBe('under_construction');
  expect(saved.properties.version).toBe(stored.properties.version + 2);
  await page.getByRole('button', { name: '关闭' }).click();
});

test('an officer draws a new parcel: a bow tie is refused in words and on the map, the mended outline is saved', async ({
  page,
}) => {
  await signIn(page);
  await expect(page.getByTestId('draw-new')).toBeEnabled({ timeout: 30_000 });
  // Close enough for a parcel-sized outline (a parcel may cover at most 20 km²).
  const map = page.getByTestId('park-map');
  await map.scrollIntoViewIfNeeded();
  for (let zoom = Number(await map.getAttribute('data-zoom')); zoom < 16; zoom++) {
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect(map).toHaveAttribute('data-zoom', String(zoom + 1));
  }
  await page.getByTestId('draw-new').click();
  await tapMap(page, 0.3, 0.3);
  await tapMap(page, 0.5, 0.5);
  await tapMap(page, 0.5, 0.3);
  await tapMap(page, 0.3, 0.5);
  await expect(map).toHaveAttribute('data-outline-corners', '4');
  await page.getByRole('button', { name: '完成' }).click();
  await expect(page.getByTestId('outline-problem')).toContainText('自相交');
  await expect(map).toHaveAttribute('data-outline-crossing', 'true');
  await expect(page.getByTestId('save-parcel')).toBeDisabled();
  await axeClean(page);

  // Select the last corner on the map and delete it: the triangle left is valid, with its area.
  await tapMap(page, 0.3, 0.5);
  await page.getByRole('button', { name: '删除顶点' }).click();
  await expect(map).toHaveAttribute('data-outline-corners', '3');
  await expect(map).toHaveAttribute('data-outline-crossing', 'false');
  await expect(page.getByTestId('outline-ok')).toBeVisible();
  await expect(page.getByTestId('outline-summary')).toContainText('亩');

  const code = `E2E-${test.info().project.name}-${Date.now()}`;
  await page.locator('#parcel-code').fill(code);
  await page.getByTestId('save-parcel').click();
  await expect(page.getByTestId('save-said')).toContainText('已保存');
  const found = await (await page.request.get(`/api/v1/land?q=${code}`)).json();
  expect(found.total).toBe(1);
  const created = await (await page.request.get(`/api/v1/parcels/${found.parcels[0].id}`)).json();
  expect(created.geometry.coordinates[0]).toHaveLength(4);
  expect(created.properties.area_m2).toBeGreaterThan(0);
});
