/**
 * The service index (Decision 766) on the real database: a year whose points
 * are known exactly (dossiers, procedures and ratings loaded into the real
 * tables, the reports triggers running as in production), and the scope.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceIndex, ServiceIndexIndicator } from '../../../contracts/reports.js';
import { adminClient, makeTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { officer } from '../../../test/staff.js';

let t: TestApp;
let admin: Client;
let unitA: string;
let unitB: string;

const exec = (q: ReturnType<typeof sql>) => t.db.db.execute(q);

/** A department (implements only the procedures linked to it) made directly in the table. */
async function unit(code: string, parentId: string): Promise<string> {
  const id = randomUUID();
  await exec(sql`INSERT INTO units (id, code, name, name_en, kind, parent_id, ancestors)
    SELECT ${id}::uuid, ${code}, ${`Phòng ${code}`}, ${`Office ${code}`}, 'department', ${parentId}::uuid, ancestors || ${id}::uuid FROM units WHERE id = ${parentId}::uuid`);
  return id;
}

async function index(query: Record<string, string>, who: Client = admin): Promise<{ status: number; body: ServiceIndex }> {
  const res = await who.request('GET', `/api/v1/reports/service-index?${new URLSearchParams(query).toString()}`);
  return { status: res.status, body: res.json() as ServiceIndex };
}

const indicator = (s: ServiceIndex, id: string): ServiceIndexIndicator => {
  const found = s.groups.flatMap((g) => g.indicators).find((i) => i.id === id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
};

beforeAll(async () => {
  t = await makeTestApp();
  admin = await adminClient(t);
  const rootId = ((await admin.request('GET', '/api/v1/org/units')).json() as { items: { id: string; parentId: string | null }[] }).items.find((u) => u.parentId === null)?.id;
  if (!rootId) throw new Error('no root unit');
  unitA = await unit('SI-A', rootId);
  unitB = await unit('SI-B', rootId);

  // Unit A implements 280 procedures: 200 fully online, 52 partly, 28 not online (252 / 280 = 90%).
  await exec(sql`
    WITH made AS (
      INSERT INTO procedures (code, name, field_code, level, applicant_type, settlement, fees, documents, online_level, step_plan)
      SELECT 'SI.' || i, 'Thủ tục ' || i, p.field_code, p.level, p.applicant_type, p.settlement, p.fees, p.documents,
        (CASE WHEN i <= 200 THEN 'full' WHEN i <= 252 THEN 'partial' ELSE 'none' END)::online_level, p.step_plan
      FROM generate_series(1, 280) AS i CROSS JOIN (SELECT * FROM procedures WHERE code = '1.001193') p
      RETURNING id)
    INSERT INTO procedure_units (procedure_id, unit_id) SELECT id, ${unitA}::uuid FROM made`);

  // Unit A, 2023: 1,862 dossiers received and settled, 1,489 early or on time, 373 late; every 4th online (465).
  await exec(sql`
    INSERT INTO dossiers (code, secret_hash, procedure_id, receiving_unit_id, settling_unit_id, scope_units, channel, status, applicant, applicant_name, documents,
      received_at, clock_started_at, due_at, finished_at, timeliness, outcome, returned_at)
    SELECT 'SI-' || i, 'x', (SELECT id FROM procedures WHERE code = 'SI.1'), ${unitA}::uuid, ${unitA}::uuid, ARRAY[${unitA}::uuid],
      (CASE WHEN i % 4 = 0 THEN 'online' ELSE 'in_person' END)::dossier_channel, 'returned', '{"kind":"person"}'::jsonb, 'Nguyễn Văn A',
      CASE WHEN i <= 1600 THEN jsonb_build_array(jsonb_build_object('index', 1, 'received', true, 'form', 'copy', 'count', 1, 'digitised', i <= 1400)) ELSE '[]'::jsonb END,
      r.at, r.at, r.at + interval '5 days', r.at + interval '3 days',
      (CASE WHEN i <= 489 THEN 'early' WHEN i <= 1489 THEN 'on_time' ELSE 'late' END)::dossier_timeliness, 'approved', r.at + interval '3 days'
    FROM generate_series(1, 1862) AS i
      CROSS JOIN LATERAL (SELECT timestamptz '2023-01-03 08:00+07' + ((i % 340) || ' days')::interval AS at) r`);

  // Signed electronic results for SI-1 … SI-1700 (documents 1 … 1,400 digitised, 1,401 … 1,600 not, the rest have none);
  // SI-1701 … SI-1710 have an unsigned result, which does not count.
  await exec(sql`
    INSERT INTO documents (dossier_id, unit_id, kind, title, storage_key, sha256, size, verification_code, signed, created_at)
    SELECT d.id, d.settling_unit_id, 'result', 'Kết quả', 'k/' || d.code, 'x', 1, 'SI' || d.code, n <= 1700, d.finished_at
      FROM dossiers d CROSS JOIN LATERAL (SELECT substr(d.code, 4)::int AS n) x
     WHERE d.settling_unit_id = ${unitA}::uuid AND n <= 1710`);

  // 93 of them rated dissatisfied overall, in 2023.
  await exec(sql`
    INSERT INTO feedback_ratings (dossier_id, unit_id, channel, time, attitude, transparency, ease, overall, created_at)
    SELECT id, ${unitA}::uuid, 'web', 'dissatisfied', 'dissatisfied', 'dissatisfied', 'dissatisfied', 'dissatisfied', finished_at + interval '1 hour'
      FROM dossiers WHERE settling_unit_id = ${unitA}::uuid ORDER BY code LIMIT 93`);
});
afterAll(async () => t.close());

describe('the service index of a year', () => {
  it('scores each measured indicator from its inputs, and states the most the measured ones could give', async () => {
    const { status, body: s } = await index({ unit: 'SI-A', year: '2023' });
    expect(status, JSON.stringify(s)).toBe(200);
    expect(s.period).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(s.groups.map((g) => [g.id, g.max])).toEqual([
      ['publicity', 18],
      ['progress', 20],
      ['onlineService', 12],
      ['onlinePayment', 10],
      ['digitisation', 22],
      ['satisfaction', 18],
    ]);

    // Progress: 20 × 1,489 / 1,862 = 15.99.
    const progress = indicator(s, 'onTimeSettlement');
    expect(progress).toMatchObject({ measured: true, numerator: 1489, denominator: 1862, threshold: null, max: 20, formula: 'serviceIndex.formula.onTimeSettlement' });
    expect(progress.inputs).toEqual([
      { name: 'settledOnTime', value: 1489 },
      { name: 'openNotOverdue', value: 0 },
      { name: 'received', value: 1862 },
    ]);
    expect(progress.points).toBeCloseTo((20 * 1489) / 1862, 9);
    expect(Number(progress.points?.toFixed(2))).toBe(15.99);

    // Procedures online: 252 / 280 = 90% ≥ 80% → full 6.
    const procedures = indicator(s, 'proceduresOnline');
    expect(procedures).toMatchObject({ numerator: 252, denominator: 280, threshold: 0.8, points: 6 });
    expect(procedures.ratio).toBeCloseTo(0.9, 12);

    // Dossiers online: 465 / 1,862 ≈ 25% < 50% → 6 × 0.2497 / 0.5 = 3.00 (sync ratio not measured: an upper bound, said so).
    const online = indicator(s, 'dossiersOnline');
    expect(online).toMatchObject({ numerator: 465, denominator: 1862, threshold: 0.5, caveats: ['syncRatioAssumedOne'] });
    expect(online.points).toBeCloseTo(((465 / 1862) / 0.5) * 6, 9);

    // Electronic result: 1,700 / 1,862 × 6 = 5.48; digitised with a result: 1,400 / 1,862 ≈ 75% < 80% → 4 × 0.7519 / 0.8 = 3.76.
    const electronic = indicator(s, 'electronicResult');
    expect(electronic).toMatchObject({ measured: true, numerator: 1700, denominator: 1862, threshold: null });
    expect(electronic.points).toBeCloseTo((1700 / 1862) * 6, 9);
    const digitised = indicator(s, 'digitisedWithResult');
    expect(digitised).toMatchObject({ numerator: 1400, denominator: 1862, threshold: 0.8 });
    expect(digitised.points).toBeCloseTo(((1400 / 1862) / 0.8) * 4, 9);

    // Satisfaction with procedures: (1,862 − 373 late − 93 dislikes) / 1,862 ≈ 75% < 90% → 6 × 0.7497 / 0.9 = 5.00.
    const satisfaction = indicator(s, 'procedureSatisfaction');
    expect(satisfaction).toMatchObject({ numerator: 1862 - 373 - 93, denominator: 1862, threshold: 0.9 });
    expect(satisfaction.points).toBeCloseTo(((1396 / 1862) / 0.9) * 6, 9);

    // Nothing invented: the rest is unmeasured, with a reason, and out of both sums.
    const unmeasured = s.groups.flatMap((g) => g.indicators).filter((i) => !i.measured);
    expect(unmeasured.map((i) => i.id)).toContain('onlinePayment');
    for (const i of unmeasured) expect([i.points, i.ratio, typeof i.reason]).toEqual([null, null, 'string']);
    expect(s.groups.find((g) => g.id === 'onlinePayment')).toMatchObject({ points: 0, measuredMax: 0 });
    expect(s.score.measuredMax).toBe(20 + 6 + 6 + 6 + 4 + 6);
    expect(s.score.max).toBe(100);
    expect(s.score.points).toBeCloseTo((20 * 1489) / 1862 + 6 + ((465 / 1862) / 0.5) * 6 + (1700 / 1862) * 6 + ((1400 / 1862) / 0.8) * 4 + ((1396 / 1862) / 0.9) * 6, 9);
    const online12 = s.groups.find((g) => g.id === 'onlineService');
    expect(online12?.points).toBeCloseTo(6 + ((465 / 1862) / 0.5) * 6, 9);
  });

  it('a year with nothing received scores only what it can (the catalog), claiming no maximum for the rest', async () => {
    const { status, body: s } = await index({ unit: 'SI-A', year: '2022' });
    expect(status).toBe(200);
    expect(indicator(s, 'onTimeSettlement')).toMatchObject({ measured: true, denominator: 0, ratio: null, points: null });
    expect(s.score).toEqual({ points: 6, measuredMax: 6, max: 100 });
  });
});

describe('scope', () => {
  it('an unknown unit answers 404; a leader of another unit gets 404; a bad year 400', async () => {
    expect((await index({ unit: 'NO-SUCH', year: '2023' })).status).toBe(404);
    const leader = await officer(t, admin, 'Lãnh đạo B', unitB, [{ role: 'leader', unitId: unitB }]);
    const other = await index({ unit: 'SI-A', year: '2023' }, leader);
    expect(other.status).toBe(404);
    expect((other.body as unknown as { error: { code: string } }).error.code).toBe('UNIT_NOT_FOUND');
    expect((await index({ unit: 'SI-B', year: '2023' }, leader)).status).toBe(200);
    expect((await index({ unit: 'SI-A', year: 'abcd' })).status).toBe(400);
    expect((await index({ unit: 'SI-A', year: '2023', extra: '1' })).status).toBe(400);
  });
});
