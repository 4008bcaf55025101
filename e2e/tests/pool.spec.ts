// 梯度培育库 and the park dashboard: an officer opens the pool of their park, finds the
// pyramid counts the API's own assessments imply, widens the near rule and sees more
// candidates, exports the pool to Excel (one sheet per list), then opens the dashboard
// and finds every target met, not met or unknown; an admin compares the parks.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { readFirstSheet, unzip } from '../xlsx';
import { axeClean, signIn } from './support';

test.describe.configure({ timeout: 90_000 });


test('an officer reads the pool, widens the near rule, exports it and reads the dashboard', async ({ page }) => {
  await signIn(page, 'officer.guanggu');
  // What the API's own assessments imply: enterprises of park 1 by highest step.
  const enterprises: { id: number; park_id: number }[] = await (await page.request.get('/api/v1/enterprises?park_id=1')).json();
  const expected: Record<string, number> = {};
  for (const e of enterprises) {
    const tiers = await (await page.request.get(`/api/v1/enterprises/${e.id}/tiers`)).json();
    const step = tiers.highest_step ?? 'none';
    expected[step] = (expected[step] ?? 0) + 1;
  }

  await page.goto('/app/workspace/pool');
  await expect(page.getByRole('heading', { name: '梯度金字塔' })).toBeVisible();
  for (const step of ['none', 'tech_or_innovative_sme', 'specialised_sme', 'little_giant', 'single_champion']) {
    await expect(page.locator(`.pyramid__level[data-step="${step}"]`)).toHaveAttribute('data-count', String(expected[step] ?? 0));
  }
  await axeClean(page);

  const count = page.locator('.pool__count');
  await page.getByLabel('未满足项上限').fill('0');
  await page.getByLabel('差距上限（%）').fill('0');
  const narrow = Number(await count.getAttribute('data-count'));
  await page.getByLabel('未满足项上限').fill('5');
  await page.getByLabel('差距上限（%）').fill('100');
  await expect.poll(async () => Number(await count.getAttribute('data-count'))).toBeGreaterThan(narrow);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = await (await download).path();
  const bytes = readFileSync(file);
  const workbook = unzip(bytes).get('xl/workbook.xml')!.toString('utf8');
  const sheets = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
  expect(sheets).toEqual(['梯度金字塔', '临近晋级', '证书到期', '新旧规则变化']);
  // The pyramid sheet counts every enterprise of the park once, as the page does.
  const [header, ...levels] = readFirstSheet(bytes);
  expect(header).toEqual(['梯度', '企业数']);
  const perStep = levels.slice(0, 5).map((row) => Number(row[1]));
  expect(perStep.reduce((sum, n) => sum + n, 0)).toBe(enterprises.length);

  await page.goto('/app/workspace/parks');
  const target = page.locator('.target[data-key="high_tech_manufacturing_share"]');
  await expect(target).toHaveAttribute('data-standing', 'unknown');
  await target.getByRole('textbox').fill('30');
  await expect(target).toHaveAttribute('data-standing', 'met');
  await target.getByRole('textbox').fill('20');
  await expect(target).toHaveAttribute('data-standing', 'not-met');
  await expect(page.locator('.dashboard__compare')).toHaveCount(0);
  await axeClean(page);
});

test('an admin compares every park side by side', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/app/workspace/parks');
  const parks = (await (await page.request.get('/api/v1/parks')).json()).features;
  await expect(page.locator('.dashboard__compare tbody tr')).toHaveCount(parks.length);
  await axeClean(page);
});
