// 土地, the officials' land page: an officer sees the idle and 批而未供 parcels of their park
// with core's reasons and edits a parcel's status through a 412 (a change saved meanwhile in
// another tab). Drawing an outline is not driven here: taps on the map do not reach
// Leaflet's click handlers in this journey (issue 14).
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
