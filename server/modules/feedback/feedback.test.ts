/**
 * The feedback module through the API on a real database: ratings of returned
 * dossiers by the applicant (code + secret) and at the counter, the summary
 * and its scope, the suggestion box (honeypot, rate limit), hotline calls and
 * the leaders' answers with their due date in working days.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier } from '../../../contracts/dossiers.js';
import { adminClient, makeTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { countRows } from '../../../test/dossier-actions.js';
import * as desk from '../../../test/returned-dossier.js';
import { createUnit, officer, oneStopTeam, rootUnitId, type Officer } from '../../../test/staff.js';

const START = Date.parse('2026-11-24T02:00:00Z'); // Tuesday 09:00 in Hà Nội
const ALL_SATISFIED = { time: 'satisfied', attitude: 'very_satisfied', transparency: 'satisfied', ease: 'neutral', overall: 'satisfied' };

let t: TestApp;
let admin: Client;
let commune: { id: string; code: string };
let other: { id: string; code: string };
let reception: Officer;
let specialist: Officer;
let leader: Officer;
let otherReception: Officer;
let otherLeader: Officer;

/** At counter Q1 of the commune: signed (the result waits at the desk), or returned. */
const team = () => ({ reception, specialist, leader, counterCode: 'Q1' });
const signedDossier = () => desk.signedDossier(team());
const returnedDossier = () => desk.returnedDossier(team());

function pub(url: string, payload: unknown, ip = '203.0.113.20') {
  return t.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, remoteAddress: ip });
}

beforeAll(async () => {
  t = await makeTestApp();
  t.clock.advance(START - Date.now());
  admin = await adminClient(t);
  ({ unit: commune, reception, specialist, leader } = await oneStopTeam(t, admin, { code: 'X-HB', name: 'Ủy ban nhân dân xã Hòa Bình', kind: 'commune' }));
  const root = { id: await rootUnitId(admin) };
  other = await createUnit(admin, { code: 'X-AL', name: 'Ủy ban nhân dân xã An Lạc', kind: 'commune', parentId: root.id });
  otherReception = await officer(t, admin, 'Đỗ Thị Nhận', other.id, [{ role: 'receptionist', unitId: other.id }]);
  otherLeader = await officer(t, admin, 'Hoàng Văn Lãnh', other.id, [{ role: 'leader', unitId: other.id }]);
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('ratings', () => {
  let online: { dossier: Dossier; secret: string };

  it('refuses a rating before the return (409), a wrong secret as a wrong code (404) and unknown fields (400), storing nothing', async () => {
    const signed = await signedDossier();
    const early = await pub('/api/v1/public/ratings', { code: signed.dossier.code, secret: signed.secret, ...ALL_SATISFIED });
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'FEEDBACK_NOT_RETURNED']);
    online = await returnedDossier();
    const wrongSecret = await pub('/api/v1/public/ratings', { code: online.dossier.code, secret: signed.secret, ...ALL_SATISFIED });
    const wrongCode = await pub('/api/v1/public/ratings', { code: 'X-HB-261124-9999', secret: online.secret, ...ALL_SATISFIED });
    expect(wrongSecret.statusCode).toBe(404);
    expect(wrongSecret.json().error.code).toBe('LOOKUP_NOT_FOUND');
    expect(wrongCode.statusCode).toBe(404);
    expect(wrongCode.json().error).toEqual(wrongSecret.json().error);
    const extra = await pub('/api/v1/public/ratings', { code: online.dossier.code, secret: online.secret, ...ALL_SATISFIED, stars: 5 });
    expect(extra.statusCode).toBe(400);
    const badScore = await pub('/api/v1/public/ratings', { code: online.dossier.code, secret: online.secret, ...ALL_SATISFIED, time: 'great' });
    expect(badScore.statusCode).toBe(400);
    expect(await countRows(t, 'feedback_ratings')).toBe(0);
  }, 60_000);

  it('takes the applicant’s rating once, recording unit, counter, the officers and the channel', async () => {
    const res = await pub('/api/v1/public/ratings', { code: online.dossier.code, secret: online.secret, ...ALL_SATISFIED, comment: 'Cán bộ hướng dẫn tận tình.' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ dossierCode: online.dossier.code, channel: 'online' });
    const again = await pub('/api/v1/public/ratings', { code: online.dossier.code, secret: online.secret, ...ALL_SATISFIED });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'FEEDBACK_ALREADY_RATED']);
    const atCounter = await reception.request('POST', `/api/v1/dossiers/${online.dossier.code}/rating`, ALL_SATISFIED);
    expect([atCounter.status, atCounter.json().error.code]).toEqual([409, 'FEEDBACK_ALREADY_RATED']);
    const rows = await t.db.db.execute<Record<string, unknown>>(sql`
      SELECT r.unit_id, c.code AS counter, r.received_by, r.returned_by, r.entered_by, r.channel, r.time, r.comment
      FROM feedback_ratings r LEFT JOIN counters c ON c.id = r.counter_id`);
    expect(rows.rows).toEqual([
      { unit_id: commune.id, counter: 'Q1', received_by: reception.staffId, returned_by: reception.staffId, entered_by: null, channel: 'online', time: 'satisfied', comment: 'Cán bộ hướng dẫn tận tình.' },
    ]);
  });

  it('takes a rating at the counter from staff of the unit, not from another unit', async () => {
    const { dossier } = await returnedDossier();
    const body = { time: 'dissatisfied', attitude: 'satisfied', transparency: 'very_dissatisfied', ease: 'neutral', overall: 'very_satisfied' };
    const outsider = await otherReception.request('POST', `/api/v1/dossiers/${dossier.code}/rating`, body);
    expect([outsider.status, outsider.json().error.code]).toEqual([404, 'DOSSIER_NOT_FOUND']);
    const extra = await reception.request('POST', `/api/v1/dossiers/${dossier.code}/rating`, { ...body, secret: 'x' });
    expect(extra.status).toBe(400);
    const before = await reception.request('GET', `/api/v1/dossiers/${dossier.code}/rating`);
    expect([before.status, before.json()]).toEqual([200, { rating: null }]);
    const res = await reception.request('POST', `/api/v1/dossiers/${dossier.code}/rating`, body);
    expect(res.status).toBe(201);
    expect(res.json().channel).toBe('counter');
    // Staff learn that it was rated, and how, never the scores; another unit learns nothing.
    const after = await specialist.request('GET', `/api/v1/dossiers/${dossier.code}/rating`);
    expect(after.json()).toEqual({ rating: { channel: 'counter', createdAt: res.json().createdAt } });
    const foreign = await otherLeader.request('GET', `/api/v1/dossiers/${dossier.code}/rating`);
    expect([foreign.status, foreign.json().error.code]).toEqual([404, 'DOSSIER_NOT_FOUND']);
    const row = await t.db.db.execute<{ entered_by: string }>(sql`SELECT entered_by FROM feedback_ratings WHERE channel = 'counter'`);
    expect(row.rows).toEqual([{ entered_by: reception.staffId }]);
  }, 60_000);

  it('sums the ratings per criterion with the share satisfied or better, within the unit scope', async () => {
    const res = await leader.request('GET', '/api/v1/feedback/ratings/summary?from=2026-11-01&to=2026-12-31');
    expect(res.status).toBe(200);
    const s = res.json();
    expect(s.count).toBe(2);
    expect(s.criteria.time).toEqual({ very_satisfied: 0, satisfied: 1, neutral: 0, dissatisfied: 1, very_dissatisfied: 0, satisfiedShare: 0.5 });
    expect(s.criteria.attitude).toEqual({ very_satisfied: 1, satisfied: 1, neutral: 0, dissatisfied: 0, very_dissatisfied: 0, satisfiedShare: 1 });
    expect(s.criteria.ease).toEqual({ very_satisfied: 0, satisfied: 0, neutral: 2, dissatisfied: 0, very_dissatisfied: 0, satisfiedShare: 0 });
    expect(s.criteria.overall.satisfiedShare).toBe(1);
    const before = await leader.request('GET', '/api/v1/feedback/ratings/summary?from=2026-10-01&to=2026-10-31');
    expect(before.json().count).toBe(0);
    expect(before.json().criteria.time.satisfiedShare).toBeNull();
    const outsider = await otherLeader.request('GET', '/api/v1/feedback/ratings/summary?from=2026-11-01&to=2026-12-31');
    expect(outsider.status).toBe(200);
    expect(outsider.json().count).toBe(0);
    const bad = await leader.request('GET', '/api/v1/feedback/ratings/summary?from=2026-11-01&to=2026-12-31&unit=X');
    expect(bad.status).toBe(400);
  });
});

describe('suggestions and hotline', () => {
  let hotlineId: string;

  it('answers a filled honeypot as a success and stores nothing', async () => {
    const before = await countRows(t, 'feedback_items');
    const res = await pub('/api/v1/public/suggestions', { text: 'Mua thuốc giảm cân giá rẻ tại đây', website: 'http://spam.example' }, '198.51.100.1');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ received: true });
    expect(await countRows(t, 'feedback_items')).toBe(before);
  });

  it('stores a suggestion with its contact, never answering the contact publicly, and limits an address to 5 in 10 minutes', async () => {
    const ip = '198.51.100.2';
    const first = await pub('/api/v1/public/suggestions', { text: 'Đề nghị bố trí thêm ghế chờ ở bộ phận một cửa.', unitCode: 'X-HB', contact: '0987 654 321' }, ip);
    expect(first.statusCode).toBe(201);
    expect(JSON.stringify(first.json())).not.toContain('0987');
    const short = await pub('/api/v1/public/suggestions', { text: 'ngắn' }, '198.51.100.3');
    expect(short.statusCode).toBe(400);
    for (let i = 0; i < 4; i++) expect((await pub('/api/v1/public/suggestions', { text: `Góp ý số ${i} về giờ làm việc.`, unitCode: 'X-HB' }, ip)).statusCode).toBe(201);
    const sixth = await pub('/api/v1/public/suggestions', { text: 'Góp ý thứ sáu về giờ làm việc.' }, ip);
    expect([sixth.statusCode, sixth.json().error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(60);
    expect(Number(sixth.headers['retry-after'])).toBeLessThanOrEqual(600);
    expect(await countRows(t, 'feedback_items')).toBe(5);
  });

  it('logs a hotline call with the answer due 10 working days later, skipping the weekends', async () => {
    const res = await reception.request('POST', '/api/v1/feedback/hotline', { summary: 'Người dân phản ánh quầy Q1 đóng cửa sớm.', caller: 'Ông Minh' });
    expect(res.status).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({ kind: 'hotline', unit: { code: 'X-HB' }, caller: 'Ông Minh', status: 'open', version: 1 });
    hotlineId = item.id;
    // Tuesday 24 November + 10 working days (two weekends skipped) = Tuesday 8 December, Vietnam time.
    const local = new Date(Date.parse(item.dueAt) + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(local).toBe('2026-12-08');
    const specialistTry = await specialist.request('POST', '/api/v1/feedback/hotline', { summary: 'x' });
    expect(specialistTry.status).toBe(403);
  });

  it('lists the items of the leader’s units, answers once with the version, and another unit sees none', async () => {
    const list = await leader.request('GET', '/api/v1/feedback/items?status=open');
    expect(list.status).toBe(200);
    const items = list.json().items as { id: string; kind: string; contact: string | null }[];
    expect(items.filter((i) => i.kind === 'suggestion')).toHaveLength(5);
    expect(items.some((i) => i.contact === '0987 654 321')).toBe(true);
    expect(items.some((i) => i.id === hotlineId)).toBe(true);
    const outsider = await otherLeader.request('GET', '/api/v1/feedback/items');
    expect(outsider.json().items).toEqual([]);
    const foreign = await otherLeader.request('POST', `/api/v1/feedback/items/${hotlineId}/answer`, { answer: 'Đã xử lý.', version: 1 });
    expect([foreign.status, foreign.json().error.code]).toEqual([404, 'FEEDBACK_ITEM_NOT_FOUND']);
    const receptionTry = await reception.request('GET', '/api/v1/feedback/items');
    expect(receptionTry.status).toBe(403);

    const answered = await leader.request('POST', `/api/v1/feedback/items/${hotlineId}/answer`, { answer: 'Đã nhắc nhở cán bộ quầy Q1.', version: 1 });
    expect(answered.status).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answer: 'Đã nhắc nhở cán bộ quầy Q1.', answeredBy: { staffId: leader.staffId, name: 'Phạm Văn Duyệt' }, version: 2 });
    expect(Math.abs(Date.parse(answered.json().answeredAt) - t.clock.now().getTime())).toBeLessThan(60_000);
    const stale = await leader.request('POST', `/api/v1/feedback/items/${hotlineId}/answer`, { answer: 'Lần nữa.', version: 1 });
    expect([stale.status, stale.json().error.code]).toEqual([409, 'VERSION_CONFLICT']);
    const again = await leader.request('POST', `/api/v1/feedback/items/${hotlineId}/answer`, { answer: 'Lần nữa.', version: 2 });
    expect([again.status, again.json().error.code]).toEqual([409, 'FEEDBACK_ALREADY_ANSWERED']);
    const done = await leader.request('GET', '/api/v1/feedback/items?status=answered');
    expect(done.json().items.map((i: { id: string }) => i.id)).toEqual([hotlineId]);
    const open = await leader.request('GET', '/api/v1/feedback/items?status=open');
    expect(open.json().items.some((i: { id: string }) => i.id === hotlineId)).toBe(false);
    const audit = await t.db.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'feedback.item.answer' AND object_id = ${hotlineId}`);
    expect(audit.rows[0]?.n).toBe(1);
  });
});

describe('the leaders’ list', () => {
  type Item = { id: string; kind: string; status: string; dueAt: string; overdue: boolean; version: number };
  const list = async (query: string) => {
    const res = await leader.request('GET', `/api/v1/feedback/items${query}`);
    expect(res.status).toBe(200);
    return res.json() as { total: number; page: number; pageSize: number; items: Item[] };
  };

  it('pages the items, the earliest due first, with the total of what matches the filters', async () => {
    const all = await list('');
    expect(all.total).toBe(6);
    const pages = [await list('?pageSize=4'), await list('?pageSize=4&page=2'), await list('?pageSize=4&page=3')];
    expect(pages.map((p) => [p.total, p.page, p.pageSize, p.items.length])).toEqual([
      [6, 1, 4, 4],
      [6, 2, 4, 2],
      [6, 3, 4, 0],
    ]);
    const ids = pages.flatMap((p) => p.items.map((i) => i.id));
    expect(ids).toEqual(all.items.map((i) => i.id));
    const dues = ids.map((id) => all.items.find((i) => i.id === id)?.dueAt ?? '');
    expect(dues).toEqual([...dues].sort());
    const calls = await list('?kind=hotline');
    expect([calls.total, calls.items.map((i) => i.kind)]).toEqual([1, ['hotline']]);
    expect((await list('?kind=suggestion&status=open')).total).toBe(5);
    for (const bad of ['?pageSize=201', '?page=0', '?kind=letter', '?overdue=yes']) {
      expect((await leader.request('GET', `/api/v1/feedback/items${bad}`)).status, bad).toBe(400);
    }
  });

  it('flags the open items whose due date has passed as overdue, never an answered one, and filters by it', async () => {
    const now = await list('');
    expect(now.items.some((i) => i.overdue)).toBe(false);
    expect((await list('?overdue=true')).total).toBe(0);
    // Past Tuesday 8 December, the due date of everything received on 24 November.
    t.clock.advance(16 * 86_400_000);
    const later = await list('');
    expect(later.items.map((i) => [i.status, i.overdue])).toEqual(later.items.map((i) => [i.status, i.status === 'open']));
    expect(later.items.filter((i) => i.overdue)).toHaveLength(5);
    const overdue = await list('?overdue=true');
    expect([overdue.total, overdue.items.every((i) => i.overdue && i.status === 'open')]).toEqual([5, true]);
    expect((await list('?overdue=false')).items.map((i) => i.status)).toEqual(['answered']);
    expect((await list('?status=open&overdue=false')).total).toBe(0);

    const first = overdue.items[0] as Item;
    const answered = await leader.request('POST', `/api/v1/feedback/items/${first.id}/answer`, { answer: 'Đã bố trí thêm ghế chờ.', version: first.version });
    expect(answered.status).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', overdue: false });
    expect((await list('?overdue=true')).total).toBe(4);
  });

  it('audits each read of the list (it shows contacts) with the number shown, never the contents', async () => {
    const before = await countRows(t, 'audit_log');
    await list('?pageSize=3');
    const rows = await t.db.db.execute<{ action: string; details: unknown }>(sql`SELECT action, details FROM audit_log ORDER BY seq DESC LIMIT 1`);
    expect(await countRows(t, 'audit_log')).toBe(before + 1);
    expect(rows.rows[0]).toEqual({ action: 'feedback.item.list', details: { shown: 3 } });
  });
});
