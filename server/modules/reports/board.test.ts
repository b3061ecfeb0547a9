/**
 * The public transparency board on the real database: its figures are the
 * statistics' for the same unit and periods, the apology counts follow the
 * `extend` action, nothing personal is in the body, unknown and inactive
 * units answer 404, and the address limit holds.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board, Statistics } from '../../../contracts/reports.js';
import type { CatalogStats } from '../../../contracts/catalog.js';
import type { Dossier, IntakeResult } from '../../../contracts/dossiers.js';
import { ok } from '../../../test/dossier-actions.js';
import { adminClient, makeTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { BIRTH_APPLICANT, returnedDossier } from '../../../test/returned-dossier.js';
import { createUnit, oneStopTeam, rootUnitId, type OneStopTeam } from '../../../test/staff.js';
import { toIsoDate } from '../calendar/local-date.js';
import { resolveCalendar } from '../calendar/service.js';
import { BOARD_LIMIT } from './board.js';

const DAY = 86_400_000;
/** Certificate of marital status: 3 working days, time enough to apologise before the due date. */
const MARITAL_STATUS = '1.000893';
// Tuesday 24 November 2026, 09:00 in Hà Nội.
const START = Date.parse('2026-11-24T02:00:00Z');

let t: TestApp;
let admin: Client;
let team: OneStopTeam;
let rootCode: string;
let extended: Dossier;
let returned: Dossier;

const get = (url: string, ip = '203.0.113.7') => t.app.inject({ method: 'GET', url, remoteAddress: ip });

async function boardOf(code?: string): Promise<Board> {
  const res = await get(code === undefined ? '/api/v1/public/board' : `/api/v1/public/board/${code}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Board;
}

async function stats(unit: string, period: 'day' | 'month' | 'year'): Promise<Statistics> {
  const q = new URLSearchParams({ unit, period, from: '2026-11-24', includeDescendants: 'true' });
  const res = await admin.request('GET', `/api/v1/reports/statistics?${q.toString()}`);
  expect(res.status).toBe(200);
  return res.json() as Statistics;
}

beforeAll(async () => {
  t = await makeTestApp();
  t.clock.advance(START - Date.now());
  admin = await adminClient(t);
  team = await oneStopTeam(t, admin, { code: 'B77.101', name: 'Ủy ban nhân dân phường Tràng Tiền', kind: 'ward', address: '1 Tràng Tiền' });
  const root = await rootUnitId(admin);
  rootCode = ((await admin.request('GET', '/api/v1/org/units')).json() as { items: { id: string; code: string }[] }).items.find((u) => u.id === root)?.code ?? '';

  returned = (await returnedDossier(team)).dossier;
  // A second one, late: the leader apologises and sets a new date (it stays open).
  const res = await team.reception.request(
    'POST',
    '/api/v1/dossiers',
    { procedureCode: MARITAL_STATUS, counterCode: 'Q1', applicant: BIRTH_APPLICANT, documents: [0, 1].map((index) => ({ index, received: true, form: 'original', count: 1 })), outcome: 'accepted' },
    { 'idempotency-key': randomUUID() },
  );
  expect(res.status).toBe(201);
  let d = (res.json() as IntakeResult).dossier;
  d = await ok(team.specialist, d, 'forward');
  const cal = await resolveCalendar(t.db.db, team.unit.id);
  const newDate = toIsoDate(cal.nextWorkingDay(cal.toLocal(Date.parse(d.dueAt ?? '') + 5 * DAY).day));
  extended = await ok(team.leader, d, 'extend', { reason: 'Cần xác minh tại nơi cư trú trước đây', newDueDate: newDate });
}, 120_000);
afterAll(async () => t.close());

describe('the public transparency board', () => {
  it("shows the statistics' figures of the unit and the units under it for this year and this month", async () => {
    const b = await boardOf(team.unit.code);
    expect(b.unit).toMatchObject({ code: team.unit.code, name: 'Ủy ban nhân dân phường Tràng Tiền', province: false });
    const today = (await stats(team.unit.code, 'day')).total;
    for (const [kind, figures] of [['year', b.year], ['month', b.month]] as const) {
      const s = (await stats(team.unit.code, kind)).total;
      expect(figures.period).toEqual({ kind, from: kind === 'year' ? '2026-01-01' : '2026-11-01', to: kind === 'year' ? '2026-12-31' : '2026-11-30' });
      expect(figures).toMatchObject({
        received: s.received.total,
        receivedOnline: s.received.online,
        settled: s.settled.total,
        onTimeShare: s.settled.onTimeShare,
        pending: today.pending.total,
        overdue: today.pending.overdue,
        ratings: s.satisfaction.count,
        satisfiedShare: s.satisfaction.satisfiedShare,
      });
      expect(figures.onlineShare).toBe(s.received.total === 0 ? null : s.received.online / s.received.total);
    }
    // What the two dossiers made of it: both received at the desk, one settled, one still open and
    // not overdue now (its first appointment is days away); the month not over yet is read as of today.
    expect(b.month).toMatchObject({ received: 2, receivedOnline: 0, onlineShare: 0, settled: 1, pending: 1, overdue: 0 });
    expect((await stats(team.unit.code, 'month')).total.pending.overdue).toBe(0);
  });

  it("is the province's for the root unit, with or without its code", async () => {
    const plain = await boardOf();
    const byCode = await boardOf(rootCode);
    expect(plain.unit).toMatchObject({ code: rootCode, province: true });
    expect({ ...byCode, asOf: '' }).toEqual({ ...plain, asOf: '' });
    const s = (await stats(rootCode, 'year')).total;
    const now = (await stats(rootCode, 'day')).total;
    expect(plain.year).toMatchObject({ received: s.received.total, settled: s.settled.total, pending: now.pending.total, overdue: now.pending.overdue });
    expect(plain.year.received).toBeGreaterThanOrEqual(2);
  });

  it("gives the catalog statistics' online coverage: the unit's procedures, the whole catalog for the province", async () => {
    const unitStats = (await get(`/api/v1/catalog/stats?unit=${team.unit.code}`)).json() as CatalogStats;
    const mine = unitStats.units[0];
    expect((await boardOf(team.unit.code)).catalog).toEqual({ procedures: mine?.procedures, full: mine?.online.full, partial: mine?.online.partial, onlineCoverage: mine?.onlineCoverage });
    const all = (await get('/api/v1/catalog/stats')).json() as CatalogStats;
    expect((await boardOf()).catalog).toEqual({ procedures: all.total, full: all.online.full, partial: all.online.partial, onlineCoverage: all.onlineCoverage });
    expect(all.total).toBeGreaterThan(0);
  });

  it('counts the dossiers apologised for, per month of the year and per procedure', async () => {
    expect(extended.extension).not.toBeNull();
    for (const b of [await boardOf(team.unit.code), await boardOf()]) {
      expect(b.apologies.year).toBe(2026);
      expect(b.apologies.total).toBe(1);
      expect(b.apologies.byMonth).toHaveLength(11);
      expect(b.apologies.byMonth[0]).toEqual({ month: '2026-01', dossiers: 0 });
      expect(b.apologies.byMonth[10]).toEqual({ month: '2026-11', dossiers: 1 });
      expect(b.apologies.byProcedure).toEqual([expect.objectContaining({ code: MARITAL_STATUS, name: 'Cấp Giấy xác nhận tình trạng hôn nhân', dossiers: 1 })]);
    }
    // Another unit's board does not see it.
    const other = await createUnit(admin, { code: 'B77.102', name: 'Ủy ban nhân dân phường Hàng Bạc', kind: 'ward', parentId: await rootUnitId(admin) });
    const empty = await boardOf(other.code);
    expect(empty.apologies.total).toBe(0);
    expect(empty.apologies.byProcedure).toEqual([]);
    expect(empty.year.received).toBe(0);
  });

  it('holds no personal data nor dossier codes, and may be cached a minute', async () => {
    for (const url of ['/api/v1/public/board', `/api/v1/public/board/${team.unit.code}`]) {
      const res = await get(url);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      for (const secret of [BIRTH_APPLICANT.fullName, BIRTH_APPLICANT.idNumber, BIRTH_APPLICANT.phone, BIRTH_APPLICANT.address, returned.code, extended.code, 'Trần Văn Tiếp', 'Phạm Văn Duyệt', 'xác minh']) {
        expect(res.body).not.toContain(secret);
      }
    }
  });

  it('answers 404 for an unknown or inactive unit, 400 for a malformed code', async () => {
    const unknown = await get('/api/v1/public/board/NO-SUCH-UNIT');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('UNIT_NOT_FOUND');
    const gone = await createUnit(admin, { code: 'B77.103', name: 'Ủy ban nhân dân phường Cũ', kind: 'ward', parentId: await rootUnitId(admin) });
    await t.db.db.execute(sql`UPDATE units SET active = false WHERE id = ${gone.id}::uuid`);
    const inactive = await get(`/api/v1/public/board/${gone.code}`);
    expect(inactive.statusCode).toBe(404);
    expect(inactive.json().error.code).toBe('UNIT_NOT_FOUND');
    expect((await get(`/api/v1/public/board/${'x'.repeat(40)}`)).statusCode).toBe(400);
  });

  it(`lets an address read it ${BOARD_LIMIT} times a minute, then answers 429 with Retry-After`, async () => {
    const ip = '198.51.100.23';
    const at = new Date(t.clock.now().getTime() - 1000);
    await t.db.db.execute(sql`INSERT INTO login_attempts (key, at) SELECT ${`board:${ip}`}, ${at.toISOString()}::timestamptz FROM generate_series(1, ${BOARD_LIMIT})`);
    const refused = await get('/api/v1/public/board', ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await get('/api/v1/public/board', '198.51.100.24')).statusCode).toBe(200);
    t.clock.advance(61_000);
    expect((await get('/api/v1/public/board', ip)).statusCode).toBe(200);
  });
});
