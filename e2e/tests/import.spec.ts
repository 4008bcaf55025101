// Import in the browser, previewed before anything is stored: an officer imports a zipped
// Shapefile in EPSG:4547 (CGCS2000, 3-degree Gauss–Krüger CM 114° E) with GBK attributes,
// built for the test from known WGS-84 corners, and finds each parcel where it was
// surveyed, within a metre, when reading it back through the API; a survey with one bad
// feature imports nothing and the page names the feature and its field.
//
// The zips come from the exchange crate's generator (the same builder the Rust tests use).
// Each project signs in as its own park's officer and codes its parcels uniquely, so that
// the journeys run in parallel on one database.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { axeClean, signIn } from './support';

type Who = { officer: string; parkId: number };
const WHO: Record<string, Who> = {
  desktop: { officer: 'officer.guanggu', parkId: 1 },
  phone: { officer: 'officer.chegu', parkId: 2 },
};
const who = () => WHO[test.info().project.name] ?? WHO.desktop;

/** A built parcel: its code and the WGS-84 corners it was built from. */
type Known = { code: string; note: string; ring: [number, number][] };

// The generator is compiled on first use.
test.describe.configure({ timeout: 240_000 });

/** Writes a survey zip of three parcels coded `prefix-1…3`; with `bad`, the second has a land use no parcel can have. */
function survey(prefix: string, bad: boolean): { file: string; known: Known[] } {
  const file = join(mkdtempSync(join(tmpdir(), 'parkatlas-import-')), `${prefix}.zip`);
  const args = ['run', '--release', '--quiet', '-p', 'parkatlas-exchange', '--example', 'survey-zip', '--', file, prefix];
  const out = execFileSync('cargo', bad ? [...args, 'bad'] : args, { cwd: '..', encoding: 'utf8' });
  return { file, known: JSON.parse(out) };
}

/** Metres between two WGS-84 points (haversine: within millimetres of the ellipsoid over a metre). */
function metres([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

async function signInAsOfficer(page: Page) {
  await signIn(page, who().officer);
  await expect(page).toHaveURL(/\/app\/workspace$/);
}

async function openImport(page: Page, file: string) {
  // From the workspace home's tile, as an officer gets there.
  await page.getByRole('link', { name: /^导入导出/ }).click();
  await expect(page).toHaveURL(/\/app\/workspace\/import$/);
  await page.locator('#import-park').selectOption(String(who().parkId));
  await page.locator('#import-file').setInputFiles(file);
}

/** The parcels of the officer's park, by code, as the API returns them. */
async function storedParcels(page: Page) {
  const collection = await (await page.request.get(`/api/v1/parks/${who().parkId}/parcels`)).json();
  const byCode = new Map<string, { id: number; geometry: { coordinates: [number, number][][] } }>();
  for (const feature of collection.features) byCode.set(feature.properties.code, feature);
  return byCode;
}

test('an officer imports a zipped Shapefile in EPSG:4547 with GBK attributes and finds each parcel where it belongs', async ({
  page,
}) => {
  const prefix = `E2E-${test.info().project.name}-${Date.now()}`;
  const { file, known } = survey(prefix, false);
  await signInAsOfficer(page);
  await openImport(page, file);

  // The preview: how the file was read, the default mapping, the unmapped columns, the areas.
  await expect(page.getByText('EPSG:4547')).toBeVisible();
  await expect(page.getByText('gb18030')).toBeVisible();
  await expect(page.getByLabel('DKBH', { exact: true })).toHaveValue('code');
  await expect(page.getByLabel('YDXZ', { exact: true })).toHaveValue('land_use');
  await expect(page.getByLabel('BZ', { exact: true })).toHaveValue('');
  await expect(page.getByText('不导入的列：OBJECTID, BZ, SHAPE_AREA')).toBeVisible();
  await expect(page.getByText('没有发现问题。')).toBeVisible();
  const rows = page.locator('.import__preview tbody tr');
  await expect(rows).toHaveCount(3);
  // 90 m × 90 m ≈ 8,100 m² ≈ 12.2 亩.
  await expect(rows.first()).toContainText(`${prefix}-1`);
  await expect(rows.first()).toContainText(/12\.\d 亩/);
  await expect(rows.first()).toContainText('工业');
  await axeClean(page);

  const before = await storedParcels(page);
  expect(before.has(`${prefix}-1`)).toBe(false);
  await page.getByRole('button', { name: '导入 3 宗地块' }).click();
  await expect(page.getByText('已导入 3 宗地块。')).toBeVisible();

  const stored = await storedParcels(page);
  for (const parcel of known) {
    const feature = stored.get(parcel.code);
    expect(feature, parcel.code).toBeTruthy();
    const full = await (await page.request.get(`/api/v1/parcels/${feature!.id}`)).json();
    const ring: [number, number][] = full.geometry.coordinates[0];
    for (const corner of parcel.ring) {
      const nearest = Math.min(...ring.map((position) => metres(corner, position)));
      expect(nearest, `${parcel.code} corner ${corner}`).toBeLessThan(1);
    }
  }
  await axeClean(page);
});

test('a survey with one bad feature imports nothing and the page names it', async ({ page }) => {
  const prefix = `E2E-BAD-${test.info().project.name}-${Date.now()}`;
  const { file } = survey(prefix, true);
  await signInAsOfficer(page);
  await openImport(page, file);

  const problems = page.locator('.import__problems');
  await expect(problems).toContainText('1 处问题');
  await expect(problems).toContainText('第 2 个地块 · YDXZ → land_use');
  await expect(problems).toContainText('工矿仓储用地');
  await expect(page.locator('.import__row--bad')).toHaveCount(1);
  await expect(page.getByRole('button', { name: /^导入 \d+ 宗地块$/ })).toHaveCount(0);
  await axeClean(page);

  const stored = await storedParcels(page);
  for (const n of [1, 2, 3]) expect(stored.has(`${prefix}-${n}`)).toBe(false);
});
