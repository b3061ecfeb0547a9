/**
 * The leader dashboard on the real database: a known history (dossiers and
 * ratings loaded into the real tables, the reports triggers running as in
 * production) gives exact monthly figures before and after the fold; the
 * overdue groups equal the dossiers list with the same filters (the
 * click-through); the scope; bad month ranges. The month rules are
 * property-tested.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierList } from '../../../contracts/dossiers.js';
import { MAX_DASHBOARD_MONTHS, monthsBetween, type Dashboard } from '../../../contracts/reports.js';
import { adminClient, makeTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { officer, type Officer } from '../../../test/staff.js';
import { addMonths, dashboardMonths, monthList } from './dashboard-rules.js';
import { fold } from './service.js';

let t: TestApp;
let admin: Client;
let procId: string;
let unitA: string;
let unitA1: string;
let unitB: string;
let leaderA: Officer;
let leaderB: Officer;
let specialist: Officer;

const exec = (q: ReturnType<typeof sql>) => t.db.db.execute(q);

async function unit(code: string, parentId: string): Promise<string> {
  const id = randomUUID();
  await exec(sql`INSERT INTO units (id, code, name, name_en, kind, parent_id, ancestors)
    SELECT ${id}::uuid, ${code}, ${`Ủy ban nhân dân ${code}`}, ${`People's Committee ${code}`}, 'commune', ${parentId}::uuid, ancestors || ${id}::uuid FROM units WHERE id = ${parentId}::uuid`);
  return id;
}

/** `n` settled dossiers of a unit received at `at` (+07) and finished a day later with `timeliness`. */
async function settled(prefix: string, n: number, unitId: string, at: string, channel: string, timeliness: string): Promise<void> {
  await exec(sql`
    INSERT INTO dossiers (code, secret_hash, procedure_id, receiving_unit_id, settling_unit_id, scope_units, channel, status, applicant, applicant_name, documents,
      received_at, clock_started_at, due_at, finished_at, timeliness, outcome, returned_at)
    SELECT ${prefix} || i, 'x', ${procId}::uuid, ${unitId}::uuid, ${unitId}::uuid, (SELECT ancestors FROM units WHERE id = ${unitId}::uuid), ${channel}::dossier_channel,
      'returned', '{"kind":"person"}'::jsonb, 'Nguyễn Văn A', '[]'::jsonb,
      ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz + interval '5 days', ${at}::timestamptz + interval '1 day', ${timeliness}::dossier_timeliness, 'approved', ${at}::timestamptz + interval '1 day'
    FROM generate_series(1, ${n}) AS i`);
}

/** An open dossier at `step`, due `dueInDays` from now (negative: overdue), assigned to `staffId` (or nobody). */
async function open(code: string, unitId: string, o: { status?: string; step: string; dueInDays: number; staffId: string | null }): Promise<void> {
  await exec(sql`
    INSERT INTO dossiers (code, secret_hash, procedure_id, receiving_unit_id, settling_unit_id, scope_units, channel, status, step, applicant, applicant_name, documents,
      received_at, clock_started_at, due_at, assignee_unit_id, assignee_role, assignee_staff_id)
    SELECT ${code}, 'x', ${procId}::uuid, ${unitId}::uuid, ${unitId}::uuid, ancestors, 'in_person', ${o.status ?? 'processing'}::dossier_status, ${o.step}::dossier_step,
      '{"kind":"person"}'::jsonb, 'Nguyễn Văn A', '[]'::jsonb, now() - interval '20 days', now() - interval '20 days', now() + ${`${o.dueInDays} days`}::interval,
      ${unitId}::uuid, 'specialist', ${o.staffId}::uuid
    FROM units WHERE id = ${unitId}::uuid`);
}

async function ratings(codePrefix: string, overall: string, n: number, at: string): Promise<void> {
  await exec(sql`
    INSERT INTO feedback_ratings (dossier_id, unit_id, channel, time, attitude, transparency, ease, overall, created_at)
    SELECT id, settling_unit_id, 'web', ${overall}, ${overall}, ${overall}, ${overall}, ${overall}, ${at}::timestamptz
      FROM dossiers WHERE code LIKE ${`${codePrefix}%`} ORDER BY code LIMIT ${n}`);
}

async function dashboard(query: Record<string, string>, who: Client = leaderA): Promise<{ status: number; body: Dashboard }> {
  const res = await who.request('GET', `/api/v1/reports/dashboard?${new URLSearchParams(query).toString()}`);
  return { status: res.status, body: res.json() as Dashboard };
}

beforeAll(async () => {
  t = await makeTestApp();
  admin = await adminClient(t);
  const rootId = ((await admin.request('GET', '/api/v1/org/units')).json() as { items: { id: string; parentId: string | null }[] }).items.find((u) => u.parentId === null)?.id;
  if (!rootId) throw new Error('no root unit');
  const [proc] = (await exec(sql`SELECT id FROM procedures WHERE code = '1.001193'`)).rows as { id: string }[];
  if (!proc) throw new Error('starter procedure missing');
  procId = proc.id;
  unitA = await unit('DB-A', rootId);
  unitA1 = await unit('DB-A1', unitA);
  unitB = await unit('DB-B', rootId);
  leaderA = await officer(t, admin, 'Phạm Văn Duyệt', unitA, [{ role: 'leader', unitId: unitA }]);
  leaderB = await officer(t, admin, 'Hoàng Văn Bình', unitB, [{ role: 'leader', unitId: unitB }]);
  specialist = await officer(t, admin, 'Lê Thị Thẩm', unitA, [{ role: 'specialist', unitId: unitA }]);

  // January 2024, unit A: 10 at the desk — 2 early, 6 on time, 2 late; 4 ratings, 3 very satisfied.
  await settled('DBJE-', 2, unitA, '2024-01-08 09:00+07', 'in_person', 'early');
  await settled('DBJO-', 6, unitA, '2024-01-09 09:00+07', 'in_person', 'on_time');
  await settled('DBJL-', 2, unitA, '2024-01-10 09:00+07', 'in_person', 'late');
  await ratings('DBJO-', 'very_satisfied', 3, '2024-01-20 10:00+07');
  await ratings('DBJL-', 'dissatisfied', 1, '2024-01-20 10:00+07');
  // February 2024: 4 online on time and 4 at the desk late.
  await settled('DBFO-', 4, unitA, '2024-02-05 09:00+07', 'online', 'on_time');
  await settled('DBFD-', 4, unitA, '2024-02-06 09:00+07', 'in_person', 'late');
  // March 2024, the unit under A: 5 by post, on time.
  await settled('DBMP-', 5, unitA1, '2024-03-04 09:00+07', 'post', 'on_time');
  // Unit B (a sibling): never in A's figures.
  await settled('DBB-', 7, unitB, '2024-01-08 09:00+07', 'in_person', 'on_time');

  // Open now: overdue at appraise (2 with the specialist, 1 unassigned), at approve (1 with nobody, waiting for a payment),
  // one in A1; not overdue: due tomorrow; overdue but in unit B.
  await open('DB-OV-1', unitA, { step: 'appraise', dueInDays: -2, staffId: specialist.staffId });
  await open('DB-OV-2', unitA, { step: 'appraise', dueInDays: -1, staffId: specialist.staffId });
  await open('DB-OV-3', unitA, { step: 'appraise', dueInDays: -3, staffId: null });
  await open('DB-OV-4', unitA, { status: 'payment_requested', step: 'approve', dueInDays: -1, staffId: null });
  await open('DB-OV-5', unitA1, { step: 'approve', dueInDays: -1, staffId: null });
  await open('DB-NOT-1', unitA, { step: 'appraise', dueInDays: 1, staffId: specialist.staffId });
  await open('DB-OVB-1', unitB, { step: 'appraise', dueInDays: -2, staffId: null });
});
afterAll(async () => t.close());

const Q1 = { from: '2024-01', to: '2024-03' };

describe('the monthly figures', () => {
  const expectKnownMonths = (d: Dashboard, withA1: boolean) => {
    expect(d.period).toEqual(Q1);
    expect(d.months.map((m) => m.month)).toEqual(['2024-01', '2024-02', '2024-03']);
    const [jan, feb, mar] = d.months;
    expect(jan).toEqual({
      month: '2024-01',
      received: { total: 10, inPerson: 10, online: 0, post: 0 },
      settled: { total: 10, onTime: 8, late: 2 },
      onTimeShare: 0.8,
      onlineShare: 0,
      satisfaction: { rated: 4, satisfiedShare: 0.75 },
    });
    expect(feb).toEqual({
      month: '2024-02',
      received: { total: 8, inPerson: 4, online: 4, post: 0 },
      settled: { total: 8, onTime: 4, late: 4 },
      onTimeShare: 0.5,
      onlineShare: 0.5,
      satisfaction: { rated: 0, satisfiedShare: null },
    });
    expect(mar).toEqual(
      withA1
        ? { month: '2024-03', received: { total: 5, inPerson: 0, online: 0, post: 5 }, settled: { total: 5, onTime: 5, late: 0 }, onTimeShare: 1, onlineShare: 0, satisfaction: { rated: 0, satisfiedShare: null } }
        : { month: '2024-03', received: { total: 0, inPerson: 0, online: 0, post: 0 }, settled: { total: 0, onTime: 0, late: 0 }, onTimeShare: null, onlineShare: null, satisfaction: { rated: 0, satisfiedShare: null } },
    );
  };

  it('counts received, settled on time, online and satisfied per month, the same before and after the fold', async () => {
    const own = await dashboard({ unit: 'DB-A', ...Q1 });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expectKnownMonths(own.body, false);
    const tree = await dashboard({ unit: 'DB-A', ...Q1, includeDescendants: 'true' });
    expectKnownMonths(tree.body, true);

    await fold({ database: t.db });
    expectKnownMonths((await dashboard({ unit: 'DB-A', ...Q1 })).body, false);
    expectKnownMonths((await dashboard({ unit: 'DB-A', ...Q1, includeDescendants: 'true' })).body, true);
  });

  it('gives each child unit its figures over the period, and the service index groups of this year', async () => {
    const { body } = await dashboard({ unit: 'DB-A', ...Q1, includeDescendants: 'true' });
    expect(body.units.map((u) => [u.unitCode, u.covers, u.received, u.settled, u.onTimeShare])).toEqual([
      ['DB-A', 'unit', 18, 18, 12 / 18],
      ['DB-A1', 'subtree', 5, 5, 1],
    ]);
    expect(body.serviceIndex.year).toBe(new Date().getFullYear());
    expect(body.serviceIndex.groups.map((g) => g.id)).toEqual(['publicity', 'progress', 'onlineService', 'onlinePayment', 'digitisation', 'satisfaction']);
    expect(body.serviceIndex.score.max).toBe(100);
  });

  it("defaults to the caller's unit and the 12 months up to this month", async () => {
    const { status, body } = await dashboard({});
    expect(status).toBe(200);
    expect(body.unit.code).toBe('DB-A');
    expect(body.months).toHaveLength(12);
    expect(body.period.from).toBe(addMonths(body.period.to, -11));
  });
});

describe('overdue now, with the click-through to the dossiers list', () => {
  const listed = async (filter: Record<string, string>, who: Client = leaderA): Promise<string[]> => {
    const res = await who.request('GET', `/api/v1/dossiers?${new URLSearchParams({ ...filter, pageSize: '200' }).toString()}`);
    expect(res.status, JSON.stringify(res.json())).toBe(200);
    const list = res.json() as DossierList;
    expect(list.total).toBe(list.items.length);
    return list.items.map((d) => d.code).sort();
  };

  it('groups by step and by officer, and each group lists exactly its dossiers', async () => {
    const { body } = await dashboard({ unit: 'DB-A' });
    expect(body.overdue.total).toBe(4);
    expect(body.overdue.byStep.map((g) => [g.step, g.dossiers])).toEqual([
      ['appraise', 3],
      ['approve', 1],
    ]);
    expect(body.overdue.byAssignee.map((g) => [g.name, g.unitCode, g.dossiers])).toEqual([
      ['Lê Thị Thẩm', 'DB-A', 2],
      [null, null, 2],
    ]);
    const expected: Record<string, string[]> = {
      appraise: ['DB-OV-1', 'DB-OV-2', 'DB-OV-3'],
      approve: ['DB-OV-4'],
    };
    for (const g of body.overdue.byStep) expect(await listed(g.filter)).toEqual(expected[g.step]);
    const [mine, nobody] = body.overdue.byAssignee;
    expect(await listed(mine?.filter ?? {})).toEqual(['DB-OV-1', 'DB-OV-2']);
    expect(await listed(nobody?.filter ?? {})).toEqual(['DB-OV-3', 'DB-OV-4']);
    expect(await listed({ ...mine?.filter, step: 'appraise' })).toEqual(['DB-OV-1', 'DB-OV-2']);
  });

  it('with the units under it, the subtree and its list', async () => {
    const { body } = await dashboard({ unit: 'DB-A', includeDescendants: 'true' });
    expect(body.overdue.total).toBe(5);
    const approve = body.overdue.byStep.find((g) => g.step === 'approve');
    expect(approve?.dossiers).toBe(2);
    expect(await listed(approve?.filter ?? {})).toEqual(['DB-OV-4', 'DB-OV-5']);
  });
});

describe('scope and bad input', () => {
  it("a commune's leader does not see a sibling commune: 404, as for a missing unit", async () => {
    const res = await dashboard({ unit: 'DB-B' });
    expect(res.status).toBe(404);
    expect((res.body as unknown as { error: { code: string } }).error.code).toBe('UNIT_NOT_FOUND');
    expect((await dashboard({ unit: 'DB-NOPE' })).status).toBe(404);
    // B's own leader sees B, and only B's overdue dossier.
    const b = await dashboard({ unit: 'DB-B' }, leaderB);
    expect(b.status).toBe(200);
    expect(b.body.overdue.total).toBe(1);
  });

  it('answers 400 per field for a bad month range', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ from: '2024-05', to: '2024-01' }, '/to'],
      [{ from: '2022-01', to: '2024-12' }, '/to'],
      [{ from: '2024-13' }, '/from'],
      [{ to: '2024-1' }, '/to'],
      [{ from: '2001-01' }, '/from'],
      [{ from: '2999-01' }, '/from'],
    ];
    for (const [query, path] of cases) {
      const res = await leaderA.request('GET', `/api/v1/reports/dashboard?${new URLSearchParams(query).toString()}`);
      expect(res.status, JSON.stringify(query)).toBe(400);
      const error = (res.json() as { error: { code: string; details: { issues: { path: string }[] } } }).error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.issues.map((i) => i.path)).toContain(path);
    }
  });

  it('the dossiers list refuses an unknown settling unit and a malformed assignee', async () => {
    expect((await leaderA.request('GET', '/api/v1/dossiers?settlingUnit=NOPE')).status).toBe(404);
    expect((await leaderA.request('GET', '/api/v1/dossiers?assignee=bob')).status).toBe(400);
  });
});

describe('the month rules', () => {
  const month = fc.record({ y: fc.integer({ min: 2000, max: 2100 }), m: fc.integer({ min: 1, max: 12 }) }).map(({ y, m }) => `${y}-${String(m).padStart(2, '0')}`);

  it('lists every month of a range once, in order, as many as monthsBetween', () => {
    fc.assert(
      fc.property(month, fc.integer({ min: 0, max: 40 }), (from, n) => {
        const to = addMonths(from, n);
        const list = monthList(from, to);
        expect(list).toHaveLength(n + 1);
        expect(monthsBetween(from, to)).toBe(n + 1);
        expect(list[0]).toBe(from);
        expect(list.at(-1)).toBe(to);
        for (let i = 1; i < list.length; i++) expect(addMonths(list[i - 1] ?? '', 1)).toBe(list[i]);
      }),
    );
  });

  it('accepts exactly the ranges of 1 to 24 months, defaulting to 12 months up to this month', () => {
    fc.assert(
      fc.property(month, fc.integer({ min: -30, max: 30 }), month, (from, n, thisMonth) => {
        const to = addMonths(from, n);
        const r = dashboardMonths(from, to, thisMonth);
        if (n >= 0 && n < MAX_DASHBOARD_MONTHS) expect(r).toEqual({ from, to });
        else expect(r).toEqual({ field: 'to', reason: n < 0 ? 'before_from' : 'too_long' });
        expect(dashboardMonths(undefined, undefined, thisMonth)).toEqual({ from: addMonths(thisMonth, -11), to: thisMonth });
      }),
    );
  });
});
