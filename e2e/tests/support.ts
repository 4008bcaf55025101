// What the signed-in journeys share: signing in through the page, the axe check, and a real
// JPEG made by the browser.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function signIn(page: Page, username = 'enterprise.a') {
  await page.goto('/app/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('parkatlas-demo');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
}

export async function axeClean(page: Page) {
  const { violations } = await new AxeBuilder({ page }).exclude('.leaflet-container').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

/** A real JPEG of `size` pixels made by the browser, as a phone camera would hand one over. */
export async function photo(page: Page, name: string, size = 1200): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const base64 = await page.evaluate(async (size) => {
    const canvas = new OffscreenCanvas(size, Math.round(size * 0.75));
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#0f5c4d';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = '#fff4dc';
    context.fillRect(size / 4, size / 8, size / 2, size / 4);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
  }, size);
  return { name, mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') };
}
