/**
 * Journey: the leader dashboard. A leader signs in, opens the dashboard from
 * the workspace home, chooses January–March 2025 and reads the monthly
 * chart's table (known figures); clicks the overdue "appraise" step and lands
 * on the dossiers list with exactly those dossiers. The page passes axe (WCAG
 * 2.1 AA) on a desktop and on a phone without scrolling sideways, and prints
 * without the navigation and the filters.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { officer, type Officer } from '../test/staff.js';
import { unitWithLeader } from './reports-fixtures.js';
import { axeViolations, browserJourney, DESKTOP, PHONE, shot, staffPages, expectNoSidewaysScroll } from './support.js';

describe('leader dashboard', () => {
  const journey = browserJourney('dashboard');
  let leader: Officer;
  let adminTotp: string;

  beforeAll(async () => {
    const t = journey.server.testApp;
    const made = await unitWithLeader(t, { code: 'XA-DB', name: 'Ủy ban nhân dân xã Điều Hành', kind: 'commune' }, 'Phạm Văn Duyệt');
    const { admin, unit } = made;
    leader = made.leader;
    adminTotp = admin.totpSecret;
    const specialist = await officer(t, admin, 'Lê Thị Thẩm', unit.id, [{ role: 'specialist', unitId: unit.id }]);
    const exec = (q: ReturnType<typeof sql>) => t.db.db.execute(q);
    // January 2025: 10 at the desk, 8 on time, 2 late. February: 4, 2 of them online, all on time.
    await exec(sql`
      INSERT INTO dossiers (code, secret_hash, procedure_id, receiving_unit_id, settling_unit_id, scope_units, channel, status, applicant, applicant_name, documents,
        received_at, clock_started_at, due_at, finished_at, timeliness, outcome, returned_at)
      SELECT 'DBE-' || i, 'x', (SELECT id FROM procedures WHERE code = '1.001193'), u.id, u.id, u.ancestors,
        (CASE WHEN i > 12 THEN 'online' ELSE 'in_person' END)::dossier_channel, 'returned', '{"kind":"person"}'::jsonb, 'Nguyễn Văn A', '[]'::jsonb,
        r.at, r.at, r.at + interval '5 days', r.at + interval '1 day', (CASE WHEN i IN (9, 10) THEN 'late' ELSE 'on_time' END)::dossier_timeliness, 'approved', r.at + interval '1 day'
      FROM generate_series(1, 14) AS i CROSS JOIN (SELECT id, ancestors FROM units WHERE id = ${unit.id}::uuid) u
        CROSS JOIN LATERAL (SELECT (CASE WHEN i <= 10 THEN timestamptz '2025-01-06 09:00+07' ELSE timestamptz '2025-02-10 09:00+07' END) AS at) r`);
    // Open now: three overdue at appraise (two with the specialist), one overdue at approve, one at appraise not due yet.
    await exec(sql`
      INSERT INTO dossiers (code, secret_hash, procedure_id, receiving_unit_id, settling_unit_id, scope_units, channel, status, step, applicant, applicant_name, documents,
        received_at, clock_started_at, due_at, assignee_unit_id, assignee_role, assignee_staff_id)
      SELECT x.code, 'x', (SELECT id FROM procedures WHERE code = '1.001193'), u.id, u.id, u.ancestors, 'in_person', 'processing', x.step::dossier_step,
        '{"kind":"person"}'::jsonb, 'Trần Thị B', '[]'::jsonb, now() - interval '20 days', now() - interval '20 days', now() + x.due::interval,
        u.id, 'specialist', CASE WHEN x.mine THEN ${specialist.staffId}::uuid END
      FROM (VALUES ('DBO-1', 'appraise', '-2 days', true), ('DBO-2', 'appraise', '-1 day', true), ('DBO-3', 'appraise', '-3 days', false),
                   ('DBO-4', 'approve', '-1 day', false), ('DBO-5', 'appraise', '2 days', true)) AS x(code, step, due, mine)
        CROSS JOIN (SELECT id, ancestors FROM units WHERE id = ${unit.id}::uuid) u`);
  });

  it('shows the months, opens the overdue dossiers of a step, passes axe and prints without the navigation', async () => {
    const { page } = journey;
    await staffPages(journey).signInAs(leader);
    await page.getByTestId('home-dashboard').getByRole('link', { name: 'Mở bảng điều hành' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bảng điều hành' }).waitFor();
    await expect.poll(() => page.getByTestId('dashboard-subtitle').textContent()).toContain('Ủy ban nhân dân xã Điều Hành');

    await page.getByLabel('Từ tháng').fill('2025-01');
    await page.getByLabel('Đến tháng').fill('2025-03');
    await expect.poll(() => page.getByTestId('dashboard-subtitle').textContent(), { timeout: 10_000 }).toContain('01/2025 – 03/2025');

    const months = page.getByTestId('dashboard-months');
    await months.getByRole('button', { name: 'Xem số liệu dạng bảng' }).click();
    const jan = page.locator('tr[data-month="2025-01"]');
    await jan.waitFor();
    expect(await jan.getByTestId('received').textContent()).toBe('10');
    expect(await jan.getByTestId('settled').textContent()).toBe('10');
    expect(await jan.getByTestId('late').textContent()).toBe('2');
    expect(await jan.getByTestId('on-time-share').textContent()).toMatch(/^80\s?%$/);
    const feb = page.locator('tr[data-month="2025-02"]');
    expect(await feb.getByTestId('received').textContent()).toBe('4');
    expect(await feb.getByTestId('online').textContent()).toBe('2');
    expect(await feb.getByTestId('online-share').textContent()).toMatch(/^50\s?%$/);
    expect(await page.locator('tr[data-month="2025-03"]').getByTestId('on-time-share').textContent()).toBe('—');

    expect(await page.getByTestId('dashboard-overdue-total').textContent()).toContain('4 hồ sơ');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'dashboard');

    // Print: no navigation, no filters; the heading with the unit and period stays.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#staff-navbar').isVisible()).toBe(false);
    expect(await page.getByRole('search').isVisible()).toBe(false);
    expect(await page.getByTestId('dashboard-subtitle').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // On a phone the page does not scroll sideways.
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);

    // The overdue step opens the list with exactly its dossiers.
    await page.getByTestId('dashboard-overdue-steps').getByRole('link', { name: 'Thẩm định' }).click();
    await page.waitForURL((url) => url.pathname === '/staff/dossiers' && url.searchParams.get('step') === 'appraise');
    await page.getByTestId('inbox-filters').waitFor();
    const rows = page.getByTestId('dossier-table').locator('tr[data-dossier-code]');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    const codes = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-dossier-code')));
    expect(codes.sort()).toEqual(['DBO-1', 'DBO-2', 'DBO-3']);
  });

  it('an administrator (reports, not dossiers) reads the overdue figures without links to a list they cannot open', async () => {
    const { page, server } = journey;
    const t = server.testApp;
    await staffPages(journey).signInAs({ username: t.admin.username, password: t.admin.password, totpSecret: adminTotp });
    await page.goto(`${server.url}/staff/dashboard?unit=XA-DB`);
    const steps = page.getByTestId('dashboard-overdue-steps');
    await expect.poll(() => steps.locator('tr[data-step="appraise"]').textContent(), { timeout: 10_000 }).toContain('Thẩm định');
    expect(await steps.getByRole('link').count()).toBe(0);
    expect(await page.getByTestId('dashboard-overdue-assignees').getByRole('link').count()).toBe(0);
  });
});
