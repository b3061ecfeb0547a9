import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier, IntakeResult } from '../../../contracts/dossiers.js';
import { connect, type Database } from '../../db/client.js';
import { adminClient, makeTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { ok } from '../../../test/dossier-actions.js';
import { SmtpSink } from '../../../test/smtp-sink.js';
import { oneStopTeam, rootUnitId, type Officer } from '../../../test/staff.js';
import { resolveCalendar } from '../calendar/service.js';
import { toIsoDate } from '../calendar/local-date.js';
import { startJobs } from '../dossiers/jobs.js';
import { loggingSmsSender, smtpMailSender, webhookSmsSender, type Channels } from './channels.js';
import { deliverNotice, untriedNoticeIds, type NotifyContext } from './delivery.js';
import { SWEEP_QUEUE, startNotifyJobs } from './jobs.js';
import { formatDate } from './messages.js';

const PROCEDURE = '1.000893'; // Cấp Giấy xác nhận tình trạng hôn nhân (Certificate of marital status): 3 working days
const PROCEDURE_NAME = 'Cấp Giấy xác nhận tình trạng hôn nhân';
const ID_NUMBER = '001190012345';
const PUBLIC_URL = 'https://motcua.example.vn';
const FROM = 'Motcua <no-reply@motcua.example.vn>';
const DAY = 86_400_000;
// Tuesday 24 Nov 2026, 09:00 in Hà Nội: a plain working day, far from holidays.
const START = Date.parse('2026-11-24T02:00:00Z');
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** An SMS gateway's webhook: records each request and answers as told. */
async function smsGateway(answer: () => { status: number; body: string }) {
  const requests: { headers: Record<string, string | string[] | undefined>; body: Record<string, unknown> }[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: JSON.parse(raw) as Record<string, unknown> });
      const a = answer();
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/sms`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let t: TestApp;
let admin: Client;
let sink: SmtpSink;
let commune: { id: string; code: string };
let other: { id: string; code: string };
let reception: Officer;
let specialist: Officer;
let leader: Officer;

function person(overrides: Record<string, unknown> = {}) {
  return { kind: 'person', fullName: 'Nguyễn Thị Hồng Nhung', idNumber: ID_NUMBER, birthDate: '1990-05-17', address: 'Số 5 ngõ 12 phố Huế, Hà Nội', phone: '0912 345 678', email: 'nhung@example.vn', ...overrides };
}

async function receive(applicant: Record<string, unknown> = {}): Promise<IntakeResult> {
  const res = await reception.request(
    'POST',
    '/api/v1/dossiers',
    {
      procedureCode: PROCEDURE,
      counterCode: 'Q1',
      applicant: person(applicant),
      documents: [
        { index: 0, received: true, form: 'original', count: 1 },
        { index: 1, received: true, form: 'original', count: 1 },
      ],
      outcome: 'accepted',
    },
    { 'idempotency-key': randomUUID() },
  );
  if (res.status !== 201) throw new Error(`intake: ${String(res.status)} ${JSON.stringify(res.json())}`);
  return res.json() as IntakeResult;
}

/** The dossier's notices, in the order they were queued. */
async function noticesOf(code: string): Promise<{ id: number; kind: string; sentAt: Date | null }[]> {
  const r = await t.db.db.execute<{ id: string; kind: string; sent_at: Date | null }>(
    sql`SELECT n.id, n.kind, n.sent_at FROM applicant_notices n JOIN dossiers d ON d.id = n.dossier_id WHERE d.code = ${code} ORDER BY n.id`,
  );
  return r.rows.map((row) => ({ id: Number(row.id), kind: row.kind, sentAt: row.sent_at }));
}

type LogRow = { channel: string; status: string; provider: string | null; address_masked: string | null; attempts: number; provider_message_id: string | null; last_error_code: string | null; skip_reason: string | null };
async function deliveries(noticeId: number): Promise<Record<string, LogRow>> {
  const r = await t.db.db.execute<LogRow>(sql`SELECT * FROM notice_deliveries WHERE notice_id = ${noticeId}`);
  return Object.fromEntries(r.rows.map((row) => [row.channel, row]));
}

function context(channels: Partial<Channels> = {}, database: Database = t.db): NotifyContext {
  return { database, clock: t.clock, publicUrl: PUBLIC_URL, channels: { mail: smtpMailSender(sink.url, FROM), sms: loggingSmsSender(silent), ...channels } };
}

async function deliverAll(code: string, ctx = context()) {
  const reports = [];
  for (const n of await noticesOf(code)) reports.push(await deliverNotice(ctx, n.id));
  return reports;
}

beforeAll(async () => {
  sink = new SmtpSink();
  await sink.start();
  t = await makeTestApp({ publicUrl: PUBLIC_URL, notify: { smtpUrl: sink.url, mailFrom: FROM, sms: { kind: 'log' } } });
  t.clock.advance(START - Date.now());
  admin = await adminClient(t);
  ({ unit: commune, reception, specialist, leader } = await oneStopTeam(t, admin, { code: 'H55.242', name: 'Ủy ban nhân dân phường Hoàn Kiếm', kind: 'ward', address: '126 Hàng Trống' }));
  const root = { id: await rootUnitId(admin) };
  const created = await admin.request('POST', '/api/v1/org/units', { code: 'H55.243', name: 'Ủy ban nhân dân phường Ba Đình', nameEn: "Ba Dinh Ward People's Committee", kind: 'ward', parentId: root.id });
  other = created.json() as { id: string; code: string };
}, 120_000);

afterAll(async () => {
  await t.close();
  await sink.close();
});

describe('e-mail to the applicant', () => {
  it('writes in Vietnamese at intake, supplementation, apology, result and return, naming code, procedure, unit, date and the lookup page', async () => {
    const intake = await receive();
    let d = intake.dossier;
    const appointment = d.dueAt ?? '';
    d = await ok(specialist, d, 'request_supplement', { missing: ['Giấy xác nhận nơi cư trú'] });
    const deadline = d.supplement?.deadline ?? '';
    d = await ok(reception, d, 'receive_supplement');
    d = await ok(specialist, d, 'forward');
    const cal = await resolveCalendar(t.db.db, commune.id);
    const newDate = toIsoDate(cal.nextWorkingDay(cal.toLocal(Date.parse(d.dueAt ?? '') + 5 * DAY).day));
    d = await ok(leader, d, 'extend', { reason: 'Cần xác minh tại nơi cư trú trước đây', newDueDate: newDate });
    const newDueAt = d.dueAt ?? '';
    d = await ok(leader, d, 'approve');
    d = await ok(leader, d, 'sign');
    d = await ok(reception, d, 'return_result', { method: 'desk', receivedBy: 'Nguyễn Thị Hồng Nhung' });
    const code = d.code;
    expect((await noticesOf(code)).map((n) => n.kind)).toEqual(['received', 'supplement_requested', 'apology_extension', 'result_ready', 'returned']);

    const reports = await deliverAll(code);
    expect(reports.map((r) => [r.sent, r.failed])).toEqual(reports.map(() => [['email', 'sms'], []]));
    const mails = sink.about(code).map((m) => m.mail);
    expect(mails.map((m) => m.subject)).toEqual([
      `Hồ sơ ${code} đã được tiếp nhận`,
      `Hồ sơ ${code} cần bổ sung giấy tờ`,
      `Xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${code}`,
      `Đã có kết quả hồ sơ ${code}`,
      `Đã trả kết quả hồ sơ ${code}`,
    ]);
    const [received, supplement, apology, ready, returned] = mails.map((m) => m.text ?? '');
    expect(received).toContain('Kính gửi Ông/Bà Nguyễn Thị Hồng Nhung,');
    expect(received).toContain(`thủ tục "${PROCEDURE_NAME}"`);
    expect(received).toContain('Cơ quan giải quyết: Ủy ban nhân dân phường Hoàn Kiếm.');
    expect(received).toContain(`Ngày hẹn trả kết quả: ${formatDate(new Date(appointment), 'vi')}, tại Ủy ban nhân dân phường Hoàn Kiếm, 126 Hàng Trống.`);
    expect(formatDate(new Date(appointment), 'vi')).toMatch(/^\d\d\/\d\d\/2026$/);
    expect(supplement).toContain('- Giấy xác nhận nơi cư trú');
    expect(supplement).toContain(`Hạn nộp bổ sung: ${formatDate(new Date(deadline), 'vi')}`);
    expect(apology).toContain(`Ngày hẹn trả kết quả mới: ${formatDate(new Date(newDueAt), 'vi')}.`);
    expect(ready).toContain('đã có kết quả');
    expect(returned).toContain(`đã được trả ngày ${formatDate(t.clock.now(), 'vi')}`);
    for (const m of mails) {
      expect(m.text).toContain(`${PUBLIC_URL}/tra-cuu`);
      expect(m.from?.value[0]?.address).toBe('no-reply@motcua.example.vn');
      expect(m.headers.get('auto-submitted')).toBe('auto-generated');
      expect(m.messageId).toMatch(/^<motcua-notice-\d+@motcua\.example\.vn>$/);
    }
    expect(sink.about(code).map((m) => m.rcpt)).toEqual(mails.map(() => ['nhung@example.vn']));

    // The log: masked addresses, one attempt, nothing in clear; each notice stamped sent.
    const notices = await noticesOf(code);
    for (const n of notices) {
      const log = await deliveries(n.id);
      expect(log.email).toMatchObject({ status: 'sent', provider: 'smtp', address_masked: 'n***@example.vn', attempts: 1, last_error_code: null });
      expect(log.email?.provider_message_id).toBe(`<motcua-notice-${String(n.id)}@motcua.example.vn>`);
      expect(log.sms).toMatchObject({ status: 'sent', provider: 'log', address_masked: '091****678', attempts: 1 });
      expect(JSON.stringify(log)).not.toMatch(/nhung@|345 678|345678/);
      expect(n.sentAt).not.toBeNull();
    }
  });

  it('never writes the lookup secret or the ID number', async () => {
    const intake = await receive({ email: 'secret.check@example.vn' });
    const d = await ok(reception, intake.dossier, 'stop', { reason: `Người nộp xin rút hồ sơ, CCCD ${ID_NUMBER}` });
    await deliverAll(d.code);
    const mails = sink.about(d.code).map((m) => m.mail);
    expect(mails.map((m) => m.subject)).toEqual([`Hồ sơ ${d.code} đã được tiếp nhận`, `Hồ sơ ${d.code} đã dừng giải quyết`]);
    const secret = intake.secret ?? '';
    expect(secret.length).toBeGreaterThan(20);
    const everything = JSON.stringify(sink.messages.map((m) => [m.mail.subject, m.mail.text, m.mail.html, m.mail.headerLines]));
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(secret.replace(/-/g, ''));
    expect(everything).not.toContain(ID_NUMBER);
  });

  it('writes in English to an applicant whose language is en, with the units\' English names', async () => {
    const intake = await receive({ email: 'nhung.en@example.vn', language: 'en' });
    let d = intake.dossier;
    d = await ok(specialist, d, 'transfer', { unitCode: other.code, reason: 'Nơi cư trú thuộc phường Ba Đình', tasks: [{ unitCode: other.code, task: 'Thẩm định và cấp giấy', days: 2 }] });
    expect((await noticesOf(d.code)).map((n) => n.kind)).toEqual(['received', 'transferred']);
    await deliverAll(d.code);
    const [received, transferred] = sink.about(d.code).map((m) => m.mail);
    expect(received?.subject).toBe(`Dossier ${d.code} received`);
    expect(received?.text).toContain('Dear Nguyễn Thị Hồng Nhung,');
    expect(received?.text).toContain('for the procedure "Certificate of marital status"');
    expect(received?.text).toContain(`Your result is due on ${formatDate(new Date(d.dueAt ?? ''), 'en')}`);
    expect(formatDate(new Date(d.dueAt ?? ''), 'en')).toMatch(/^\d{1,2} [A-Z][a-z]+ 2026$/);
    expect(received?.headers.get('content-language')).toBe('en');
    expect(transferred?.subject).toBe(`Dossier ${d.code} transferred to Ba Dinh Ward People's Committee`);
    expect(transferred?.text).toContain(`Your result is still due on ${formatDate(new Date(d.dueAt ?? ''), 'en')}.`);
    expect(transferred?.text).toContain(`Follow your dossier at ${PUBLIC_URL}/tra-cuu`);
  });
});

describe('failures and concurrency', () => {
  it('a refusing mail server leaves the dossier as it is, logs failed with the code, and a later run sends it', async () => {
    sink.refuse('busy@example.vn', 1);
    const intake = await receive({ email: 'busy@example.vn' });
    const code = intake.dossier.code;
    const before = (await reception.request('GET', `/api/v1/dossiers/${code}`)).json() as Dossier;
    const [notice] = await noticesOf(code);
    if (!notice) throw new Error('no notice');

    const first = await deliverNotice(context(), notice.id);
    expect(first.failed).toEqual([{ channel: 'email', code: 'EENVELOPE_451' }]);
    expect(first.sent).toEqual(['sms']);
    expect((await deliveries(notice.id)).email).toMatchObject({ status: 'failed', attempts: 1, last_error_code: 'EENVELOPE_451' });
    expect(sink.about(code)).toHaveLength(0);
    const after = (await reception.request('GET', `/api/v1/dossiers/${code}`)).json() as Dossier;
    expect([after.version, after.status, after.step, after.dueAt]).toEqual([before.version, before.status, before.step, before.dueAt]);
    // The dossier moves on meanwhile.
    expect((await ok(specialist, after, 'forward')).step).toBe('approve');
    // Tried, so the sweep leaves it to the job's retries.
    expect(await untriedNoticeIds(context())).not.toContain(notice.id);

    const retry = await deliverNotice(context(), notice.id);
    expect(retry).toEqual({ noticeId: notice.id, sent: ['email'], failed: [], rejected: [] });
    expect((await deliveries(notice.id)).email).toMatchObject({ status: 'sent', attempts: 2, last_error_code: 'EENVELOPE_451' });
    expect(sink.about(code)).toHaveLength(1);
    expect(await deliverNotice(context(), notice.id)).toEqual({ noticeId: notice.id, sent: [], failed: [], rejected: [] });
    expect(sink.about(code)).toHaveLength(1);
  });

  it('a run that finds a notice being sent by another process leaves it alone', async () => {
    const code = (await receive({ email: 'dang.gui@example.vn', phone: null })).dossier.code;
    const [notice] = await noticesOf(code);
    if (!notice) throw new Error('no notice');
    const second = connect(t.db.url, 'embedded', 2);
    try {
      const hold = sink.hold();
      const first = deliverNotice(context(), notice.id);
      await hold.arrived; // the first run is in the middle of the SMTP conversation, holding the row
      expect(await deliverNotice(context({}, second), notice.id)).toEqual({ noticeId: notice.id, sent: [], failed: [], rejected: [] });
      hold.release();
      expect(await first).toEqual({ noticeId: notice.id, sent: ['email'], failed: [], rejected: [] });
    } finally {
      await second.pool.end();
    }
    expect(sink.about(code)).toHaveLength(1);
    expect((await deliveries(notice.id)).email).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('two delivery runs at once, as from two processes, send each notice once', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) codes.push((await receive({ email: `cung.luc${String(i)}@example.vn` })).dossier.code);
    const ids = (await Promise.all(codes.map(noticesOf))).flat().map((n) => n.id);
    const second = connect(t.db.url, 'embedded', 3);
    try {
      const runs = await Promise.all([
        Promise.all(ids.map((id) => deliverNotice(context(), id))),
        Promise.all(ids.map((id) => deliverNotice(context({}, second), id))),
      ]);
      const sent = runs.flat().flatMap((r) => r.sent.filter((c) => c === 'email').map(() => r.noticeId));
      expect(sent.sort()).toEqual([...ids].sort());
    } finally {
      await second.pool.end();
    }
    for (const code of codes) expect(sink.about(code)).toHaveLength(1);
    for (const id of ids) expect((await deliveries(id)).email).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('logs skipped for an applicant with neither e-mail nor phone, and for channels that are off', async () => {
    const none = (await receive({ email: null, phone: null })).dossier.code;
    const [n1] = await noticesOf(none);
    if (!n1) throw new Error('no notice');
    expect(await deliverNotice(context(), n1.id)).toEqual({ noticeId: n1.id, sent: [], failed: [], rejected: [] });
    const log = await deliveries(n1.id);
    expect(log.email).toMatchObject({ status: 'skipped', skip_reason: 'no_address', address_masked: null, provider: null, attempts: 0 });
    expect(log.sms).toMatchObject({ status: 'skipped', skip_reason: 'no_address', address_masked: null, attempts: 0 });
    expect((await noticesOf(none))[0]?.sentAt).toBeNull();
    expect(await untriedNoticeIds(context())).not.toContain(n1.id);

    const off = (await receive({ email: 'off@example.vn' })).dossier.code;
    const [n2] = await noticesOf(off);
    if (!n2) throw new Error('no notice');
    await deliverNotice(context({ mail: null, sms: null }), n2.id);
    const offLog = await deliveries(n2.id);
    expect(offLog.email).toMatchObject({ status: 'skipped', skip_reason: 'email_disabled', address_masked: 'o***@example.vn' });
    expect(offLog.sms).toMatchObject({ status: 'skipped', skip_reason: 'sms_disabled', address_masked: '091****678' });
    expect(sink.about(off)).toHaveLength(0);
  });
});

describe('SMS', () => {
  it('posts JSON with the bearer token to the webhook, in E.164 and plain ASCII, and keeps the provider\'s id', async () => {
    let status = 200;
    const gateway = await smsGateway(() => (status === 200 ? { status, body: '{"id":"sms-42"}' } : { status, body: '{"error":"unavailable"}' }));
    try {
      const sms = webhookSmsSender(gateway.url, 'token-bi-mat');
      const code = (await receive({ email: null })).dossier.code;
      const [notice] = await noticesOf(code);
      if (!notice) throw new Error('no notice');
      expect(await deliverNotice(context({ sms }), notice.id)).toEqual({ noticeId: notice.id, sent: ['sms'], failed: [], rejected: [] });
      expect(gateway.requests).toHaveLength(1);
      const [request] = gateway.requests;
      expect(request?.headers.authorization).toBe('Bearer token-bi-mat');
      expect(request?.headers['content-type']).toBe('application/json');
      expect(request?.headers['idempotency-key']).toBe(`motcua-notice-${String(notice.id)}-sms`);
      expect(request?.body).toMatchObject({ to: '+84912345678', reference: `motcua-notice-${String(notice.id)}-sms` });
      const text = String(request?.body.text);
      expect(text).toContain(code);
      expect(text).toContain(`${PUBLIC_URL}/tra-cuu`);
      expect(text).toMatch(/^[\x20-\x7e]+$/);
      expect(text).not.toContain('Nguyễn');
      expect(await deliveries(notice.id)).toMatchObject({ sms: { status: 'sent', provider: 'webhook', provider_message_id: 'sms-42', address_masked: '091****678' }, email: { status: 'skipped', skip_reason: 'no_address' } });

      status = 503;
      const down = (await receive({ email: null })).dossier.code;
      const [n2] = await noticesOf(down);
      if (!n2) throw new Error('no notice');
      expect((await deliverNotice(context({ sms }), n2.id)).failed).toEqual([{ channel: 'sms', code: 'HTTP_503' }]);
      expect((await deliveries(n2.id)).sms).toMatchObject({ status: 'failed', attempts: 1, last_error_code: 'HTTP_503' });
    } finally {
      await gateway.close();
    }
  });

  it('the development fake logs the notice\'s id and kind, never the number or the text', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString('utf8')), done()) }));
    const code = (await receive({ email: null })).dossier.code;
    const [notice] = await noticesOf(code);
    if (!notice) throw new Error('no notice');
    expect((await deliverNotice(context({ sms: loggingSmsSender(log) }), notice.id)).sent).toEqual(['sms']);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({ noticeId: notice.id, kind: 'received' });
    expect(Object.keys(entry).sort()).toEqual(['hostname', 'kind', 'level', 'msg', 'noticeId', 'pid', 'time']);
    for (const leak of ['0912', '912345678', '345 678', '+84', code, 'tra-cuu']) expect(lines[0]).not.toContain(leak);
  });
});

describe('refused for good', () => {
  it('a mailbox the server says does not exist is logged rejected and never tried again; the job does not fail', async () => {
    sink.refuse('khong.co@example.vn', 5, 550);
    const code = (await receive({ email: 'khong.co@example.vn' })).dossier.code;
    const [notice] = await noticesOf(code);
    if (!notice) throw new Error('no notice');
    const first = await deliverNotice(context(), notice.id);
    expect(first).toEqual({ noticeId: notice.id, sent: ['sms'], failed: [], rejected: [{ channel: 'email', code: 'EENVELOPE_550' }] });
    expect((await deliveries(notice.id)).email).toMatchObject({ status: 'rejected', attempts: 1, last_error_code: 'EENVELOPE_550' });
    // Another run (a retried job, the sweep) sends nothing more: the server is not asked again.
    expect(await deliverNotice(context(), notice.id)).toEqual({ noticeId: notice.id, sent: [], failed: [], rejected: [] });
    expect((await deliveries(notice.id)).email).toMatchObject({ status: 'rejected', attempts: 1 });
    expect(sink.about(code)).toHaveLength(0);
  });

  it('an SMS gateway refusing the message as invalid (400) is final; its 503 is retried', async () => {
    let status = 400;
    const gateway = await smsGateway(() => ({ status, body: '{}' }));
    try {
      const sms = webhookSmsSender(gateway.url, 'gateway-token');
      const bad = (await receive({ phone: '0912 000 400' })).dossier.code;
      const [refused] = await noticesOf(bad);
      if (!refused) throw new Error('no notice');
      expect((await deliverNotice(context({ sms }), refused.id)).rejected).toEqual([{ channel: 'sms', code: 'HTTP_400' }]);
      expect(await deliverNotice(context({ sms }), refused.id)).toMatchObject({ sent: [], failed: [], rejected: [] });
      expect(gateway.requests).toHaveLength(1);

      status = 503;
      const busy = (await receive({ phone: '0912 000 503' })).dossier.code;
      const [later] = await noticesOf(busy);
      if (!later) throw new Error('no notice');
      expect((await deliverNotice(context({ sms }), later.id)).failed).toEqual([{ channel: 'sms', code: 'HTTP_503' }]);
      status = 200;
      expect((await deliverNotice(context({ sms }), later.id)).sent).toEqual(['sms']);
    } finally {
      await gateway.close();
    }
  });
});

describe('through pg-boss', () => {
  it('the sweep queues every untried notice and the job delivers it, retrying after a refusal', async () => {
    const jobs = await startJobs(t.deps, silent);
    try {
      await startNotifyJobs(t.deps, jobs.boss, silent, { retryDelaySeconds: 1, listen: false });
      sink.refuse('thu.lai@example.vn', 1);
      const code = (await receive({ email: 'thu.lai@example.vn' })).dossier.code;
      const [notice] = await noticesOf(code);
      if (!notice) throw new Error('no notice');
      expect(await untriedNoticeIds(context())).toContain(notice.id);
      await jobs.boss.send(SWEEP_QUEUE, {});
      let email: LogRow | undefined;
      for (let i = 0; i < 300 && email?.status !== 'sent'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        email = (await deliveries(notice.id)).email;
      }
      expect(email).toMatchObject({ status: 'sent', attempts: 2, last_error_code: 'EENVELOPE_451' });
      expect(sink.about(code)).toHaveLength(1);
      const job = await t.db.db.execute<{ state: string; retry_count: number }>(sql`SELECT state, retry_count FROM pgboss.job WHERE name = 'notify-deliver' AND singleton_key = ${`notice-${String(notice.id)}`}`);
      expect(job.rows.map((r) => r.retry_count)).toEqual([1]);
      expect((await noticesOf(code))[0]?.sentAt).not.toBeNull();
    } finally {
      await jobs.stop();
    }
  }, 90_000);

  it('a notice is sent as soon as its transaction commits, without waiting for the sweep', async () => {
    const jobs = await startJobs(t.deps, silent);
    const notify = await startNotifyJobs(t.deps, jobs.boss, silent);
    // No minute's sweep can help: only the trigger's NOTIFY to the listener queues the notice.
    await jobs.boss.unschedule(SWEEP_QUEUE);
    try {
      const code = (await receive({ email: 'ngay.lap.tuc@example.vn' })).dossier.code;
      const [notice] = await noticesOf(code);
      if (!notice) throw new Error('no notice');
      let email: LogRow | undefined;
      for (let i = 0; i < 150 && email?.status !== 'sent'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        email = (await deliveries(notice.id)).email;
      }
      expect(email).toMatchObject({ status: 'sent', attempts: 1 });
      expect(sink.about(code)).toHaveLength(1);
    } finally {
      await notify.stop();
      await jobs.stop();
    }
  }, 60_000);
});
