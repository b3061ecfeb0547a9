import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, makeTestApp, signIn, type Client, type TestApp } from '../../../test/harness.js';
import { currentCode } from '../auth/totp.js';
import { dueDateFor } from './service.js';

let t: TestApp;
let admin: Client;
let rootId: string;

beforeAll(async () => {
  t = await makeTestApp();
  admin = await adminClient(t);
  rootId = (await admin.request('GET', '/api/v1/org/units')).json().items[0].id;
});
afterAll(async () => t.close());

/** An anonymous request (the calendar reads are public). */
async function get(url: string) {
  const res = await t.app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() };
}

let seq = 0;
async function createUnit(parentId: string, kind = 'commune') {
  seq += 1;
  const res = await admin.request('POST', '/api/v1/org/units', { code: `C${seq}`, name: `Xã ${seq}`, kind, parentId });
  expect(res.status).toBe(201);
  return res.json() as { id: string; code: string };
}

/** A new admin of a unit, signed in with TOTP enrolled and the generated password changed. */
async function unitAdmin(unitId: string, username: string): Promise<Client> {
  const created = await admin.request('POST', '/api/v1/org/staff', { username, fullName: `Quản trị ${username}`, unitId, roles: [{ role: 'admin', unitId }] });
  expect(created.status).toBe(201);
  const { initialPassword } = created.json();
  const client = await signIn(t, username, initialPassword);
  expect((await client.request('POST', '/api/v1/auth/password', { currentPassword: initialPassword, newPassword: `Lịch làm việc của xã ${seq} năm 2026!` })).status).toBe(204);
  const { secret } = (await client.request('POST', '/api/v1/auth/totp/setup')).json();
  expect((await client.request('POST', '/api/v1/auth/totp/confirm', { code: currentCode(secret, t.clock.now()) })).status).toBe(200);
  return client;
}

const due = async (code: string, query: string) => get(`/api/v1/calendar/${code}/due?${query}`);
const dayList = async (code: string, year: number) => (await get(`/api/v1/calendar/${code}/days?year=${year}`)).body;
const dates = (body: { days: { date: string }[] }) => body.days.map((d) => d.date);

async function auditCount(action: string): Promise<number> {
  const r = await t.db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]);
  return r.rows[0].n;
}

describe('the national calendar on a fresh installation', () => {
  it('lists 2025’s holidays by rule, without signing in', async () => {
    const { status, body } = await get('/api/v1/calendar/default/days?year=2025');
    expect(status).toBe(200);
    expect(body).toMatchObject({ unitCode: 'default', year: 2025, timeZone: 'Asia/Ho_Chi_Minh', workingWeekdays: [1, 2, 3, 4, 5], sameDayCutoff: '15:00', workingDays: [] });
    expect(body.workingHours).toEqual([
      { start: '07:30', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ]);
    expect(body.days).toContainEqual({ date: '2025-01-29', reason: 'tet', source: 'rule', inLieuOf: null, decision: null });
    expect(body.days).toContainEqual({ date: '2025-02-03', reason: 'in_lieu', source: 'rule', inLieuOf: '2025-02-01', decision: null });
    expect(dates(body)).toEqual(expect.arrayContaining(['2025-01-01', '2025-04-07', '2025-04-30', '2025-05-01', '2025-09-01', '2025-09-02']));
  });

  it('computes due dates in working days, hours, same day and calendar days', async () => {
    expect(await due('default', 'start=2025-01-03T16:00:00%2B07:00&days=1')).toEqual({ status: 200, body: { due: '2025-01-06T09:00:00.000Z' } });
    expect((await due('default', 'start=2025-01-03T09:00:00Z&hours=8')).body).toEqual({ due: '2025-01-06T09:00:00.000Z' });
    expect((await due('default', 'start=2025-01-06T08:30:00Z&sameDay=true')).body).toEqual({ due: '2025-01-07T10:00:00.000Z' });
    expect((await due('default', 'start=2025-01-06T03:00:00Z&calendarDays=5')).body).toEqual({ due: '2025-01-13T10:00:00.000Z' });
    expect((await due('default', 'start=2025-01-06T03:00:00Z&days=0.5')).body).toEqual((await due('default', 'start=2025-01-06T03:00:00Z&hours=4')).body);
  });

  it('starts from now when no start is given', async () => {
    const res = await due('default', 'days=1');
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.due)).toBeGreaterThan(t.clock.now().getTime());
  });
});

describe('official decisions', () => {
  it('lets the province admin record national decisions that change /days and /due, with an audit row each', async () => {
    const before = await auditCount('calendar.decision.create');
    const worked = await admin.request('POST', '/api/v1/calendar/default/decisions', {
      date: '2025-04-26',
      kind: 'working_day',
      reason: 'Làm bù cho ngày 02/5/2025',
      reasonEn: 'Worked in exchange for 2 May 2025',
      reference: 'Thông báo 6150/TB-BLĐTBXH',
    });
    expect(worked.status).toBe(201);
    expect(worked.json()).toMatchObject({ unitCode: 'default', date: '2025-04-26', kind: 'working_day', inherited: false });
    const off = await admin.request('POST', '/api/v1/calendar/default/decisions', { date: '2025-05-02', kind: 'day_off', reason: 'Nghỉ hoán đổi' });
    expect(off.status).toBe(201);
    expect(await auditCount('calendar.decision.create')).toBe(before + 2);

    const body = await dayList('default', 2025);
    expect(body.days).toContainEqual(expect.objectContaining({ date: '2025-05-02', reason: 'decision', source: 'decision', decision: expect.objectContaining({ reason: 'Nghỉ hoán đổi' }) }));
    expect(body.workingDays).toEqual([expect.objectContaining({ date: '2025-04-26', reference: 'Thông báo 6150/TB-BLĐTBXH' })]);
    expect((await due('default', 'start=2025-04-25T03:00:00Z&days=1')).body).toEqual({ due: '2025-04-26T03:00:00.000Z' });
    expect((await due('default', 'start=2025-04-29T03:00:00Z&days=1')).body).toEqual({ due: '2025-05-05T03:00:00.000Z' });
  });

  it('refuses a second decision for the same date with 409 CALENDAR_DECISION_EXISTS', async () => {
    await admin.request('POST', '/api/v1/calendar/default/decisions', { date: '2026-02-14', kind: 'day_off', reason: 'Tết' });
    const again = await admin.request('POST', '/api/v1/calendar/default/decisions', { date: '2026-02-14', kind: 'working_day', reason: 'Tết' });
    expect(again.status).toBe(409);
    expect(again.json().error.code).toBe('CALENDAR_DECISION_EXISTS');
  });

  it('removes a decision, with an audit row, and the rules apply again', async () => {
    const created = (await admin.request('POST', '/api/v1/calendar/default/decisions', { date: '2027-09-03', kind: 'working_day', reason: 'Thử' })).json();
    expect(dates(await dayList('default', 2027))).not.toContain('2027-09-03');
    const before = await auditCount('calendar.decision.delete');
    expect((await admin.request('DELETE', `/api/v1/calendar/default/decisions/${created.id}`)).status).toBe(204);
    expect(await auditCount('calendar.decision.delete')).toBe(before + 1);
    expect(dates(await dayList('default', 2027))).toContain('2027-09-03');
    const missing = await admin.request('DELETE', `/api/v1/calendar/default/decisions/${created.id}`);
    expect(missing.status).toBe(404);
    expect(missing.json().error.code).toBe('CALENDAR_DECISION_NOT_FOUND');
  });

  it('applies a commune’s decision to the commune and its sub-units, not to a sibling; the deepest decision wins', async () => {
    const communeA = await createUnit(rootId);
    const centreA = await createUnit(communeA.id, 'service_centre');
    const communeB = await createUnit(rootId);
    const res = await admin.request('POST', `/api/v1/calendar/${communeA.code}/decisions`, { date: '2025-06-10', kind: 'day_off', reason: 'Bầu cử bổ sung' });
    expect(res.status).toBe(201);
    expect(dates(await dayList(communeA.code, 2025))).toContain('2025-06-10');
    expect(dates(await dayList(centreA.code, 2025))).toContain('2025-06-10');
    expect(dates(await dayList(communeB.code, 2025))).not.toContain('2025-06-10');
    expect((await due(centreA.code, 'start=2025-06-09T03:00:00Z&days=1')).body).toEqual({ due: '2025-06-11T03:00:00.000Z' });
    expect((await due(communeB.code, 'start=2025-06-09T03:00:00Z&days=1')).body).toEqual({ due: '2025-06-10T03:00:00.000Z' });

    // A national day off, cancelled for commune A's subtree by a commune decision.
    await admin.request('POST', '/api/v1/calendar/default/decisions', { date: '2025-07-01', kind: 'day_off', reason: 'Nghỉ' });
    await admin.request('POST', `/api/v1/calendar/${communeA.code}/decisions`, { date: '2025-07-01', kind: 'working_day', reason: 'Trực' });
    expect(dates(await dayList(centreA.code, 2025))).not.toContain('2025-07-01');
    expect(dates(await dayList(communeB.code, 2025))).toContain('2025-07-01');
    expect((await dayList(centreA.code, 2025)).workingDays).toContainEqual(expect.objectContaining({ date: '2025-07-01', unitCode: communeA.code }));

    const listed = (await admin.request('GET', `/api/v1/calendar/${centreA.code}/decisions?year=2025`)).json().items;
    expect(listed).toContainEqual(expect.objectContaining({ date: '2025-06-10', unitCode: communeA.code, inherited: true }));
    expect(listed).toContainEqual(expect.objectContaining({ date: '2025-07-01', unitCode: 'default', inherited: true }));

    // A decision is removed through its own calendar only.
    const own = listed.find((d: { date: string }) => d.date === '2025-06-10');
    expect((await admin.request('DELETE', `/api/v1/calendar/${centreA.code}/decisions/${own.id}`)).status).toBe(404);
  });

  it('gives other modules the due date of a unit through dueDateFor', async () => {
    const commune = await createUnit(rootId);
    const start = new Date('2025-01-03T09:00:00Z');
    expect(await dueDateFor(t.systemCtx(), commune.id, start, { kind: 'working_days', amount: 1 })).toEqual(new Date('2025-01-06T09:00:00Z'));
    expect(await dueDateFor(t.systemCtx(), null, start, { kind: 'same_day', cutoff: null })).toEqual(new Date('2025-01-06T10:00:00Z'));
  });
});

describe('settings', () => {
  it('saves a unit’s own settings, which its sub-units inherit, and goes back to inheriting', async () => {
    const commune = await createUnit(rootId);
    const centre = await createUnit(commune.id, 'service_centre');
    const inherited = (await admin.request('GET', `/api/v1/calendar/${centre.code}/settings`)).json();
    expect(inherited).toMatchObject({ unitCode: centre.code, own: false, inheritedFrom: 'default', version: null, workingWeekdays: [1, 2, 3, 4, 5] });

    const before = await auditCount('calendar.settings.update');
    const six = { timeZone: 'Asia/Ho_Chi_Minh', workingHours: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }], workingWeekdays: [1, 2, 3, 4, 5, 6], sameDayCutoff: '16:00' };
    const saved = await admin.request('PUT', `/api/v1/calendar/${commune.code}/settings`, { ...six, version: null });
    expect(saved.status).toBe(200);
    expect(saved.json()).toMatchObject({ own: true, inheritedFrom: null, version: 1, workingWeekdays: [1, 2, 3, 4, 5, 6] });
    expect(await auditCount('calendar.settings.update')).toBe(before + 1);

    expect((await admin.request('GET', `/api/v1/calendar/${centre.code}/settings`)).json()).toMatchObject({ own: false, inheritedFrom: commune.code, sameDayCutoff: '16:00' });
    // Saturday is a working day for the centre now: Friday 16:00 + 1 day = Saturday 16:00.
    expect((await due(centre.code, 'start=2025-01-03T09:00:00Z&days=1')).body).toEqual({ due: '2025-01-04T09:00:00.000Z' });

    const stale = await admin.request('PUT', `/api/v1/calendar/${commune.code}/settings`, { ...six, version: null });
    expect(stale.status).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const second = await admin.request('PUT', `/api/v1/calendar/${commune.code}/settings`, { ...six, sameDayCutoff: '15:30', version: 1 });
    expect(second.json().version).toBe(2);
    expect((await admin.request('PUT', `/api/v1/calendar/${commune.code}/settings`, { ...six, version: 1 })).status).toBe(409);

    expect((await admin.request('DELETE', `/api/v1/calendar/${commune.code}/settings?version=1`)).status).toBe(409);
    const reset = await admin.request('DELETE', `/api/v1/calendar/${commune.code}/settings?version=2`);
    expect(reset.status).toBe(200);
    expect(reset.json()).toMatchObject({ own: false, inheritedFrom: 'default', version: null });
    expect(await auditCount('calendar.settings.reset')).toBe(1);
    expect((await due(centre.code, 'start=2025-01-03T09:00:00Z&days=1')).body).toEqual({ due: '2025-01-06T09:00:00.000Z' });
  });

  it('edits the national settings with their version and never removes them', async () => {
    const current = (await admin.request('GET', '/api/v1/calendar/default/settings')).json();
    expect(current).toMatchObject({ unitCode: 'default', own: true, inheritedFrom: null });
    const { unitCode: _u, own: _o, inheritedFrom: _i, updatedAt: _at, ...body } = current;
    const saved = await admin.request('PUT', '/api/v1/calendar/default/settings', { ...body, sameDayCutoff: '15:00' });
    expect(saved.status).toBe(200);
    expect(saved.json().version).toBe(current.version + 1);
    const removed = await admin.request('DELETE', `/api/v1/calendar/default/settings?version=${saved.json().version}`);
    expect(removed.status).toBe(422);
    expect(removed.json().error.code).toBe('CALENDAR_NATIONAL_SETTINGS_REQUIRED');
  });

  it('refuses settings that make no sense, naming the field', async () => {
    const bad = await admin.request('PUT', '/api/v1/calendar/default/settings', {
      version: 1,
      timeZone: 'Mars/Olympus_Mons',
      workingHours: [{ start: '13:30', end: '17:00' }, { start: '07:30', end: '11:30' }],
      workingWeekdays: [1, 1],
      sameDayCutoff: '25:00',
    });
    expect(bad.status).toBe(400);
    const paths = bad.json().error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['/timeZone', '/workingHours/1/start', '/workingWeekdays', '/sameDayCutoff']));
  });
});

describe('access', () => {
  it('lets a commune admin edit the commune’s calendar but not the national one nor a sibling’s', async () => {
    const commune = await createUnit(rootId);
    const sibling = await createUnit(rootId);
    const local = await unitAdmin(commune.id, `lich.${commune.code.toLowerCase()}`);

    const national = await local.request('POST', '/api/v1/calendar/default/decisions', { date: '2025-12-24', kind: 'day_off', reason: 'Không được' });
    expect(national.status).toBe(403);
    expect(national.json().error.code).toBe('FORBIDDEN');
    const nationalSettings = await local.request('PUT', '/api/v1/calendar/default/settings', { version: 1, timeZone: 'Asia/Ho_Chi_Minh', workingHours: [{ start: '08:00', end: '17:00' }], workingWeekdays: [1, 2, 3, 4, 5], sameDayCutoff: '15:00' });
    expect(nationalSettings.status).toBe(403);
    const denied = await t.db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND details->>'calendar' = 'default'`);
    expect(denied.rows[0].n).toBeGreaterThanOrEqual(2);

    const other = await local.request('POST', `/api/v1/calendar/${sibling.code}/decisions`, { date: '2025-12-24', kind: 'day_off', reason: 'Không được' });
    expect(other.status).toBe(404);
    expect(other.json().error.code).toBe('UNIT_NOT_FOUND');
    expect((await local.request('GET', `/api/v1/calendar/${sibling.code}/settings`)).status).toBe(404);

    expect((await local.request('POST', `/api/v1/calendar/${commune.code}/decisions`, { date: '2025-12-24', kind: 'day_off', reason: 'Lễ hội địa phương' })).status).toBe(201);
    expect((await local.request('GET', '/api/v1/calendar/default/settings')).status).toBe(200);
  });

  it('keeps the administration routes for holders of calendar.write', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/calendar/default/settings' })).statusCode).toBe(401);
    const commune = await createUnit(rootId);
    const created = await admin.request('POST', '/api/v1/org/staff', { username: `xem.${commune.code.toLowerCase()}`, fullName: 'Người xem', unitId: commune.id, roles: [{ role: 'viewer', unitId: commune.id }] });
    const viewer = await signIn(t, `xem.${commune.code.toLowerCase()}`, created.json().initialPassword);
    await viewer.request('POST', '/api/v1/auth/password', { currentPassword: created.json().initialPassword, newPassword: 'Chỉ xem lịch 2026!' });
    expect((await viewer.request('GET', `/api/v1/calendar/${commune.code}/settings`)).status).toBe(403);
  });
});

describe('bad input', () => {
  it.each([
    ['a year before 1900', '/api/v1/calendar/default/days?year=1899', '/year'],
    ['a year after 2199', '/api/v1/calendar/default/days?year=2200', '/year'],
    ['a missing year', '/api/v1/calendar/default/days', '/year'],
    ['a start that is not an instant', '/api/v1/calendar/default/due?start=yesterday&days=1', '/start'],
    ['a start without an offset', '/api/v1/calendar/default/due?start=2025-01-03T16:00:00&days=1', '/start'],
    ['a start before 1900', '/api/v1/calendar/default/due?start=1899-12-31T10:00:00Z&days=1', '/start'],
    ['zero days', '/api/v1/calendar/default/due?days=0', '/days'],
    ['a third of a day', '/api/v1/calendar/default/due?days=0.3', '/days'],
    ['days and hours together', '/api/v1/calendar/default/due?days=1&hours=8', '/hours'],
    ['no duration', '/api/v1/calendar/default/due?start=2025-01-03T16:00:00Z', '/'],
    ['sameDay=false', '/api/v1/calendar/default/due?sameDay=false', '/sameDay'],
  ])('answers 400 VALIDATION_FAILED for %s, naming the field', async (_what, url, path) => {
    const { status, body } = await get(url);
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('answers 400 for a decision date outside 1900–2199 and 404 for an unknown unit code', async () => {
    const far = await admin.request('POST', '/api/v1/calendar/default/decisions', { date: '2200-01-01', kind: 'day_off', reason: 'Xa' });
    expect(far.status).toBe(400);
    expect(far.json().error.details.issues.map((i: { path: string }) => i.path)).toContain('/date');
    const unknown = await get('/api/v1/calendar/NO-SUCH-UNIT/days?year=2025');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UNIT_NOT_FOUND');
  });

  it('answers 422 CALENDAR_OUT_OF_RANGE when the period runs past 2199', async () => {
    const res = await due('default', 'start=2199-12-20T03:00:00Z&days=60');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('CALENDAR_OUT_OF_RANGE');
  });
});
