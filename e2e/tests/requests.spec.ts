// 企业诉求 in the signed-in app, as enterprise.a lives it: a request filed offline with a
// photo waits in the outbox and is filed once online, with its reference and working-day
// deadline; an officer resolves it; a 不满意 rating reopens it; another enterprise's
// request by URL shows nothing; bad photos are refused before upload. Axe on every page.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { axeClean, photo, signIn } from './support';

test.describe.configure({ timeout: 90_000 });

/** An officer's session through the API, as a second person at the park would act. */
async function officer(request: APIRequestContext) {
  const login = await request.post('/api/v1/session', { data: { username: 'officer.guanggu', password: 'parkatlas-demo' } });
  expect(login.status()).toBe(201);
  const { csrf_token } = await login.json();
  return async (id: number, to: string, note: string) => {
    const current = await request.get(`/api/v1/requests/${id}`);
    const etag = current.headers()['etag'];
    const moved = await request.post(`/api/v1/requests/${id}/events`, {
      headers: { 'X-CSRF-Token': csrf_token, 'If-Match': etag, 'Idempotency-Key': `e2e-${id}-${to}-${Date.now()}` },
      data: { to, note },
    });
    expect(moved.status(), await moved.text()).toBe(200);
  };
}

test('a request filed offline is sent once online, resolved, rated 不满意 and reopened', async ({ page, context, playwright, baseURL }) => {
  await signIn(page);
  await page.goto('/app/requests/new');
  await expect(page.getByRole('heading', { name: '提交诉求' })).toBeVisible();
  // The pin starts on the enterprise's own parcel, the address filled in from it.
  await expect(page.getByTestId('park-map')).toHaveAttribute('data-pin', /^30\.\d+,114\.\d+$/);
  await expect(page.getByLabel('地址')).toHaveValue(/光谷星河/);
  await axeClean(page);

  await context.setOffline(true);
  const title = `厂区围墙破损 ${Date.now() % 100000}`;
  await page.getByText('投诉/举报').click();
  await expect(page.getByText('15 个工作日内办结')).toBeVisible();
  await expect(page.getByTestId('materials')).toContainText('待核实');
  await page.getByLabel('标题').fill(title);
  await page.getByLabel('具体内容').fill('园区东侧围墙约 20 米倒塌，夜间有安全隐患，请尽快修复。');
  await page.locator('#request-photos').setInputFiles([await photo(page, 'IMG_2041.JPG', 3000)]);
  await expect(page.locator('.photos__preview')).toHaveCount(1);
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await expect(page.getByTestId('request-receipt')).toContainText('已保存到待发送');

  await page.locator('.topbar__outbox').click();
  await expect(page.locator('.outbox-item').filter({ hasText: title })).toContainText('等待发送');

  await context.setOffline(false);
  const sent = page.locator('.outbox-item').filter({ hasText: title });
  await expect(sent).toContainText('已发送', { timeout: 20_000 });
  const filed = (await (await page.request.get('/api/v1/requests')).json()).find((r: { title: string }) => r.title === title);
  expect(filed.category).toBe('complaint_or_report');
  expect(filed.attachments).toHaveLength(1);
  expect(filed.attachments[0].name).toBe('IMG_2041.jpg');
  expect(filed.location.lat).toBeGreaterThan(30);

  await page.goto(`/app/requests/${filed.id}`);
  await expect(page.getByTestId('request-reference')).toHaveText(`#${filed.id}`);
  await expect(page.getByTestId('request-deadline')).toContainText(/还剩 \d+ 个工作日|今天到期/);
  await expect(page.locator('.attachments__thumb')).toHaveCount(1);
  await axeClean(page);

  // The park's officer takes it and answers: the first to take it owns it (首问负责).
  const api = await playwright.request.newContext({ baseURL });
  const act = await officer(api);
  await act(filed.id, 'assigned', '交园区建设部门处理（演示）');
  await act(filed.id, 'in_progress', '');
  await act(filed.id, 'resolved', '围墙已修复，请查看。');
  await page.reload();
  await expect(page.getByTestId('request-state')).toHaveText('已办结');
  await expect(page.getByText('光谷星河园区管理员（演示）').first()).toBeVisible();

  await page.getByTestId('rating').getByText('不满意', { exact: true }).click();
  await page.getByLabel('理由').fill('只修了一半，东北角仍然倒塌。');
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByTestId('request-state')).toHaveText('重办', { timeout: 20_000 });
  await expect(page.getByTestId('timeline')).toContainText('督办重办');
  await expect(page.getByTestId('timeline')).toContainText('只修了一半');
  await api.dispose();
});

test("another enterprise's request by URL shows no data", async ({ page, playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  await api.post('/api/v1/session', { data: { username: 'enterprise.b', password: 'parkatlas-demo' } });
  const theirs = (await (await api.get('/api/v1/requests')).json())[0];
  await api.dispose();

  await signIn(page);
  await page.goto(`/app/requests/${theirs.id}`);
  await expect(page.getByRole('alert')).toContainText('没有找到，或不属于您的企业');
  await expect(page.getByText(theirs.title)).toHaveCount(0);
  await expect(page.getByText(theirs.body)).toHaveCount(0);
  await axeClean(page);
});

test('photos that are not images, too many, or a list of requests', async ({ page }) => {
  await signIn(page);
  await page.goto('/app/requests');
  await expect(page.getByTestId('request-card').first()).toBeVisible();
  await axeClean(page);

  await page.goto('/app/requests/new');
  const problem = page.getByTestId('photo-problem');
  await page.locator('#request-photos').setInputFiles([{ name: '合同.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') }]);
  await expect(problem).toContainText('“合同.pdf”不是图片');
  await expect(page.locator('.photos__preview')).toHaveCount(0);
  const four = await Promise.all(['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg'].map((name) => photo(page, name, 400)));
  await page.locator('#request-photos').setInputFiles(four);
  await expect(page.locator('.photos__preview')).toHaveCount(3);
  await expect(problem).toContainText('最多 3 张照片');
});
