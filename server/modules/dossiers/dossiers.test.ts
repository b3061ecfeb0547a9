import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier, IntakeResult } from '../../../contracts/dossiers.js';
import { adminClient, makeTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { act, ok, countRows } from '../../../test/dossier-actions.js';
import { createUnit, officer, oneStopTeam, rootUnitId, signingCertificate, type Officer } from '../../../test/staff.js';
import { resolveCalendar } from '../calendar/service.js';
import { addWorkingDays, addWorkingHours, dueDate } from '../calendar/due-date.js';
import { toIsoDate } from '../calendar/local-date.js';
import { deadlineSweep } from './deadlines.js';
import { DEADLINE_QUEUE, startJobs } from './jobs.js';
import { closeExpiredSupplements, submitOnline } from './service.js';

const PROCEDURE = '1.000893'; // Cấp Giấy xác nhận tình trạng hôn nhân: 3 working days, commune level
const DAY = 86_400_000;

let t: TestApp;
let admin: Client;
let commune: { id: string; code: string };
let other: { id: string; code: string };
let reception: Officer;
let specialist: Officer;
let leader: Officer;
let otherSpecialist: Officer;

// Tuesday 24 Nov 2026, 09:00 in Hà Nội: a plain working day, far from holidays.
const START = Date.parse('2026-11-24T02:00:00Z');

function person(overrides: Record<string, unknown> = {}) {
  return { kind: 'person', fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '001190012345', birthDate: '1990-05-17', address: 'Số 5 ngõ 12 phố Huế, Hà Nội', phone: '0912 345 678', email: 'nhung@example.vn', ...overrides };
}

function intakeBody(overrides: Record<string, unknown> = {}) {
  return {
    procedureCode: PROCEDURE,
    counterCode: 'Q1',
    applicant: person(),
    documents: [
      { index: 0, received: true, form: 'original', count: 1 },
      { index: 1, received: true, form: 'original', count: 1 },
    ],
    priority: ['elderly'],
    outcome: 'accepted',
    ...overrides,
  };
}

async function receive(overrides: Record<string, unknown> = {}, key = randomUUID()): Promise<{ status: number; body: IntakeResult & { error?: { code: string } } }> {
  const res = await reception.request('POST', '/api/v1/dossiers', intakeBody(overrides), { 'idempotency-key': key });
  return { status: res.status, body: res.json() };
}

beforeAll(async () => {
  t = await makeTestApp();
  t.clock.advance(START - Date.now());
  admin = await adminClient(t);
  ({ unit: commune, reception, specialist, leader } = await oneStopTeam(t, admin, { code: 'H55.242', name: 'Ủy ban nhân dân phường Hoàn Kiếm', kind: 'ward', address: '126 Hàng Trống' }));
  const root = { id: await rootUnitId(admin) };
  other = await createUnit(admin, { code: 'H55.243', name: 'Ủy ban nhân dân phường Ba Đình', kind: 'ward', parentId: root.id });
  await signingCertificate(t, admin, other.id);
  otherSpecialist = await officer(t, admin, 'Hoàng Văn Khác', other.id, [{ role: 'specialist', unitId: other.id }]);
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('intake at the desk', () => {
  it('accepts a complete dossier: code per Decree 118 Art. 28, secret, appointment from the calendar, history and audit', async () => {
    const before = await countRows(t, 'audit_log');
    const { status, body } = await receive();
    expect(status).toBe(201);
    const d = body.dossier;
    expect(d.code).toMatch(/^H55\.242-241126-\d{4}$/);
    expect(body.secret?.split('-').map((g) => g.length)).toEqual([5, 5, 5, 5, 5, 1]);
    expect(body.secret).toMatch(/^[0-9A-HJKMNP-TV-Z-]+$/);
    expect(d.status).toBe('processing');
    expect(d.step).toBe('appraise');
    expect(d.assignee.role).toBe('specialist');
    const cal = await resolveCalendar(t.db.db, commune.id);
    expect(d.dueAt).toBe(dueDate(cal, new Date(d.receivedAt), { kind: 'working_days', amount: 3 }).toISOString());
    expect(d.stepDues.map((s) => s.step)).toEqual(['receive', 'appraise', 'approve', 'sign', 'return']);
    expect(d.stepDues.at(-1)?.dueAt).toBe(d.dueAt);
    expect(d.counter?.code).toBe('Q1');
    expect(d.priority).toEqual(['elderly']);
    const history = (await reception.request('GET', `/api/v1/dossiers/${d.code}/history`)).json() as { items: { action: string; fromStep: string; toStep: string }[] };
    expect(history.items).toMatchObject([{ action: 'intake_accepted', fromStep: 'receive', toStep: 'appraise' }]);
    expect(await countRows(t, 'audit_log')).toBeGreaterThan(before);
  });

  it('numbers dossiers of a day in sequence', async () => {
    const a = await receive();
    const b = await receive();
    const n = (code: string) => Number(code.split('-')[2]);
    expect(n(b.body.dossier.code)).toBe(n(a.body.dossier.code) + 1);
  });

  it('an incomplete dossier gets one request for supplementation listing everything missing', async () => {
    const { status, body } = await receive({
      outcome: 'incomplete',
      documents: [
        { index: 0, received: false, form: 'original', count: 0 },
        { index: 1, received: true, form: 'original', count: 1 },
      ],
      missing: ['Bản sao giấy chứng tử của vợ/chồng đã mất'],
    });
    expect(status).toBe(201);
    expect(body.dossier.status).toBe('intake_incomplete');
    expect(body.dossier.step).toBeNull();
    expect(body.dossier.missing).toEqual(['Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (theo mẫu)', 'Bản sao giấy chứng tử của vợ/chồng đã mất']);
    expect(body.dossier.dueAt).toBeNull();
  });

  it('a refused dossier needs and keeps the reason', async () => {
    expect((await receive({ outcome: 'refused' })).status).toBe(400);
    const { body } = await receive({ outcome: 'refused', reason: 'Không thuộc thẩm quyền của phường' });
    expect(body.dossier.status).toBe('not_accepted');
    expect(body.dossier.reason).toBe('Không thuộc thẩm quyền của phường');
  });

  it('a retried submission never creates a second dossier', async () => {
    const key = randomUUID();
    const before = await countRows(t, 'dossiers');
    const results = await Promise.all([receive({}, key), receive({}, key), receive({}, key)]);
    const codes = new Set(results.map((r) => r.body.dossier.code));
    expect(codes.size).toBe(1);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(results.map((r) => r.body.secret)).size).toBe(1);
    expect(await countRows(t, 'dossiers')).toBe(before + 1);
    const reused = await receive({ priority: [] }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('bad input answers 4xx with a stable code and writes nothing', async () => {
    const before = await countRows(t, 'dossiers');
    const cases: [Record<string, unknown>, number, string][] = [
      [{ procedureCode: 'KHONG.CO' }, 404, 'PROCEDURE_NOT_FOUND'],
      [{ documents: [{ index: 0, received: true, form: 'original', count: 1 }] }, 422, 'DOSSIER_DOCUMENTS_MISMATCH'],
      [{ documents: [{ index: 0, received: true, form: 'original', count: 1 }, { index: 1, received: true, form: 'original', count: 1 }, { index: 7, received: true, form: 'copy', count: 1 }] }, 422, 'DOSSIER_DOCUMENTS_MISMATCH'],
      [{ documents: [{ index: 0, received: false, form: 'original', count: 0 }, { index: 1, received: true, form: 'original', count: 1 }] }, 422, 'DOSSIER_DOCUMENTS_INCOMPLETE'],
      [{ applicant: person({ idNumber: '00119001234' }) }, 400, 'VALIDATION_FAILED'],
      [{ applicant: person({ idNumber: '001185012345' }) }, 422, 'CITIZEN_ID_INVALID'],
      [{ applicant: person({ idNumber: '999190012345' }) }, 422, 'CITIZEN_ID_INVALID'],
      [{ applicant: { kind: 'organisation', name: 'Công ty A', taxCode: '0101234567', representative: 'Ông B', address: 'Hà Nội' } }, 422, 'APPLICANT_TYPE_MISMATCH'],
      [{ counterCode: 'Q9' }, 404, 'COUNTER_NOT_FOUND'],
      [{ settlingUnitCode: 'KHONG-CO' }, 404, 'UNIT_NOT_FOUND'],
      [{ unexpected: true }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [overrides, status, code] of cases) {
      const r = await receive(overrides);
      expect([r.status, r.body.error?.code], JSON.stringify(overrides)).toEqual([status, code]);
    }
    const noKey = await reception.request('POST', '/api/v1/dossiers', intakeBody());
    expect([noKey.status, noKey.json().error.code]).toEqual([400, 'IDEMPOTENCY_KEY_REQUIRED']);
    const notReceptionist = await specialist.request('POST', '/api/v1/dossiers', intakeBody(), { 'idempotency-key': randomUUID() });
    expect(notReceptionist.status).toBe(403);
    expect(await countRows(t, 'dossiers')).toBe(before);
  });

  it('receives for another unit of the province (boundary-free filing) and records both', async () => {
    const r = await receive({ settlingUnitCode: other.code });
    expect(r.status).toBe(201);
    expect(r.body.dossier.receivingUnit.code).toBe(commune.code);
    expect(r.body.dossier.settlingUnit.code).toBe(other.code);
    expect(r.body.dossier.assignee.unitId).toBe(other.id);
    // The other ward's specialist sees and appraises it; ours cannot act on it.
    const seen = await otherSpecialist.request('GET', `/api/v1/dossiers/${r.body.dossier.code}`);
    expect(seen.status).toBe(200);
    expect((seen.json() as Dossier).actions).toContain('forward');
    expect((await act(specialist, r.body.dossier, 'forward')).status).toBe(403);
  });
});

describe('the five steps', () => {
  it('walks receive → appraise → approve → sign → return, each by its role', async () => {
    const { body } = await receive();
    let d = body.dossier;
    expect((await act(reception, d, 'forward')).body.error?.code).toBe('DOSSIER_ROLE_FORBIDDEN');
    expect((await act(leader, d, 'sign')).body.error?.code).toBe('DOSSIER_TRANSITION_INVALID');
    expect((await act(specialist, d, 'return_result', { method: 'desk', receivedBy: 'x' })).status).toBe(409);
    d = await ok(specialist, d, 'forward', { note: 'Đủ điều kiện', proposal: 'approved' });
    expect([d.step, d.assignee.role]).toEqual(['approve', 'leader']);
    expect((await act(leader, d, 'sign')).body.error?.code).toBe('DOSSIER_TRANSITION_INVALID');
    d = await ok(leader, d, 'approve');
    expect([d.step, d.outcome]).toEqual(['sign', 'approved']);
    d = await ok(leader, d, 'sign');
    expect(d.step).toBe('return');
    expect(d.timeliness).toBe('early');
    expect(d.assignee.role).toBe('receptionist');
    d = await ok(reception, d, 'return_result', { method: 'desk', receivedBy: 'Nguyễn Thị Hồng Nhung' });
    expect([d.status, d.step, d.result.method, d.result.receivedBy]).toEqual(['returned', null, 'desk', 'Nguyễn Thị Hồng Nhung']);
    expect((await act(reception, d, 'return_result', { method: 'desk', receivedBy: 'x' })).body.error?.code).toBe('DOSSIER_TRANSITION_INVALID');
    const history = (await leader.request('GET', `/api/v1/dossiers/${d.code}/history`)).json() as { items: { action: string; actor: { name: string | null } }[] };
    expect(history.items.map((h) => h.action)).toEqual(['intake_accepted', 'forward', 'approve', 'sign', 'return_result']);
    expect(history.items[2]?.actor.name).toBe('Phạm Văn Duyệt');
  });

  it('sends back to an earlier step with a reason, and rejects with a refusal that is returned', async () => {
    let d = (await receive()).body.dossier;
    d = await ok(specialist, d, 'forward');
    expect((await act(leader, d, 'send_back', { toStep: 'sign', reason: 'x' })).body.error?.code).toBe('DOSSIER_SEND_BACK_STEP_INVALID');
    d = await ok(leader, d, 'send_back', { toStep: 'appraise', reason: 'Cần xác minh thêm' });
    expect(d.step).toBe('appraise');
    d = await ok(leader, d, 'reject', { reason: 'Người yêu cầu đang có đăng ký kết hôn chưa chấm dứt' });
    expect([d.step, d.outcome, d.reason]).toEqual(['return', 'rejected', 'Người yêu cầu đang có đăng ký kết hôn chưa chấm dứt']);
    d = await ok(reception, d, 'return_result', { method: 'post', receivedBy: 'Bưu điện Hoàn Kiếm' });
    expect(d.status).toBe('returned');
  });

  it('two officers acting at once: exactly one wins, the other gets 409', async () => {
    let d = (await receive()).body.dossier;
    d = await ok(specialist, d, 'forward');
    const second = await officer(t, admin, 'Đỗ Thị Phó', commune.id, [{ role: 'leader', unitId: commune.id }]);
    const results = await Promise.all([act(leader, d, 'approve'), act(second, d, 'reject', { reason: 'Không đủ điều kiện' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.error?.code).toBe('VERSION_CONFLICT');
    const history = (await leader.request('GET', `/api/v1/dossiers/${d.code}/history`)).json() as { items: unknown[] };
    expect(history.items).toHaveLength(3);
  });

  it('stops at the applicant\'s request before the decision, not after', async () => {
    let d = (await receive()).body.dossier;
    d = await ok(reception, d, 'stop', { reason: 'Người nộp xin rút hồ sơ' });
    expect([d.status, d.step]).toEqual(['stopped', null]);
    let e = (await receive()).body.dossier;
    e = await ok(specialist, e, 'forward');
    e = await ok(leader, e, 'approve');
    expect((await act(reception, e, 'stop', { reason: 'muộn' })).body.error?.code).toBe('DOSSIER_TRANSITION_INVALID');
  });

  it('records the applicant\'s written withdrawal apart from the authority\'s stop, and tells the applicant which', async () => {
    const w0 = (await receive()).body.dossier;
    const noReason = await act(reception, w0, 'withdraw');
    expect([noReason.status, noReason.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    const w = await ok(reception, w0, 'withdraw', { reason: 'Đơn xin rút hồ sơ ngày 24/11' });
    expect([w.status, w.step]).toEqual(['stopped', null]);
    const s = await ok(leader, (await receive()).body.dossier, 'stop', { reason: 'Giấy tờ không hợp lệ' });
    const rows = await t.db.db.execute<{ code: string; withdrawn: boolean; kind: string }>(
      sql`SELECT d.code, d.withdrawn, n.kind FROM dossiers d JOIN applicant_notices n ON n.dossier_id = d.id AND n.kind IN ('stopped', 'withdrawn') WHERE d.code IN (${w.code}, ${s.code}) ORDER BY d.withdrawn`,
    );
    expect(rows.rows).toEqual([
      { code: s.code, withdrawn: false, kind: 'stopped' },
      { code: w.code, withdrawn: true, kind: 'withdrawn' },
    ]);
    const history = (await reception.request('GET', `/api/v1/dossiers/${w.code}/history`)).json() as { items: { action: string }[] };
    expect(history.items.map((h) => h.action)).toContain('withdraw');
    // The notice of stopping is printable for a withdrawn dossier too.
    const notice = await reception.request('GET', `/api/v1/dossiers/${w.code}/forms/stop_notice`);
    expect(notice.status).toBe(200);
  });

  it('counts the trips to the desk: the intake in person (also a guided one), a supplement brought to the desk, none by post', async () => {
    const visits = async (code: string) => (await t.db.db.execute<{ visits: number }>(sql`SELECT visits FROM dossiers WHERE code = ${code}`)).rows[0]?.visits;
    let d = (await receive()).body.dossier;
    expect(await visits(d.code)).toBe(1);
    d = await ok(specialist, d, 'request_supplement', { missing: ['Giấy xác nhận nơi cư trú'] });
    d = await ok(reception, d, 'receive_supplement');
    expect(await visits(d.code)).toBe(2);
    const byPost = (await receive({ channel: 'post' })).body.dossier;
    expect(await visits(byPost.code)).toBe(0);
    // An intake guided to complete it was a trip too.
    const guided = await receive({
      outcome: 'incomplete',
      documents: [
        { index: 0, received: false, form: 'original', count: 0 },
        { index: 1, received: true, form: 'original', count: 1 },
      ],
    });
    expect([guided.status, await visits(guided.body.dossier.code)]).toEqual([201, 1]);
  });
});

describe('supplementation, payment, consultation and transfer', () => {
  it('asks once within 3 working days, stops the clock and restarts it in full when the documents arrive', async () => {
    let d = (await receive()).body.dossier;
    d = await ok(specialist, d, 'request_supplement', { missing: ['Giấy xác nhận nơi cư trú'] });
    expect(d.status).toBe('supplement_requested');
    expect(d.supplement?.missing).toEqual(['Giấy xác nhận nơi cư trú']);
    t.clock.advance(2 * DAY);
    d = await ok(reception, d, 'receive_supplement');
    expect(d.status).toBe('processing');
    const cal = await resolveCalendar(t.db.db, commune.id);
    expect(Math.abs(Date.parse(d.clockStartedAt ?? '') - t.clock.now().getTime())).toBeLessThan(5_000);
    expect(d.dueAt).toBe(dueDate(cal, new Date(d.clockStartedAt ?? ''), { kind: 'working_days', amount: 3 }).toISOString());
    expect((await act(specialist, d, 'request_supplement', { missing: ['x'] })).body.error?.code).toBe('DOSSIER_SUPPLEMENT_ALREADY_REQUESTED');
  });

  it('refuses a request for supplementation after 3 working days', async () => {
    const d = (await receive()).body.dossier;
    t.clock.advance(7 * DAY);
    const r = await act(specialist, d, 'request_supplement', { missing: ['x'] });
    expect([r.status, r.body.error?.code]).toEqual([422, 'DOSSIER_SUPPLEMENT_WINDOW_CLOSED']);
  });

  it('closes the dossier when nothing arrives within the procedure\'s period', async () => {
    let d = (await receive()).body.dossier;
    d = await ok(specialist, d, 'request_supplement', { missing: ['Giấy tờ tùy thân'] });
    t.clock.advance(10 * DAY);
    const ctx = { ...t.systemCtx() };
    expect(await closeExpiredSupplements(ctx)).toBe(0);
    t.clock.advance(8 * DAY);
    expect(await closeExpiredSupplements(ctx)).toBeGreaterThanOrEqual(1);
    const after = (await specialist.request('GET', `/api/v1/dossiers/${d.code}`)).json() as Dossier;
    expect([after.status, after.step]).toEqual(['closed', null]);
  });

  it('pauses the clock while fees are unpaid and shifts the due dates by the working time paused', async () => {
    let d = (await receive()).body.dossier;
    const due = Date.parse(d.dueAt ?? '');
    d = await ok(specialist, d, 'request_payment', { items: [{ label: 'Lệ phí', amountVnd: 15000 }] });
    expect([d.status, d.payment?.totalVnd]).toEqual(['payment_requested', 15000]);
    t.clock.advance(DAY);
    d = await ok(reception, d, 'record_payment', { receiptNumber: 'BL-0001' });
    expect(d.status).toBe('processing');
    expect(Date.parse(d.dueAt ?? '')).toBeGreaterThan(due);
  });

  it('consults another unit, which answers; transfers to another unit with a slip of tasks', async () => {
    let d = (await receive()).body.dossier;
    d = await ok(specialist, d, 'consult', { unitCode: other.code, question: 'Xin xác nhận tình trạng hôn nhân tại nơi cư trú trước đây', days: 2 });
    expect(d.consultations).toHaveLength(1);
    const consultation = d.consultations[0];
    if (!consultation) throw new Error('no consultation');
    const seen = (await otherSpecialist.request('GET', `/api/v1/dossiers/${d.code}`)).json() as Dossier;
    expect(seen.actions).toEqual(['answer_consultation']);
    const inbox = (await otherSpecialist.request('GET', '/api/v1/dossiers/inbox')).json() as { counts: Record<string, number> };
    expect(inbox.counts.consultations).toBeGreaterThanOrEqual(1);
    d = await ok(otherSpecialist, seen, 'answer_consultation', { consultationId: consultation.id, answer: 'Chưa đăng ký kết hôn tại phường Ba Đình' });
    expect(d.consultations[0]?.answer).toBe('Chưa đăng ký kết hôn tại phường Ba Đình');
    d = await ok(specialist, d, 'transfer', { unitCode: other.code, reason: 'Nơi cư trú thuộc phường Ba Đình', tasks: [{ unitCode: other.code, task: 'Thẩm định và cấp giấy', days: 2 }] });
    expect(d.settlingUnit.code).toBe(other.code);
    expect(d.transfers[0]?.tasks[0]?.unit.code).toBe(other.code);
    expect(d.actions).toEqual([]);
  });
});

describe('deadlines', () => {
  it('moves the due date once with an apology, at least a working day ahead, and the dossier counts as late', async () => {
    let d = (await receive()).body.dossier;
    d = await ok(specialist, d, 'forward');
    const cal = await resolveCalendar(t.db.db, commune.id);
    const working = toIsoDate(cal.nextWorkingDay(cal.toLocal(Date.parse(d.dueAt ?? '') + 5 * DAY).day));
    const first = d.dueAt;
    d = await ok(leader, d, 'extend', { reason: 'Cần xác minh tại nơi cư trú trước đây', newDueDate: working });
    expect(d.originalDueAt).toBe(first);
    expect(d.extension?.reason).toBe('Cần xác minh tại nơi cư trú trước đây');
    expect((await act(leader, d, 'extend', { reason: 'x', newDueDate: working })).body.error?.code).toBe('DOSSIER_ALREADY_EXTENDED');
    const notices = await t.db.db.execute<{ kind: string }>(sql`SELECT kind FROM applicant_notices n JOIN dossiers d ON d.id = n.dossier_id WHERE d.code = ${d.code}`);
    expect(notices.rows.map((r) => r.kind)).toContain('apology_extension');
    d = await ok(leader, d, 'approve');
    d = await ok(leader, d, 'sign');
    expect(d.timeliness).toBe('late');
  });

  it('refuses an apology issued less than a working day before the due date', async () => {
    let d = (await receive()).body.dossier;
    d = await ok(specialist, d, 'forward');
    t.clock.advance(Date.parse(d.dueAt ?? '') - t.clock.now().getTime() - 3_600_000);
    const r = await act(leader, d, 'extend', { reason: 'x', newDueDate: '2027-03-01' });
    expect([r.status, r.body.error?.code]).toEqual([422, 'DOSSIER_EXTENSION_TOO_LATE']);
    t.clock.advance(2 * 3_600_000);
    const list = (await leader.request('GET', '/api/v1/dossiers?view=overdue')).json() as { items: { code: string; overdue: boolean }[] };
    expect(list.items.find((i) => i.code === d.code)?.overdue).toBe(true);
  });
});

describe('reading and searching', () => {
  it('finds by code, by name without diacritics and by ID number, within the officer\'s scope only', async () => {
    const d = (await receive({ applicant: person({ fullName: 'Đặng Thị Thu Hà', idNumber: '079301001234', birthDate: '2001-02-03' }) })).body.dossier;
    const search = async (who: Client, q: string) => ((await who.request('GET', `/api/v1/dossiers?q=${encodeURIComponent(q)}`)).json() as { items: { code: string }[] }).items.map((i) => i.code);
    expect(await search(reception, 'dang thi thu ha')).toContain(d.code);
    expect(await search(reception, 'Thu Hà')).toContain(d.code);
    expect(await search(reception, '079301001234')).toEqual([d.code]);
    expect(await search(reception, d.code.toLowerCase())).toEqual([d.code]);
    expect(await search(otherSpecialist, 'dang thi thu ha')).toEqual([]);
    expect((await otherSpecialist.request('GET', `/api/v1/dossiers/${d.code}`)).status).toBe(404);
  });

  it('counts the inbox views', async () => {
    const res = await specialist.request('GET', '/api/v1/dossiers/inbox');
    expect(res.status, JSON.stringify(res.json())).toBe(200);
    const { counts } = res.json() as { counts: Record<string, number> };
    expect(counts.mine).toBeGreaterThan(0);
    const mine = (await specialist.request('GET', '/api/v1/dossiers?view=mine&pageSize=200')).json() as { total: number };
    expect(mine.total).toBe(counts.mine);
  });
});

describe('public lookup', () => {
  it('answers with the progress and no personal data; the same 404 for a wrong code or secret', async () => {
    const { body } = await receive();
    const lookup = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/public/lookup', payload: payload as Record<string, unknown>, remoteAddress: '203.0.113.7' });
    const res = await lookup({ code: body.dossier.code, secret: (body.secret ?? '').toLowerCase().replace(/-/g, ' ') });
    expect(res.statusCode).toBe(200);
    const found = res.json();
    expect(found).toMatchObject({ code: body.dossier.code, status: 'processing', step: 'appraise', appointmentAt: body.dossier.dueAt });
    expect(res.body).not.toMatch(/Nhung|001190012345|0912|example\.vn|Huế/);
    const wrongSecret = await lookup({ code: body.dossier.code, secret: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-A' });
    const wrongCode = await lookup({ code: 'H55.242-010101-9999', secret: body.secret });
    expect(wrongSecret.statusCode).toBe(404);
    expect(wrongSecret.body).toBe(wrongCode.body);
  });

  it('limits each address to 30 lookups a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/public/lookup', payload: { code: 'X', secret: 'Y' }, remoteAddress: '198.51.100.9' });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe('online dossiers and the deadline sweep', () => {
  const systemCtx = () => t.systemCtx();

  it('an online dossier waits for acceptance within 8 working hours; the clock starts at acceptance', async () => {
    const sent = await submitOnline(systemCtx(), {
      procedureCode: PROCEDURE,
      receivingUnitCode: commune.code,
      applicant: person({ fullName: 'Vũ Minh Trực Tuyến' }) as never,
      documents: [
        { index: 0, received: true, form: 'original', count: 1 },
        { index: 1, received: true, form: 'original', count: 1 },
      ],
    });
    const cal = await resolveCalendar(t.db.db, commune.id);
    expect(Math.abs(Date.parse(sent.acceptDueAt) - addWorkingHours(cal, t.clock.now(), 8).getTime())).toBeLessThan(5_000);
    const alerts = (await reception.request('GET', '/api/v1/dossiers/alerts')).json() as { items: { code: string; kind: string }[] };
    expect(alerts.items).toContainEqual(expect.objectContaining({ code: sent.code, kind: 'online_received' }));
    t.clock.advance(3_600_000);
    const waiting = (await reception.request('GET', '/api/v1/dossiers?view=acceptance')).json() as { items: { code: string; waitingHours: number | null }[] };
    const mine = waiting.items.find((i) => i.code === sent.code);
    expect(mine?.waitingHours).toBeGreaterThan(0);
    let d = (await reception.request('GET', `/api/v1/dossiers/${sent.code}`)).json() as Dossier;
    expect([d.status, d.step, d.channel, d.actions.sort()]).toEqual(['pending_acceptance', 'receive', 'online', ['accept', 'refuse_intake']]);
    d = await ok(reception, d, 'accept');
    expect([d.status, d.step]).toEqual(['processing', 'appraise']);
    expect(Math.abs(Date.parse(d.clockStartedAt ?? '') - t.clock.now().getTime())).toBeLessThan(5_000);
  });

  it('raises acceptance, due-soon and overdue alerts once each and flags overdue dossiers', async () => {
    const late = await submitOnline(systemCtx(), {
      procedureCode: PROCEDURE,
      receivingUnitCode: commune.code,
      applicant: person() as never,
      documents: [
        { index: 0, received: true, form: 'original', count: 1 },
        { index: 1, received: false, form: 'original', count: 0 },
      ],
    });
    const d = (await receive()).body.dossier;
    const cal = await resolveCalendar(t.db.db, commune.id);
    // Half a working day before the due date: the dossier (and its last steps) fall due within one working day.
    t.clock.advance(Date.parse(d.dueAt ?? '') - t.clock.now().getTime() - 2 * 3_600_000);
    expect(Date.parse(late.acceptDueAt)).toBeLessThan(t.clock.now().getTime());
    const first = await deadlineSweep(systemCtx());
    expect(first.acceptanceOverdue).toBeGreaterThanOrEqual(1);
    expect(first.dueSoon).toBeGreaterThanOrEqual(1);
    const again = await deadlineSweep(systemCtx());
    expect([again.acceptanceOverdue, again.dueSoon]).toEqual([0, 0]);
    const warnedRes = await specialist.request('GET', '/api/v1/dossiers/alerts');
    expect(warnedRes.status, JSON.stringify(warnedRes.json())).toBe(200);
    const warned = warnedRes.json() as { items: { code: string; kind: string }[] };
    expect(warned.items.filter((a) => a.code === d.code).map((a) => a.kind)).toContain('due_soon');
    t.clock.advance(addWorkingDays(cal, t.clock.now(), 1).getTime() - t.clock.now().getTime());
    const after = await deadlineSweep(systemCtx());
    expect(after.overdue).toBeGreaterThanOrEqual(1);
    const flagged = await t.db.db.execute<{ overdue_at: Date | null }>(sql`SELECT overdue_at FROM dossiers WHERE code = ${d.code}`);
    expect(flagged.rows[0]?.overdue_at).not.toBeNull();
    const overdue = (await specialist.request('GET', '/api/v1/dossiers/alerts')).json() as { items: { code: string; kind: string }[] };
    expect(overdue.items.filter((a) => a.code === d.code).map((a) => a.kind)).toContain('overdue');
  });

  it('runs the sweep through pg-boss on the same database', async () => {
    const jobs = await startJobs(t.deps, { info: () => undefined, error: () => undefined });
    try {
      const id = await jobs.boss.send(DEADLINE_QUEUE, {});
      if (!id) throw new Error('job not queued');
      let state: string | undefined;
      for (let i = 0; i < 100 && state !== 'completed'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        state = (await jobs.boss.getJobById(DEADLINE_QUEUE, id))?.state;
      }
      expect(state).toBe('completed');
    } finally {
      await jobs.stop();
    }
  }, 60_000);
});
