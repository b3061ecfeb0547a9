/** What the reports' journeys set up: a unit with its leader, and a known year of settled dossiers. */
import { sql } from 'drizzle-orm';
import type { UnitKind } from '../contracts/roles.js';
import { adminClient, type TestApp } from '../test/harness.js';
import { createUnit, officer, rootUnitId, type Officer } from '../test/staff.js';

/** A unit under the root and a leader of it (TOTP enrolled), made by the bootstrap admin. */
export async function unitWithLeader(
  t: TestApp,
  unit: { code: string; name: string; kind: UnitKind },
  leaderName: string,
): Promise<{ admin: Awaited<ReturnType<typeof adminClient>>; unit: { id: string }; leader: Officer }> {
  const admin = await adminClient(t);
  const created = await createUnit(admin, { ...unit, parentId: await rootUnitId(admin) });
  const leader = await officer(t, admin, leaderName, created.id, [{ role: 'leader', unitId: created.id }]);
  return { admin, unit: created, leader };
}

/** 2025: 10 dossiers received at the unit's desk in March and settled, 8 on time and 2 late (codes `<prefix>1`…). */
export async function settledIn2025(t: TestApp, unitId: string, codePrefix: string): Promise<void> {
  await t.db.db.execute(sql`
    INSERT INTO dossiers (code, secret_hash, procedure_id, receiving_unit_id, settling_unit_id, scope_units, channel, status, applicant, applicant_name, documents,
      received_at, clock_started_at, due_at, finished_at, timeliness, outcome, returned_at)
    SELECT ${codePrefix} || i, 'x', (SELECT id FROM procedures WHERE code = '1.001193'), ${unitId}::uuid, ${unitId}::uuid, ARRAY[${unitId}::uuid],
      'in_person', 'returned', '{"kind":"person"}'::jsonb, 'Nguyễn Văn A', '[]'::jsonb,
      r.at, r.at, r.at + interval '5 days', r.at + interval '3 days', (CASE WHEN i <= 8 THEN 'on_time' ELSE 'late' END)::dossier_timeliness, 'approved', r.at + interval '3 days'
    FROM generate_series(1, 10) AS i CROSS JOIN LATERAL (SELECT timestamptz '2025-03-03 08:00+07' + (i || ' days')::interval AS at) r`);
}
