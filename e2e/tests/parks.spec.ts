// Park profiles and the comparison: public aggregates only, as the API reports them.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

type Statistics = {
  enterprises: number;
  land: { status: string; parcels: number; area_m2: number }[];
  latest_evaluation: { classes: { a: number; b: number; c: number; d: number } } | null;
};

test('a park profile shows its totals and the leading-industry rule', async ({ page, request }) => {
  const parks = await (await request.get('/api/v1/parks')).json();
  const park = parks.features[0];
  const stats: Statistics = await (await request.get(`/api/v1/parks/${park.id}/statistics`)).json();
  await page.goto(`/parks/${park.id}`);
  const profile = page.getByTestId('park-profile');
  await expect(profile.getByRole('heading', { level: 1 })).toHaveText(park.properties.name);
  await expect(profile.locator('.figure', { hasText: '入园企业' })).toContainText(`${stats.enterprises} 家`);
  const count = park.properties.details.leading_industries.length;
  await expect(page.getByTestId('industry-rule')).toContainText(`${count} ${count <= 3 ? '符合' : '不符合'}`);
  if (stats.latest_evaluation) {
    const { a } = stats.latest_evaluation.classes;
    await expect(page.getByTestId('park-classes').locator('.bar').first()).toContainText(String(a));
  }
  // No enterprise's own figures: the page text never names a revenue or tax of one.
  await expect(profile).not.toContainText('营业收入');
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('compare two parks side by side, then a third', async ({ page, request }) => {
  const parks = await (await request.get('/api/v1/parks')).json();
  const [first, second, third] = parks.features;
  await page.goto(`/compare?parks=${first.id},${second.id}`);
  const table = page.locator('.compare__table');
  await expect(table.locator('thead th')).toHaveCount(3);
  await expect(table.locator('thead')).toContainText(first.properties.name);
  await expect(table.locator('thead')).toContainText(second.properties.name);
  await page.getByLabel('选择园区').selectOption(String(third.id));
  await expect(table.locator('thead th')).toHaveCount(4);
  await expect(page).toHaveURL(new RegExp(`parks=${first.id},${second.id},${third.id}`));
  await table.getByRole('button', { name: '移除' }).first().click();
  await expect(table.locator('thead th')).toHaveCount(3);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
