// 亩均效益 runs, as a park officer lives them: the park's figures evaluated in the browser,
// a weight moved from value added to tax (core's check names the unbalanced weights until
// they sum to 100 again), exactly the enterprises the server finds in another class under
// the same edit listed as moving, publishing refused for an edited profile, a 公示 period
// that ends before it starts named at notice.end, the run published, and the ranked table
// exported to Excel and read back. Axe on the page in each state.
//
// Desktop is officer.guanggu (park 1), the phone officer.chegu (park 2): the two never meet.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';

import { readFirstSheet } from '../xlsx';
import { axeClean, signIn } from './support';

test.describe.configure({ timeout: 120_000 });

const WHO: Record<string, { officer: string; parkId: number }> = {
  desktop: { officer: 'officer.guanggu', parkId: 1 },
  phone: { officer: 'officer.chegu', parkId: 2 },
};
const who = () => WHO[test.info().project.name] ?? WHO.desktop;
/** The page evaluates last year's figures, as of today in China. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const YEAR = Number(today.slice(0, 4)) - 1;
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The edit of the journey: 30 points of 亩均税收 become 60, taken from value added per 亩 and per energy. */
const EDIT = { tax_per_mu: 60, value_added_per_mu: 5, value_added_per_energy: 5 };

type Result = { enterprise_id: number; result: { outcome: { status: string; class?: string } } };
/** A result's class as the page names it: A to D when graded, T when exempt, none otherwise. */
const classOf = ({ result: { outcome } }: Result) =>
  outcome.status === 'graded' ? outcome.class! : outcome.status === 'exempt' ? 'T' : null;

/**
 * Who the server puts in another class under the edit: the city admin stores the edited copy
 * of 黄岩 2022 and evaluates the park under both profiles (the same core, on the server's
 * own figures), and the journey diffs the two runs' results.
 */
async function serverMovers(request: APIRequestContext): Promise<Set<string>> {
  const login = await request.post('/api/v1/session', { data: { username: 'admin', password: 'parkatlas-demo' } });
  expect(login.status()).toBe(201);
  const { csrf_token } = await login.json();
  const headers = (key: string) => ({ 'X-CSRF-Token': csrf_token, 'Idempotency-Key': `e2e-runs-${key}-${who().parkId}-${Date.now()}` });
  const profiles = await (await request.get('/api/v1/profiles')).json();
  const original = profiles.find((record: { key: string }) => record.key === 'huangyan-2022');
  const edited = structuredClone(original.profile);
  edited.id = `e2e-runs-${who().parkId}-${Date.now()}`;
  for (const item of edited.cohorts[0].items) item.weight = EDIT[item.indicator as keyof typeof EDIT] ?? item.weight;
  const stored = await request.post('/api/v1/profiles', { headers: headers('profile'), data: edited });
  expect(stored.status(), await stored.text()).toBe(201);
  const classes = async (profileId: number) => {
    const run = await request.post('/api/v1/evaluations', {
      headers: headers(`run-${profileId}`),
      data: { profile_id: profileId, year: YEAR, evaluation_date: today, park_id: who().parkId },
    });
    expect(run.status(), await run.text()).toBe(201);
    const results = await (await request.get(`/api/v1/evaluations/${(await run.json()).id}/results`)).json();
    return new Map<string, string | null>(results.map((r: Result) => [String(r.enterprise_id), classOf(r)]));
  };
  const before = await classes(original.id);
  const after = await classes((await stored.json()).id);
  return new Set([...before].filter(([id, cls]) => after.get(id) !== cls).map(([id]) => id));
}

test('an officer runs, edits a weight, sees who moves, publishes with a 公示 period and exports', async ({ page, playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL });
  const expected = await serverMovers(admin);
  expect(expected.size, 'the edit moves somebody in the demo data').toBeGreaterThan(0);

  await signIn(page, who().officer);
  // From the workspace home's section tile.
  await page.locator('a.section-tile[href="/app/workspace/evaluations"]').click();
  await expect(page).toHaveURL(/\/app\/workspace\/evaluations$/);

  // The park's figures of last year under 黄岩 2022, evaluated in the browser.
  const rows = page.getByTestId('ranked-row');
  await expect(rows.first()).toBeVisible();
  const chart = page.getByTestId('class-chart');
  const countsBefore = await chart.getAttribute('data-counts');
  await axeClean(page);

  // A row's explanation on tap, item by item.
  await rows.first().getByRole('button').click();
  const explanation = page.getByTestId('explanation');
  await expect(explanation).toContainText('亩均税收');
  await explanation.getByRole('button', { name: '关闭' }).click();
  await expect(explanation).toHaveCount(0);

  // Move weight to tax: core names the unbalanced weights beside the cohort until they sum to 100.
  await page.locator('#runs-cohorts-0--items-0--weight').fill(String(EDIT.tax_per_mu));
  await expect(page.getByTestId('weights-problem').first()).toHaveText('权重合计 130，应为 100');
  await page.locator('#runs-cohorts-0--items-1--weight').fill(String(EDIT.value_added_per_mu));
  await page.locator('#runs-cohorts-0--items-2--weight').fill(String(EDIT.value_added_per_energy));
  await expect(page.getByTestId('weights-problem')).toHaveCount(0);

  // Exactly the enterprises the server moves under the same edit.
  const movers = page.getByTestId('movers-edit');
  await expect(movers).toHaveAttribute('data-moved', String(expected.size));
  await expect(movers.getByRole('heading')).toHaveText(`本次修改：${expected.size} 家企业类别变化`);
  for (const id of await movers.getByTestId('mover').evaluateAll((items) => items.map((item) => item.getAttribute('data-enterprise')))) {
    expect(expected.has(id!), `enterprise ${id} moves on the server too`).toBe(true);
  }
  // 黄岩's class rule takes shares of the cohort: who is in each class changes, not how many.
  await expect(chart).toHaveAttribute('data-counts', countsBefore!);
  await expect(page.getByTestId('movers-baseline')).toHaveAttribute('data-moved', String(expected.size));
  await axeClean(page);

  // An edited profile is a what-if: publishing needs the stored one.
  await expect(page.getByTestId('publish-blocked')).toBeVisible();
  await expect(page.getByTestId('publish')).toBeDisabled();
  await page.getByRole('button', { name: '恢复原方案' }).click();
  await expect(page.getByTestId('publish-blocked')).toHaveCount(0);
  await expect(page.getByTestId('movers-baseline')).toHaveAttribute('data-moved', '0');

  // A 公示 that ends before it starts: core's message at notice.end, nothing sent.
  await page.locator('#notice-start').fill(plusDays(today, 1));
  await page.locator('#notice-end').fill(today);
  await expect(page.locator('#notice-end-problem')).toContainText('公示 must end');
  await expect(page.getByTestId('publish')).toBeDisabled();
  await page.locator('#notice-end').fill(plusDays(today, 10));
  await page.getByTestId('publish').click();
  const published = page.getByTestId('published');
  await expect(published).toContainText(`公示期 ${plusDays(today, 1)} 至 ${plusDays(today, 10)}`);
  const runId = await published.getAttribute('data-run');
  const run = await (await page.request.get(`/api/v1/evaluations/${runId}`)).json();
  expect(run.notice).toEqual({ start: plusDays(today, 1), end: plusDays(today, 10) });
  expect(run.summary.park_id).toBe(who().parkId);
  await axeClean(page);

  // The ranked table as Excel, read back: a header and one row per enterprise, best first.
  const shown = Number((await page.getByTestId('runs-shown').textContent())!.match(/\/ (\d+)/)![1]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  expect(download.suggestedFilename()).toBe(`亩均效益-${YEAR}-huangyan-2022-园区${who().parkId}.xlsx`);
  const sheet = readFirstSheet(readFileSync((await download.path())!));
  expect(sheet[0]).toEqual(['排名', '企业名称', '统一社会信用代码', '组别', '得分', '类别']);
  expect(sheet.length - 1).toBe(shown);
  expect(sheet[1][0]).toBe('1');
  expect(sheet[1][5]).toMatch(/^A /);
  await admin.dispose();
});
