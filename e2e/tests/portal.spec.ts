// 我的企业, the enterprise portal: a figure changed moves the estimated score and class
// before it is saved; a concurrent edit from a second session opens the conflict view and
// the merge loses nothing; the tiers show the gap to the next tier, with a what-if.
//
// Each project signs in as its own enterprise (desktop enterprise.a in park 1, phone
// enterprise.b in park 2), and each test edits its own year, so that the journeys run in
// parallel on one database without meeting.
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Page, expect, test } from '@playwright/test';

type Who = { username: string; enterpriseId: number; parkId: number; officer: string };

const WHO: Record<string, Who> = {
  desktop: { username: 'enterprise.a', enterpriseId: 1, parkId: 1, officer: 'officer.guanggu' },
  phone: { username: 'enterprise.b', enterpriseId: 2, parkId: 2, officer: 'officer.chegu' },
};
/** The demo's years of figures: the estimate and save journey uses the last, the conflict the first. */
const ESTIMATE_YEAR = 2025;
const CONFLICT_YEAR = 2023;

const who = () => WHO[test.info().project.name] ?? WHO.desktop;

// Two sessions and a save or two each: more than a map journey.
test.describe.configure({ timeout: 60_000 });

async function signIn(page: Page) {
  await page.goto('/app/sign-in');
  await page.getByLabel('用户名').fill(who().username);
  await page.getByLabel('密码').fill('parkatlas-demo');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/app\/enterprise$/);
}

/** Publishes an evaluation of the park's `year` as its officer, so that estimates have cut-offs. */
async function publishRun(request: APIRequestContext, year: number) {
  const session = await request.post('/api/v1/session', {
    data: { username: who().officer, password: 'parkatlas-demo' },
  });
  const { csrf_token } = await session.json();
  const run = await request.post('/api/v1/evaluations', {
    headers: { 'X-CSRF-Token': csrf_token, 'Idempotency-Key': `e2e-portal-${who().parkId}-${year}-${Date.now()}` },
    data: { profile_id: 1, year, evaluation_date: `${year + 1}-03-31`, park_id: who().parkId },
  });
  expect(run.status()).toBe(201);
}

/** The figures of one year as an enterprise user reads them from the API. */
async function storedYear(page: Page, year: number) {
  const years = await (await page.request.get(`/api/v1/enterprises/${who().enterpriseId}/annual-data`)).json();
  return years.find((stored: { year: number }) => stored.year === year);
}

const input = (page: Page, path: string) => page.locator(`#figures-${path.replace(/[._]/g, '-')}`);

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
}

test('a changed figure moves the estimated score and class before it is saved', async ({ page, request }) => {
  await publishRun(request, ESTIMATE_YEAR);
  await signIn(page);
  await expect(page.getByTestId('class-card').getByTestId('class-badge')).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/app/enterprise/figures/${ESTIMATE_YEAR}`);
  const estimate = page.getByTestId('estimate-score');
  await expect(estimate).toHaveText(/^\d+\.\d\d$/);
  const before = await estimate.textContent();
  const tax = input(page, 'efficiency.tax_wan_yuan');
  const stored = Number(await tax.inputValue());
  await tax.fill(String(Math.round(stored * 10 + 100)));
  // Core rescores in the browser at once: nothing has been sent.
  await expect(estimate).not.toHaveText(before!);
  await expect(estimate).toContainText('(+');
  await expect(page.getByTestId('class-moves')).toBeVisible();
  // Core's check as typed, beside the field.
  const energy = input(page, 'efficiency.energy_tce');
  const energyBefore = await energy.inputValue();
  await energy.fill('-5');
  await expect(page.locator('#figures-efficiency-energy-tce-problem')).toContainText('negative');
  await expect(energy).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('save-figures')).toBeDisabled();
  await energy.fill(energyBefore);
  await expectAccessible(page);

  const version = (await storedYear(page, ESTIMATE_YEAR)).version;
  await page.getByTestId('save-figures').click();
  await expect(page.getByTestId('save-status')).toContainText(`版本 ${version + 1}`);
  expect((await storedYear(page, ESTIMATE_YEAR)).figures.efficiency.tax_wan_yuan).toBe(Math.round(stored * 10 + 100));

  await page.goto('/app/enterprise/efficiency');
  await expect(page.getByTestId('published-items').locator('.item')).not.toHaveCount(0);
  await expect(page.getByTestId('published-items')).toContainText('基准');
  await expectAccessible(page);
});

test('a concurrent edit opens the conflict view and the merge loses nothing', async ({ browser, page }) => {
  const path = `/app/enterprise/figures/${CONFLICT_YEAR}`;
  await signIn(page);
  await page.goto(path);
  const mine = input(page, 'efficiency.tax_wan_yuan');
  await expect(mine).not.toHaveValue('');

  // A second session saves another figure of the same year first.
  const other = await browser.newContext(test.info().project.use);
  const theirs = await other.newPage();
  await signIn(theirs);
  await theirs.goto(path);
  await input(theirs, 'efficiency.water_t').fill('4321');
  await theirs.getByTestId('save-figures').click();
  await expect(theirs.getByTestId('save-status')).toContainText('已保存');
  await other.close();

  await mine.fill('777');
  await page.getByTestId('save-figures').click();
  const conflict = page.getByTestId('conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict.locator('tr[data-figure="efficiency.tax_wan_yuan"]')).toContainText('777');
  await expect(conflict.locator('tr[data-figure="efficiency.water_t"]')).toContainText('4321');
  await expectAccessible(page);
  // Each side keeps its own change: mine for tax, theirs for water.
  await conflict.getByTestId('conflict-save').click();
  await expect(conflict).toBeHidden();
  await expect(page.getByTestId('save-status')).toContainText('已保存');
  const saved = (await storedYear(page, CONFLICT_YEAR)).figures.efficiency;
  expect([saved.tax_wan_yuan, saved.water_t]).toEqual([777, 4321]);
  await expect(input(page, 'efficiency.water_t')).toHaveValue('4321');
});

test('the tiers show each criterion and the gap to the next tier, with a what-if', async ({ page }) => {
  await signIn(page);
  await page.goto('/app/enterprise/tiers');
  await expect(page.getByTestId('highest-step').first()).toBeVisible();
  const gaps = page.getByTestId('gaps');
  await expect(gaps.getByTestId('gap').first()).toBeVisible();
  await expect(gaps.locator('.criterion').first()).toBeVisible();
  await expect(gaps.locator('dt', { hasText: '差距' }).first()).toBeVisible();
  await expect(page.getByTestId('certificates').or(page.getByText('没有登记的证书。'))).toBeVisible();
  await expectAccessible(page);

  const estimate = page.getByTestId('tier-estimate');
  const before = await estimate.textContent();
  await page.locator('#tier-what-if-accounts-revenue-wan-yuan').fill('200000');
  await page.locator('#tier-what-if-accounts-rd-expense-wan-yuan').fill('20000');
  await expect(estimate).not.toHaveText(before!);
});
