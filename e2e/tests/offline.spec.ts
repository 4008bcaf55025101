// Offline first in the signed-in app: the shell opens without a connection, the enterprise's
// records stay on the device, and a change made offline waits in the outbox until it is sent.
import { expect, test, type Page } from '@playwright/test';

// Each journey signs in, waits for the service worker and the replica, and reloads.
test.describe.configure({ timeout: 60_000 });

async function signIn(page: Page) {
  await page.goto('/app/sign-in');
  await page.getByLabel('用户名').fill('enterprise.a');
  await page.getByLabel('密码').fill('parkatlas-demo');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/app\/enterprise/);
  // The service worker has kept the shell once it is active.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
}

/** How many records of `kind` the replica in IndexedDB holds. */
function replicaCount(page: Page, kind: string): Promise<number> {
  return page.evaluate(
    (kind) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('parkatlas');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const index = open.result.transaction('records').objectStore('records').index('kind');
          const count = index.count(kind);
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        };
      }),
    kind,
  );
}

test('the app opens offline with the enterprise records it keeps', async ({ page, context }) => {
  await signIn(page);
  const requests = await (await page.request.get('/api/v1/requests')).json();
  expect(requests.length).toBeGreaterThan(0);
  await expect.poll(() => replicaCount(page, 'request')).toBe(requests.length);

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('.offline-banner')).toContainText('离线');
  await expect(page.locator('.topbar__account')).toBeVisible();
  expect(await replicaCount(page, 'request')).toBe(requests.length);
  await context.setOffline(false);

  // A shared device keeps nothing of the account once it signs out.
  await page.locator('.topbar__account').click();
  await expect(page).toHaveURL(/\/app\/sign-in/);
  await expect.poll(() => replicaCount(page, 'request')).toBe(0);
});

test('a change made offline waits in the outbox and is sent once online', async ({ page, context }) => {
  await signIn(page);
  await page.goto('/app/outbox');
  await expect(page.getByText('没有待发送的内容')).toBeVisible();

  await context.setOffline(true);
  // What the filing page stores: the item's JSON beside its photo, a Blob.
  const title = `离线提交的诉求 ${Date.now()}`;
  await page.evaluate(async (title) => {
    const entry = {
      operation_id: `e2e-offline-${Date.now()}`,
      owner: 'enterprise.a',
      created_at_ms: Date.now(),
      state: 'waiting',
      write: {
        kind: 'new_request',
        request: { category: 'general', title, body: '三号厂房配电房漏水，请协调处理。', parcel_id: null },
        photos: ['配电房.jpg'],
      },
      progress: { request_id: null, photos_stored: 0 },
      problem: null,
      conflict: null,
      answer: null,
      sent_at_ms: null,
    };
    // A real JPEG: the server reads images to strip their metadata.
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 16;
    const jpeg = await new Promise<Blob>((resolve) => canvas.toBlob((blob) => resolve(blob!), 'image/jpeg'));
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('parkatlas');
      open.onsuccess = () => {
        const transaction = open.result.transaction('outbox', 'readwrite');
        transaction.objectStore('outbox').put({ entry: JSON.stringify(entry), photos: [jpeg] }, entry.operation_id);
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error);
      };
    });
  }, title);
  await page.reload();
  const item = page.locator('.outbox-item', { hasText: title });
  await expect(item).toContainText('等待发送');
  await expect(page.locator('.topbar__outbox-count')).toHaveText('1');
  // Signing out asks first while something is unsent; staying keeps the session.
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('还有 1 项未发送');
    void dialog.dismiss();
  });
  await page.locator('.topbar__account').click();
  await expect(page).toHaveURL(/\/app\/outbox/);

  await context.setOffline(false);
  await expect(item).toContainText('已发送');
  await expect(item.locator('.outbox-item__receipt')).toContainText('编号 #');
  await expect(item.locator('.outbox-item__receipt')).toContainText('办结期限');
  await expect(page.locator('.topbar__outbox-count')).toHaveCount(0);
  const href = await item.locator('.outbox-item__receipt a').getAttribute('href');
  const record = await (await page.request.get(`/api/v1${href!.replace('/app', '')}`)).json();
  expect(record.title).toBe(title);
  expect(record.attachments.map((a: { name: string }) => a.name)).toEqual(['配电房.jpg']);
});
