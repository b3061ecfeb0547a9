/**
 * Journey: the service index (Decision 766). A leader opens
 * /staff/service-index from the navigation, sees their own unit chosen, asks
 * for 2025 and reads each group's table: the progress indicator with its
 * inputs and points (20 × 8 / 10 = 16), an unmeasured indicator with its
 * reason, and the score over the measured indicators. The page passes axe
 * (WCAG 2.1 AA) on a desktop and on a phone without scrolling sideways.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../test/harness.js';
import { createUnit, officer, rootUnitId, type Officer } from '../test/staff.js';
import { axeViolations, browserJourney, PHONE, shot, staffPages, DESKTOP } from './support.js';

describe('service index', () => {
  const journey = browserJourney('service-index');
  let leader: Officer;

  beforeAll(async () => {
    const t = journey.server.testApp;
    const admin = await adminClient(t);
    const unit = await createUnit(admin, { code: 'PB-SI', name: 'Phòng Tư pháp', kind: 'department', parentId: await rootUnitId(admin) });
    leader = await officer(t, admin, 'Phạm Văn Duyệt', unit.id, [{ role: 'leader', unitId: unit.id }]);
    // 2025: 10 dossiers received and settled, 8 on time, 2 late.
    await t.db.db.execute(sql`
      INSERT INTO dossiers (code, secret_hash, procedure_id, receiving_unit_id, settling_unit_id, scope_units, channel, status, applicant, applicant_name, documents,
        received_at, clock_started_at, due_at, finished_at, timeliness, outcome, returned_at)
      SELECT 'SI-E' || i, 'x', (SELECT id FROM procedures WHERE code = '1.001193'), ${unit.id}::uuid, ${unit.id}::uuid, ARRAY[${unit.id}::uuid],
        'in_person', 'returned', '{"kind":"person"}'::jsonb, 'Nguyễn Văn A', '[]'::jsonb,
        r.at, r.at, r.at + interval '5 days', r.at + interval '3 days', (CASE WHEN i <= 8 THEN 'on_time' ELSE 'late' END)::dossier_timeliness, 'approved', r.at + interval '3 days'
      FROM generate_series(1, 10) AS i CROSS JOIN LATERAL (SELECT timestamptz '2025-03-03 08:00+07' + (i || ' days')::interval AS at) r`);
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
    const overflow = () =>
      page.evaluate(() => {
        const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
    await expect.poll(overflow, { timeout: 10_000 }).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
  });
});
