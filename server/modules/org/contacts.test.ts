import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, makeTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { createUnit, officer, type Officer } from '../../../test/staff.js';
import { addDays, localDate } from './duty.js';

const VIETNAM = 'Asia/Ho_Chi_Minh';

let t: TestApp;
let admin: Client;
let rootId: string;
let seq = 0;

beforeAll(async () => {
  t = await makeTestApp();
  admin = await adminClient(t);
  rootId = (await admin.request('GET', '/api/v1/org/units')).json().items[0].id;
});
afterAll(async () => t.close());

const today = () => localDate(t.clock.now(), VIETNAM);
const get = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url });
  return { status: res.statusCode, json: () => res.json() };
};

async function commune(over: { name?: string; parentId?: string; address?: string } = {}) {
  seq += 1;
  const res = await admin.request('POST', '/api/v1/org/units', {
    code: `XA${seq}`,
    name: over.name ?? `Xã Thử ${seq}`,
    kind: 'commune',
    parentId: over.parentId ?? rootId,
    address: over.address ?? `Số ${seq} đường Lê Lợi`,
    phone: '0236 3821 000',
    email: `xa${seq}@example.gov.vn`,
    hotline: '1900 1234',
  });
  expect(res.status).toBe(201);
  return res.json() as { id: string; code: string };
}

async function counter(unitId: string, code: string, fields: string[] = []) {
  const res = await admin.request('POST', `/api/v1/org/units/${unitId}/counters`, { code, name: `Quầy ${code}`, fields });
  expect(res.status).toBe(201);
  return res.json() as { id: string; version: number };
}

/** A staff record with a title and a phone number (which the public must never see). */
async function member(unitId: string, fullName: string, extra: { title?: string; position?: string } = {}) {
  seq += 1;
  const res = await admin.request('POST', '/api/v1/org/staff', {
    username: `nv${seq}.${Date.now().toString(36)}`,
    fullName,
    unitId,
    phone: '0912 000 111',
    email: `nv${seq}@example.vn`,
    roles: [{ role: 'receptionist', unitId }],
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.json().staff as { id: string; version: number };
}

async function setRegular(c: { id: string; version: number }, staffId: string | null) {
  const res = await admin.request('PATCH', `/api/v1/org/counters/${c.id}`, { version: c.version, regularOfficerId: staffId });
  expect(res.status).toBe(200);
  c.version = res.json().version;
}

const nameplates = async (code: string) =>
  ((await get(`/api/v1/public/units/${code}/contacts`)).json().counters as { code: string; officer: { name: string; title: string | null } | null }[]).map((c) => [c.code, c.officer?.name ?? null]);

describe('the public contacts of a unit', () => {
  it('give the address, phone, e-mail, hotline, opening hours and the counters with their fields and nameplates — and nothing personal', async () => {
    const unit = await commune({ name: 'Xã Hòa Vang' });
    const q1 = await counter(unit.id, 'Q01', ['civil_status', 'certification']);
    await counter(unit.id, 'Q02');
    const officerA = await member(unit.id, 'Trần Thị Thu', { title: 'Công chức Tư pháp – Hộ tịch' });
    await setRegular(q1, officerA.id);

    const res = await get(`/api/v1/public/units/${unit.code}/contacts`);
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      code: unit.code,
      name: 'Xã Hòa Vang',
      phone: '0236 3821 000',
      email: expect.stringContaining('@example.gov.vn'),
      hotline: '1900 1234',
      parent: { code: expect.any(String) },
      today: today(),
      timeZone: VIETNAM,
      openingHours: [
        { start: '07:30', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
      workingWeekdays: [1, 2, 3, 4, 5],
    });
    expect(body.counters).toEqual([
      {
        code: 'Q01',
        name: 'Quầy Q01',
        allFields: false,
        fields: [
          { code: 'civil_status', name: 'Hộ tịch', nameEn: expect.any(String) },
          { code: 'certification', name: expect.any(String), nameEn: expect.any(String) },
        ],
        officer: { name: 'Trần Thị Thu', title: 'Công chức Tư pháp – Hộ tịch' },
      },
      { code: 'Q02', name: 'Quầy Q02', allFields: true, fields: [], officer: null },
    ]);
    const raw = JSON.stringify(body);
    expect(raw).not.toContain('0912');
    expect(raw).not.toContain(officerA.id);
    expect(raw).not.toContain('@example.vn');
  });

  it('give the opening hours the unit inherits from its parent’s calendar, as the procedure page does', async () => {
    const district = await commune();
    const below = await commune({ parentId: district.id });
    const six = { timeZone: VIETNAM, workingHours: [{ start: '07:00', end: '11:30' }, { start: '13:00', end: '16:30' }], workingWeekdays: [1, 2, 3, 4, 5, 6], sameDayCutoff: '15:00' };
    expect((await admin.request('PUT', `/api/v1/calendar/${district.code}/settings`, { version: null, ...six })).status).toBe(200);
    const contacts = (await get(`/api/v1/public/units/${below.code}/contacts`)).json();
    expect(contacts).toMatchObject({ openingHours: six.workingHours, workingWeekdays: six.workingWeekdays, parent: { code: district.code } });
    const procedure = (await get('/api/v1/procedures/1.001193')).json();
    const applyAt = (procedure.applyAt as { unitCode: string; openingHours: unknown; workingWeekdays: unknown }[]).find((a) => a.unitCode === below.code);
    expect(applyAt).toMatchObject({ openingHours: six.workingHours, workingWeekdays: six.workingWeekdays });
  });

  it('answer 404 for an unknown or disabled unit', async () => {
    expect((await get('/api/v1/public/units/KHONGCO/contacts')).json().error.code).toBe('UNIT_NOT_FOUND');
    const unit = await commune();
    const current = (await admin.request('GET', `/api/v1/org/units/${unit.id}`)).json();
    expect((await admin.request('PATCH', `/api/v1/org/units/${unit.id}`, { version: current.version, active: false })).status).toBe(200);
    expect((await get(`/api/v1/public/units/${unit.code}/contacts`)).status).toBe(404);
    expect((await get(`/api/v1/public/units/${unit.code}/reception-schedule`)).status).toBe(404);
  });

  it('find active units by words of the name typed without diacritics, and by kind', async () => {
    const a = await commune({ name: 'Xã Điện Bàn Đông' });
    const b = await commune({ name: 'Phường Điện Bàn Tây' });
    const found = (await get('/api/v1/public/units?q=dien%20ban')).json();
    expect(found.items.map((u: { code: string }) => u.code)).toEqual(expect.arrayContaining([a.code, b.code]));
    expect(found.total).toBe(found.items.length);
    expect((await get('/api/v1/public/units?q=DIEN%20BAN%20dong')).json().items.map((u: { code: string }) => u.code)).toEqual([a.code]);
    const communes = (await get('/api/v1/public/units?kind=province')).json().items;
    expect(communes.every((u: { kind: string }) => u.kind === 'province')).toBe(true);
    expect((await get('/api/v1/public/units?q=%25')).json().total).toBe(0);
    expect((await get('/api/v1/public/units?limit=500')).status).toBe(400);
  });
});

describe('the duty roster', () => {
  let unit: { id: string; code: string };
  let q1: { id: string; version: number };
  let regular: { id: string };
  let standIn: { id: string };

  beforeAll(async () => {
    unit = await commune();
    q1 = await counter(unit.id, 'Q01');
    regular = await member(unit.id, 'Nguyễn Văn Thường', { title: 'Công chức Văn phòng – Thống kê' });
    standIn = await member(unit.id, 'Lê Thị Thay', { position: 'Phó Chủ tịch UBND xã' });
    await setRegular(q1, regular.id);
  });

  it('shows the day’s entry instead of the regular officer, and the regular one again once the entry is removed', async () => {
    expect(await nameplates(unit.code)).toEqual([['Q01', 'Nguyễn Văn Thường']]);
    const set = await admin.request('PUT', `/api/v1/org/counters/${q1.id}/duties/${today()}`, { staffId: standIn.id });
    expect(set.status).toBe(200);
    expect(set.json()).toMatchObject({ counterCode: 'Q01', date: today(), staffId: standIn.id, fullName: 'Lê Thị Thay' });
    const contacts = (await get(`/api/v1/public/units/${unit.code}/contacts`)).json();
    // Without a title the nameplate shows the position.
    expect(contacts.counters[0].officer).toEqual({ name: 'Lê Thị Thay', title: 'Phó Chủ tịch UBND xã' });

    // Setting the same day again replaces the entry (PUT is idempotent).
    expect((await admin.request('PUT', `/api/v1/org/counters/${q1.id}/duties/${today()}`, { staffId: standIn.id })).status).toBe(200);
    const roster = (await admin.request('GET', `/api/v1/org/units/${unit.id}/duty-roster`)).json();
    expect(roster).toMatchObject({ from: today(), to: addDays(today(), 6), today: today() });
    expect(roster.items).toHaveLength(1);

    expect((await admin.request('DELETE', `/api/v1/org/counters/${q1.id}/duties/${today()}`)).status).toBe(204);
    expect((await admin.request('DELETE', `/api/v1/org/counters/${q1.id}/duties/${today()}`)).status).toBe(204);
    expect(await nameplates(unit.code)).toEqual([['Q01', 'Nguyễn Văn Thường']]);

    const audit = await t.db.pool.query(`SELECT action FROM audit_log WHERE object_id = $1 AND action LIKE 'counter.duty.%' ORDER BY seq`, [q1.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['counter.duty.set', 'counter.duty.set', 'counter.duty.clear']);
  });

  it('an entry for another day does not change today’s nameplate', async () => {
    const tomorrow = addDays(today(), 1);
    expect((await admin.request('PUT', `/api/v1/org/counters/${q1.id}/duties/${tomorrow}`, { staffId: standIn.id })).status).toBe(200);
    expect(await nameplates(unit.code)).toEqual([['Q01', 'Nguyễn Văn Thường']]);
    const roster = (await admin.request('GET', `/api/v1/org/units/${unit.id}/duty-roster?from=${tomorrow}&to=${tomorrow}`)).json();
    expect(roster.items.map((i: { date: string; fullName: string }) => [i.date, i.fullName])).toEqual([[tomorrow, 'Lê Thị Thay']]);
  });

  it('passes over a disabled officer: the regular officer sits there again, else nobody', async () => {
    const leaving = await member(unit.id, 'Phạm Văn Nghỉ');
    expect((await admin.request('PUT', `/api/v1/org/counters/${q1.id}/duties/${today()}`, { staffId: leaving.id })).status).toBe(200);
    expect(await nameplates(unit.code)).toEqual([['Q01', 'Phạm Văn Nghỉ']]);
    expect((await admin.request('POST', `/api/v1/org/staff/${leaving.id}/disable`, { version: leaving.version })).status).toBe(200);
    expect(await nameplates(unit.code)).toEqual([['Q01', 'Nguyễn Văn Thường']]);
    expect((await admin.request('DELETE', `/api/v1/org/counters/${q1.id}/duties/${today()}`)).status).toBe(204);
  });

  it('refuses an officer from outside the unit’s subtree, takes one from a unit under it', async () => {
    const other = await commune();
    const outsider = await member(other.id, 'Người Xã Khác');
    const put = await admin.request('PUT', `/api/v1/org/counters/${q1.id}/duties/${today()}`, { staffId: outsider.id });
    expect(put.status).toBe(422);
    expect(put.json().error.code).toBe('STAFF_NOT_IN_UNIT');
    const patch = await admin.request('PATCH', `/api/v1/org/counters/${q1.id}`, { version: q1.version, regularOfficerId: outsider.id });
    expect(patch.json().error.code).toBe('STAFF_NOT_IN_UNIT');

    const centre = await createUnit(admin, { code: `TT${++seq}`, name: 'Bộ phận Một cửa', kind: 'service_centre', parentId: unit.id });
    const below = await member(centre.id, 'Cán Bộ Trực Thuộc');
    expect((await admin.request('PUT', `/api/v1/org/counters/${q1.id}/duties/${addDays(today(), 2)}`, { staffId: below.id })).status).toBe(200);
  });

  it('cannot change a past day, and refuses a stale counter version', async () => {
    const past = await admin.request('PUT', `/api/v1/org/counters/${q1.id}/duties/${addDays(today(), -1)}`, { staffId: regular.id });
    expect(past.status).toBe(422);
    expect(past.json().error.code).toBe('DUTY_DAY_PAST');
    expect((await admin.request('DELETE', `/api/v1/org/counters/${q1.id}/duties/${addDays(today(), -1)}`)).json().error.code).toBe('DUTY_DAY_PAST');
    const stale = await admin.request('PATCH', `/api/v1/org/counters/${q1.id}`, { version: q1.version - 1, name: 'Cũ' });
    expect(stale.status).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
  });

  it('refuses a roster range longer than 93 days or running backwards', async () => {
    const long = await admin.request('GET', `/api/v1/org/units/${unit.id}/duty-roster?from=2026-01-01&to=2026-04-04`);
    expect(long.status).toBe(400);
    expect(long.json().error.details).toMatchObject({ reason: 'too_long', maxDays: 93 });
    expect((await admin.request('GET', `/api/v1/org/units/${unit.id}/duty-roster?from=2026-01-01&to=2026-04-03`)).status).toBe(200);
    expect((await admin.request('GET', `/api/v1/org/units/${unit.id}/duty-roster?from=2026-01-02&to=2026-01-01`)).json().error.details.reason).toBe('before_from');
  });
});

describe('unit scope', () => {
  let communeA: { id: string; code: string };
  let communeB: { id: string; code: string };
  let adminA: Officer;
  let counterB: { id: string; version: number };
  let sessionB: { id: string; version: number };

  beforeAll(async () => {
    communeA = await commune();
    communeB = await commune();
    adminA = await officer(t, admin, 'Quản trị xã A', communeA.id, [{ role: 'admin', unitId: communeA.id }]);
    counterB = await counter(communeB.id, 'Q01');
    const created = await admin.request('POST', `/api/v1/org/units/${communeB.id}/reception-schedule`, {
      hostName: 'Ông Khách',
      startsAt: `${addDays(today(), 3)}T07:30:00+07:00`,
      endsAt: `${addDays(today(), 3)}T11:30:00+07:00`,
      place: 'Phòng tiếp dân',
    });
    sessionB = created.json();
  });

  it('gives an admin of another commune 404 for its counters, roster and reception schedule', async () => {
    const officerB = await member(communeB.id, 'Cán bộ B');
    const cases = [
      await adminA.request('PATCH', `/api/v1/org/counters/${counterB.id}`, { version: counterB.version, regularOfficerId: officerB.id }),
      await adminA.request('PUT', `/api/v1/org/counters/${counterB.id}/duties/${today()}`, { staffId: officerB.id }),
      await adminA.request('DELETE', `/api/v1/org/counters/${counterB.id}/duties/${today()}`),
      await adminA.request('GET', `/api/v1/org/units/${communeB.id}/duty-roster`),
      await adminA.request('GET', `/api/v1/org/units/${communeB.id}/reception-schedule`),
      await adminA.request('POST', `/api/v1/org/units/${communeB.id}/reception-schedule`, { hostName: 'X', startsAt: '2030-01-01T08:00:00+07:00', endsAt: '2030-01-01T09:00:00+07:00', place: 'P' }),
      await adminA.request('PATCH', `/api/v1/org/reception-schedule/${sessionB.id}`, { version: sessionB.version, place: 'Nơi khác' }),
      await adminA.request('POST', `/api/v1/org/reception-schedule/${sessionB.id}/cancel`, { version: sessionB.version, reason: 'Không' }),
    ];
    expect(cases.map((r) => [r.status, r.json().error.code])).toEqual([
      [404, 'COUNTER_NOT_FOUND'],
      [404, 'COUNTER_NOT_FOUND'],
      [404, 'COUNTER_NOT_FOUND'],
      [404, 'UNIT_NOT_FOUND'],
      [404, 'UNIT_NOT_FOUND'],
      [404, 'UNIT_NOT_FOUND'],
      [404, 'RECEPTION_ENTRY_NOT_FOUND'],
      [404, 'RECEPTION_ENTRY_NOT_FOUND'],
    ]);
    // Its own commune works.
    const own = await counter(communeA.id, 'Q09');
    const mine = await member(communeA.id, 'Cán bộ A');
    expect((await adminA.request('PATCH', `/api/v1/org/counters/${own.id}`, { version: own.version, regularOfficerId: mine.id })).status).toBe(200);
  });

  it('lets a leader edit the reception schedule but not a receptionist', async () => {
    const leader = await officer(t, admin, 'Chủ tịch xã A', communeA.id, [{ role: 'leader', unitId: communeA.id }]);
    const receptionist = await officer(t, admin, 'Tiếp nhận xã A', communeA.id, [{ role: 'receptionist', unitId: communeA.id }]);
    const body = { leaderId: leader.staffId, startsAt: `${addDays(today(), 1)}T07:30:00+07:00`, endsAt: `${addDays(today(), 1)}T11:00:00+07:00`, place: 'Hội trường UBND xã' };
    expect((await leader.request('POST', `/api/v1/org/units/${communeA.id}/reception-schedule`, body)).status).toBe(201);
    const refused = await receptionist.request('POST', `/api/v1/org/units/${communeA.id}/reception-schedule`, body);
    expect(refused.status).toBe(403);
    // Everyone on the staff reads it.
    expect((await receptionist.request('GET', `/api/v1/org/units/${communeA.id}/reception-schedule`)).json().items).toHaveLength(1);
  });
});

describe('the citizen-reception schedule', () => {
  let unit: { id: string; code: string };
  let chair: { id: string };

  beforeAll(async () => {
    unit = await commune();
    chair = await member(unit.id, 'Hoàng Văn Chủ', { position: 'Chủ tịch UBND xã', title: 'Công chức' });
  });

  const at = (dayOffset: number, time: string) => `${addDays(today(), dayOffset)}T${time}:00+07:00`;
  const create = (body: Record<string, unknown>) => admin.request('POST', `/api/v1/org/units/${unit.id}/reception-schedule`, body);

  it('publishes the sessions of the coming four weeks with the leader’s name and position, or the host typed in', async () => {
    const weekly = await create({ leaderId: chair.id, startsAt: at(2, '07:30'), endsAt: at(2, '11:30'), place: 'Phòng tiếp công dân UBND xã', note: 'Mang theo giấy tờ tùy thân' });
    expect(weekly.status).toBe(201);
    expect(weekly.json()).toMatchObject({ leaderId: chair.id, hostName: null, host: { name: 'Hoàng Văn Chủ', title: 'Chủ tịch UBND xã' }, version: 1 });
    const guest = await create({ hostName: 'Bà Đại Biểu', hostTitle: 'Đại biểu HĐND tỉnh', startsAt: at(9, '13:30'), endsAt: at(9, '17:00'), place: 'Hội trường' });
    expect(guest.status).toBe(201);
    // Beyond the default four weeks, and before today: not in the default answer.
    expect((await create({ leaderId: chair.id, startsAt: at(40, '07:30'), endsAt: at(40, '11:30'), place: 'Xa' })).status).toBe(201);
    expect((await create({ leaderId: chair.id, startsAt: at(-3, '07:30'), endsAt: at(-3, '11:30'), place: 'Đã qua' })).status).toBe(201);

    const schedule = (await get(`/api/v1/public/units/${unit.code}/reception-schedule`)).json();
    expect(schedule).toMatchObject({ unitCode: unit.code, from: today(), to: addDays(today(), 27), timeZone: VIETNAM });
    expect(schedule.items.map((i: { host: { name: string; title: string } }) => i.host)).toEqual([
      { name: 'Hoàng Văn Chủ', title: 'Chủ tịch UBND xã' },
      { name: 'Bà Đại Biểu', title: 'Đại biểu HĐND tỉnh' },
    ]);
    expect(schedule.items[0]).toMatchObject({ startsAt: new Date(at(2, '07:30')).toISOString(), place: 'Phòng tiếp công dân UBND xã', note: 'Mang theo giấy tờ tùy thân', cancelled: false });
    expect(JSON.stringify(schedule)).not.toContain(chair.id);

    const later = (await get(`/api/v1/public/units/${unit.code}/reception-schedule?from=${addDays(today(), 30)}&to=${addDays(today(), 45)}`)).json();
    expect(later.items.map((i: { place: string }) => i.place)).toEqual(['Xa']);
  });

  it('limits the range to 93 days', async () => {
    const from = addDays(today(), 1);
    expect((await get(`/api/v1/public/units/${unit.code}/reception-schedule?from=${from}&to=${addDays(from, 92)}`)).status).toBe(200);
    const long = await get(`/api/v1/public/units/${unit.code}/reception-schedule?from=${from}&to=${addDays(from, 93)}`);
    expect(long.status).toBe(400);
    expect(long.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { reason: 'too_long', maxDays: 93 } });
    expect((await get(`/api/v1/public/units/${unit.code}/reception-schedule?from=2026-13-01`)).status).toBe(400);
    expect((await get(`/api/v1/public/units/${unit.code}/reception-schedule?from=${from}&extra=1`)).status).toBe(400);
  });

  it('shows a cancelled session as cancelled with its reason, and does not let it be edited', async () => {
    const s = (await create({ leaderId: chair.id, startsAt: at(5, '07:30'), endsAt: at(5, '11:30'), place: 'Phòng 1' })).json();
    const cancelled = await admin.request('POST', `/api/v1/org/reception-schedule/${s.id}/cancel`, { version: s.version, reason: 'Chủ tịch đi họp tại tỉnh' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json()).toMatchObject({ cancelled: true, cancelReason: 'Chủ tịch đi họp tại tỉnh', version: 2 });
    const item = (await get(`/api/v1/public/units/${unit.code}/reception-schedule`)).json().items.find((i: { id: string }) => i.id === s.id);
    expect(item).toMatchObject({ cancelled: true, cancelReason: 'Chủ tịch đi họp tại tỉnh' });
    const edit = await admin.request('PATCH', `/api/v1/org/reception-schedule/${s.id}`, { version: 2, place: 'Phòng 2' });
    expect(edit.status).toBe(409);
    expect(edit.json().error.code).toBe('RECEPTION_ENTRY_CANCELLED');
    expect((await admin.request('POST', `/api/v1/org/reception-schedule/${s.id}/cancel`, { version: 2, reason: 'Lần nữa' })).json().error.code).toBe('RECEPTION_ENTRY_CANCELLED');
    const audit = await t.db.pool.query(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY seq`, [s.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['reception.create', 'reception.cancel']);
  });

  it('refuses a stale version and keeps the first edit', async () => {
    const s = (await create({ leaderId: chair.id, startsAt: at(6, '07:30'), endsAt: at(6, '11:30'), place: 'Phòng A' })).json();
    expect((await admin.request('PATCH', `/api/v1/org/reception-schedule/${s.id}`, { version: 1, place: 'Phòng B' })).status).toBe(200);
    const stale = await admin.request('PATCH', `/api/v1/org/reception-schedule/${s.id}`, { version: 1, place: 'Phòng C' });
    expect(stale.status).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const items = (await admin.request('GET', `/api/v1/org/units/${unit.id}/reception-schedule`)).json().items;
    expect(items.find((i: { id: string }) => i.id === s.id)).toMatchObject({ place: 'Phòng B', version: 2 });
  });

  it('switches the host between a staff member and a typed-in name', async () => {
    const s = (await create({ leaderId: chair.id, startsAt: at(7, '07:30'), endsAt: at(7, '11:30'), place: 'Phòng A' })).json();
    const typed = await admin.request('PATCH', `/api/v1/org/reception-schedule/${s.id}`, { version: 1, hostName: 'Ông Phó Chủ tịch', hostTitle: 'Phó Chủ tịch UBND xã' });
    expect(typed.json()).toMatchObject({ leaderId: null, host: { name: 'Ông Phó Chủ tịch', title: 'Phó Chủ tịch UBND xã' } });
    const back = await admin.request('PATCH', `/api/v1/org/reception-schedule/${s.id}`, { version: 2, leaderId: chair.id });
    expect(back.json()).toMatchObject({ leaderId: chair.id, hostName: null, hostTitle: null, host: { name: 'Hoàng Văn Chủ' } });
  });

  it('refuses a session without a host, with two hosts, ending before it starts or lasting over a day, or led by an outsider', async () => {
    const times = { startsAt: at(8, '07:30'), endsAt: at(8, '11:30'), place: 'Phòng A' };
    expect((await create(times)).status).toBe(400);
    expect((await create({ ...times, leaderId: chair.id, hostName: 'Cả hai' })).json().error.details).toMatchObject({ reason: 'leader_and_host' });
    const backwards = await create({ ...times, leaderId: chair.id, endsAt: at(8, '07:00') });
    expect(backwards.status).toBe(422);
    expect(backwards.json().error.code).toBe('RECEPTION_TIME_INVALID');
    expect((await create({ ...times, leaderId: chair.id, endsAt: at(9, '11:30') })).json().error.code).toBe('RECEPTION_TIME_INVALID');
    const other = await commune();
    const outsider = await member(other.id, 'Lãnh đạo xã khác');
    const led = await create({ ...times, leaderId: outsider.id });
    expect(led.status).toBe(422);
    expect(led.json().error.code).toBe('STAFF_NOT_IN_UNIT');
    expect((await create({ ...times, hostName: 'Ông A', unknown: 1 })).status).toBe(400);
  });
});

// Last: it moves the test clock to a coming midnight in Vietnam.
describe('today’s nameplate around midnight in Vietnam (UTC+7)', () => {
  it('switches to the next day’s officer at 17:00 UTC, not at midnight UTC', async () => {
    const unit = await commune();
    const q1 = await counter(unit.id, 'Q01');
    const first = await member(unit.id, 'Cán Bộ Hôm Nay');
    const second = await member(unit.id, 'Cán Bộ Ngày Mai');
    const day = addDays(today(), 10);
    const next = addDays(day, 1);
    expect((await admin.request('PUT', `/api/v1/org/counters/${q1.id}/duties/${day}`, { staffId: first.id })).status).toBe(200);
    expect((await admin.request('PUT', `/api/v1/org/counters/${q1.id}/duties/${next}`, { staffId: second.id })).status).toBe(200);

    // 23:59:30 in Vietnam on `day` is 16:59:30 UTC.
    t.clock.advance(Date.parse(`${day}T16:59:30Z`) - t.clock.now().getTime());
    let contacts = (await get(`/api/v1/public/units/${unit.code}/contacts`)).json();
    expect(contacts.today).toBe(day);
    expect(contacts.counters[0].officer.name).toBe('Cán Bộ Hôm Nay');

    // 00:00:30 in Vietnam on `next`, still `day` in UTC.
    t.clock.advance(60_000);
    expect(t.clock.now().toISOString().slice(0, 10)).toBe(day);
    contacts = (await get(`/api/v1/public/units/${unit.code}/contacts`)).json();
    expect(contacts.today).toBe(next);
    expect(contacts.counters[0].officer.name).toBe('Cán Bộ Ngày Mai');
  });
});
