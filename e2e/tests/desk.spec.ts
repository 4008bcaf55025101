// 工作台 and the request desk, as a park officer lives them: the home's overdue figure opens
// the desk filtered, an overdue request is claimed (首问负责), told every missing material at
// once (一次性告知), extended with a reason and resolved with a reply and a photo; then the
// enterprise that filed it sees each step in its timeline. The KPIs show figures for the demo
// data and an investor inquiry is marked answered. Axe on every page.
//
// Desktop and phone run at once against one database, so each takes its own park: the demo
// gives the first firm of parks 1 and 2 a received, overdue 厂房用电增容 (一般诉求).
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { axeClean, photo, signIn } from './support';

test.describe.configure({ timeout: 120_000 });

/** The accounts of the project's park: officer.guanggu and enterprise.a on the desktop. */
function cast(testInfo: TestInfo) {
  return testInfo.project.name === 'phone'
    ? { officer: 'officer.chegu', officerName: '车谷云帆园区管理员（演示）', enterprise: 'enterprise.b', enterpriseId: 2 }
    : { officer: 'officer.guanggu', officerName: '光谷星河园区管理员（演示）', enterprise: 'enterprise.a', enterpriseId: 1 };
}

/** Takes the desk step `step` on the open request page and waits for the state it reaches. */
async function step(page: Page, name: string, reached: string, fill?: () => Promise<void>) {
  const actions = page.getByTestId('desk-actions');
  await actions.getByRole('button', { name, exact: true }).click();
  if (fill) await fill();
  await actions.getByRole('button', { name: '提交', exact: true }).click();
  await expect(page.getByTestId('request-state')).toHaveText(reached, { timeout: 20_000 });
}

test('an officer claims an overdue request, tells every missing material, extends and resolves it; the enterprise sees each step', async ({ page }, testInfo) => {
  const who = cast(testInfo);
  await signIn(page, who.officer);
  await expect(page).toHaveURL(/\/app\/workspace$/);
  const mine = (await (await page.request.get('/api/v1/requests')).json()).find(
    (r: { enterprise_id: number; state: string; title: string }) =>
      r.enterprise_id === who.enterpriseId && r.state === 'received' && r.title === '厂房用电增容',
  );
  expect(mine, 'the demo gives the first firm a received 厂房用电增容').toBeTruthy();
  const attachmentsBefore = mine.attachments.length;

  // The home: the overdue figure counts it and opens the desk filtered.
  const overdue = page.getByTestId('figure-overdue');
  await expect(overdue.locator('.figure-tile__value')).toHaveText(/^[1-9]\d*$/);
  await expect(page.getByTestId('figure-idle').locator('.figure-tile__value')).toHaveText(/^\d+$/);
  await expect(page.getByRole('link', { name: /梯度培育库/ })).toHaveAttribute('href', '/app/workspace/pool');
  await axeClean(page);
  await overdue.click();
  await expect(page).toHaveURL(/\/app\/workspace\/requests\?due=overdue$/);
  await expect(page.locator('#desk-due')).toHaveValue('overdue');
  await expect(page.getByTestId('state-counts').locator('[data-state="received"] .chip__count')).toHaveText(/^[1-9]\d*$/);
  const card = page.getByTestId('desk-list').locator(`[data-request="${mine.id}"]`);
  await expect(card).toContainText('已超期');
  await axeClean(page);
  await card.getByRole('link').click();
  await expect(page.getByTestId('request-reference')).toHaveText(`#${mine.id}`);
  await expect(page.getByTestId('request-deadline')).toContainText('已超期');

  // Only the steps core allows from received: claim or answer at once.
  const actions = page.getByTestId('desk-actions');
  await expect(actions.getByRole('button', { name: '延期', exact: true })).toHaveCount(0);
  await axeClean(page);
  await step(page, '受理（首问负责）', '已交办');
  await expect(page.getByTestId('request')).toContainText(`本诉求由 ${who.officerName} 首问负责`);

  await step(page, '一次性告知', '办理中', async () => {
    await actions.getByLabel('申请书').check();
    await actions.getByLabel('营业执照复印件').check();
    await actions.getByLabel('其他材料（每行一项）').fill('环评批复');
    await expect(page.getByTestId('notice-preview')).toHaveText(
      '一次性告知：请补齐以下 3 项材料：1. 申请书；2. 营业执照复印件；3. 环评批复。材料齐全后即继续办理。',
    );
    await axeClean(page);
  });

  await step(page, '延期', '已延期', async () => {
    await expect(actions).toContainText('最多延期 10 个工作日');
    await actions.getByLabel('延期理由').fill('需协调供电公司现场踏勘（演示）');
  });
  await expect(page.getByTestId('request-deadline')).toBeVisible();

  await step(page, '办结答复', '已办结', async () => {
    await actions.getByLabel('答复内容').fill('供电公司已完成增容，变压器 1600 kVA 已投运（演示）。');
    await page.locator('#request-photos').setInputFiles([await photo(page, '增容现场.jpg', 400)]);
    await expect(page.locator('.photos__preview')).toHaveCount(1);
  });
  await expect(page.locator('.attachments__item')).toHaveCount(attachmentsBefore + 1, { timeout: 20_000 });

  // The enterprise that filed it sees every step and reply.
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/sign-in/);
  await signIn(page, who.enterprise);
  await page.goto(`/app/requests/${mine.id}`);
  const timeline = page.getByTestId('timeline');
  for (const text of ['调度交办', '首问负责', '签收办理', '一次性告知：请补齐以下 3 项材料', '环评批复', '延期', '需协调供电公司现场踏勘', '回复办结', '变压器 1600 kVA 已投运']) {
    await expect(timeline).toContainText(text);
  }
  await expect(page.getByTestId('request-state')).toHaveText('已办结');
  await expect(page.getByTestId('rating')).toBeVisible();
  await axeClean(page);
});

test('the KPIs show figures for the demo data, and an inquiry is marked answered', async ({ page }, testInfo) => {
  const who = cast(testInfo);
  await signIn(page, who.officer);
  await page.goto('/app/workspace/requests/kpis');
  await page.locator('#kpis-from').fill('2026-01-01');
  await page.locator('#kpis-to').fill('2026-11-30');
  const parks = page.getByTestId('kpis-parks');
  await expect(parks.locator('tbody tr')).toHaveCount(1);
  await expect(parks.locator('tbody tr td').nth(1)).toHaveText(/^\d+\.\d%$/);
  await expect(page.getByTestId('kpis-categories').locator('tbody tr').first()).toBeVisible();
  await expect(page.locator('.kpis__bar')).toHaveCount(4);
  await expect(page.getByText('待核实').first()).toBeVisible();
  await axeClean(page);

  await page.goto('/app/workspace');
  await page.getByTestId('figure-new-inquiries').click();
  await expect(page).toHaveURL(/\/app\/workspace\/inquiries\?status=new$/);
  const first = page.getByTestId('inquiry').first();
  await expect(first).toContainText('@example.com');
  await axeClean(page);
  const reference = (await first.locator('.inquiry-card__meta').textContent())!.split(' · ')[0];
  await first.getByRole('button', { name: '标记为已答复' }).click();
  await expect(first.getByTestId('inquiry-status')).toHaveText('已答复');
  await page.goto('/app/workspace/inquiries?status=answered');
  await expect(page.getByTestId('inquiry').filter({ hasText: reference })).toContainText('已答复');
});
