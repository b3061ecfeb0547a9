/**
 * Journey: the service index (Decision 766). A leader opens
 * /staff/service-index from the navigation, sees their own unit chosen, asks
 * for 2025 and reads each group's table: the progress indicator with its
 * inputs and points (20 × 8 / 10 = 16), an unmeasured indicator with its
 * reason, and the score over the measured indicators. The page passes axe
 * (WCAG 2.1 AA) on a desktop and on a phone without scrolling sideways.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Officer } from '../test/staff.js';
import { settledIn2025, unitWithLeader } from './reports-fixtures.js';
import { axeViolations, browserJourney, PHONE, shot, staffPages, DESKTOP, expectNoSidewaysScroll } from './support.js';

describe('service index', () => {
  const journey = browserJourney('service-index');
  let leader: Officer;

  beforeAll(async () => {
    const t = journey.server.testApp;
    const made = await unitWithLeader(t, { code: 'PB-SI', name: 'Phòng Tư pháp', kind: 'department' }, 'Phạm Văn Duyệt');
    leader = made.leader;
    // 2025: 10 dossiers received and settled, 8 on time, 2 late.
    await settledIn2025(t, made.unit.id, 'SI-E');
  });

  it('shows each indicator with its inputs and points, and what is not measured', async () => {
    const { page } = journey;
    await staffPages(journey).signInAs(leader);
    await page.getByRole('navigation', { name: 'Điều hướng khu làm việc' }).getByRole('link', { name: 'Bộ chỉ số phục vụ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bộ chỉ số phục vụ người dân, doanh nghiệp' }).waitFor();
    await page.getByRole('textbox', { name: 'Năm' }).fill('2025');

    const progress = page.locator('tr[data-indicator="onTimeSettlement"]');
    await expect.poll(() => progress.getByTestId('indicator-points').textContent(), { timeout: 10_000 }).toBe('16');
    expect(await progress.textContent()).toContain('tiếp nhận: 10');
    expect(await progress.textContent()).toContain('giải quyết sớm, đúng hạn: 8');
    const payment = page.locator('tr[data-indicator="onlinePayment"]');
    expect(await payment.textContent()).toContain('Hệ thống chưa ghi nhận thanh toán trực tuyến.');
    expect(await payment.getByTestId('indicator-points').textContent()).toBe('Chưa đo được');
    // Measured: progress 16 / 20, dossiers online 0 / 6, electronic result 0 / 6, digitised 0 / 4, satisfaction with
    // procedures 6 × 0.8 / 0.9 = 5.33 / 6 (8 of 10 not late); the unit implements no procedure, so that one has no data.
    expect(await page.getByTestId('service-index-score').textContent()).toContain('21,33 / 42 điểm');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'service-index');

    // On a phone the tables scroll inside their regions; the page itself does not scroll sideways (once laid out again).
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
  });
});
