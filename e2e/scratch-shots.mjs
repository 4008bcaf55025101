// Scratch: screenshots of the signed-in app at phone size (not committed).
import { chromium } from '@playwright/test';
const base = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
const page = await context.newPage();
const errors = [];
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
page.on('pageerror', (e) => errors.push(e.message));
await page.goto(base + '/app/requests');
await page.waitForTimeout(3000);
await page.screenshot({ path: '/tmp/shots/1-signin.png', fullPage: true });
console.log('url after', page.url());
await page.getByRole('button', { name: /enterprise\.a/ }).click();
await page.getByRole('button', { name: '登录' }).click();
await page.waitForTimeout(3000);
console.log('url after login', page.url());
await page.screenshot({ path: '/tmp/shots/2-list.png', fullPage: true });
await page.goto(base + '/app/requests/new');
await page.waitForTimeout(4000);
await page.screenshot({ path: '/tmp/shots/3-new.png', fullPage: true });
const first = page.getByTestId('request-card').first();
await page.goto(base + '/app/requests');
await page.waitForTimeout(2500);
if (await first.count()) { await first.click(); await page.waitForTimeout(2500); await page.screenshot({ path: '/tmp/shots/4-detail.png', fullPage: true }); }
console.log('errors', JSON.stringify(errors));
await browser.close();
