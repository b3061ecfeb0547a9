/**
 * The public transparency board in the browser: reached from the home page
 * and from a unit's contact page, its figures readable as labelled text, and
 * the large-screen mode (`?tv=1`) alone on the screen in larger type. The
 * figures themselves are checked against the statistics in
 * server/modules/reports/board.test.ts; every-page checks (axe, 375 px, both
 * languages) are in public-pages.e2e.test.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dossier, IntakeResult } from '../contracts/dossiers.js';
import { ok } from '../test/dossier-actions.js';
import { adminClient } from '../test/harness.js';
import { BIRTH_APPLICANT, returnedDossier } from '../test/returned-dossier.js';
import { oneStopTeam, type OneStopTeam } from '../test/staff.js';
import { resolveCalendar } from '../server/modules/calendar/service.js';
import { toIsoDate } from '../server/modules/calendar/local-date.js';
import { axeViolations, browserJourney, shot, type Journey } from './support.js';

const UNIT = { code: 'X-BOARD', name: 'Ủy ban nhân dân xã Hòa Tiến', kind: 'commune' };
const MARITAL_STATUS = '1.000893';
const TV = { width: 1920, height: 1080 };

describe('the public transparency board', () => {
  const journey = browserJourney('board');
  let server: Journey['server'];
  let page: Page;
  let team: OneStopTeam;

  beforeAll(async () => {
    ({ server, page } = journey);
    const t = server.testApp;
    const admin = await adminClient(t);
    team = await oneStopTeam(t, admin, UNIT);
    await returnedDossier(team);
    const res = await team.reception.request(
      'POST',
      '/api/v1/dossiers',
      { procedureCode: MARITAL_STATUS, counterCode: 'Q1', applicant: BIRTH_APPLICANT, documents: [0, 1].map((index) => ({ index, received: true, form: 'original', count: 1 })), outcome: 'accepted' },
      { 'idempotency-key': randomUUID() },
    );
    let d: Dossier = (res.json() as IntakeResult).dossier;
    d = await ok(team.specialist, d, 'forward');
    const cal = await resolveCalendar(t.db.db, team.unit.id);
    const newDate = toIsoDate(cal.nextWorkingDay(cal.toLocal(Date.parse(d.dueAt ?? '') + 5 * 86_400_000).day));
    await ok(team.leader, d, 'extend', { reason: 'Cần xác minh thêm', newDueDate: newDate });
  });

  it('is linked from the home page (the province) and from a unit’s contact page (the unit)', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Bảng công khai' }).click();
    await page.waitForURL('**/cong-khai');
    await page.getByRole('heading', { level: 1, name: 'Công khai kết quả giải quyết hồ sơ' }).waitFor();
    await page.getByTestId('apologies-total').waitFor();
    expect(await page.getByTestId('board').textContent()).toContain('Số liệu của toàn tỉnh');

    await page.goto(`${server.url}/don-vi/${UNIT.code}`);
    await page.getByRole('link', { name: 'Bảng công khai kết quả giải quyết hồ sơ' }).click();
    await page.waitForURL(`**/cong-khai/${UNIT.code}`);
    await page.getByTestId('apologies-total').waitFor();
    expect(await page.getByTestId('board-unit').textContent()).toBe(UNIT.name);
  });

  it('gives every figure as text under its label, and the apologies per procedure', async () => {
    const month = page.getByRole('region', { name: /^Tháng \d+\/\d{4}$/ });
    expect(await month.getByTestId('figure-received').locator('dt').textContent()).toBe('Hồ sơ tiếp nhận');
    expect(await month.getByTestId('figure-received').locator('dd').textContent()).toBe('2');
    expect(await month.getByTestId('figure-settled').locator('dd').textContent()).toBe('1');
    expect(await month.getByTestId('figure-pending').locator('dd').textContent()).toBe('1');
    expect(await page.getByTestId('apologies-total').textContent()).toBe('Tổng số: 1 hồ sơ');
    expect(await page.getByTestId('apologies-by-procedure').textContent()).toContain('Cấp Giấy xác nhận tình trạng hôn nhân');
    // Nothing personal on a public screen.
    expect(await page.getByTestId('board').textContent()).not.toContain(BIRTH_APPLICANT.fullName);
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, 'board-unit-desktop');
  });

  it('on a large screen shows the board alone in larger type, and goes back', async () => {
    const normalSize = await page.getByRole('heading', { level: 1 }).evaluate((h) => parseFloat((globalThis as unknown as { getComputedStyle: (e: unknown) => { fontSize: string } }).getComputedStyle(h).fontSize));
    await page.setViewportSize(TV);
    await page.getByRole('link', { name: 'Chế độ màn hình lớn' }).click();
    await page.waitForURL((url) => url.pathname === `/cong-khai/${UNIT.code}` && url.searchParams.get('tv') === '1');
    // The figures are on screen in both modes: wait for the header to go, not for them.
    await page.getByRole('banner').waitFor({ state: 'detached' });
    await page.getByTestId('apologies-total').waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    const tvSize = await page.getByRole('heading', { level: 1 }).evaluate((h) => parseFloat((globalThis as unknown as { getComputedStyle: (e: unknown) => { fontSize: string } }).getComputedStyle(h).fontSize));
    expect(tvSize).toBeGreaterThan(normalSize * 1.25);
    const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious).toEqual([]);
    await shot(page, 'board-unit-tv');
    await page.getByRole('link', { name: 'Thoát chế độ màn hình lớn' }).click();
    await page.waitForURL((url) => url.pathname === `/cong-khai/${UNIT.code}` && url.search === '');
    await page.getByRole('navigation', { name: 'Thông tin công khai' }).waitFor();
  });
});
