/**
 * The citizen portal through the API on a real database and file storage:
 * the application form, drafts, resumable uploads (a dropped connection
 * resumed), an idempotent submission, the receptionist's acceptance through
 * the ordinary staff route, supplementation answered online with the clock
 * restarted, the signed result downloaded and rated — and that another
 * citizen, staff and bad input get a clear 4xx with nothing stored.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier } from '../../../contracts/dossiers.js';
import type { Draft, MyDossier, SubmitResult, Upload } from '../../../contracts/portal.js';
import { adminClient, clientOf, makeTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { citizenClient, type CitizenProfile } from '../../../test/citizen.js';
import { act, countRows, ok } from '../../../test/dossier-actions.js';
import { oneStopTeam, type Officer } from '../../../test/staff.js';
import { citizenCookieName, createCitizenSession } from '../auth/citizen-sessions.js';
import { resolveCalendar } from '../calendar/service.js';
import { dueDate } from '../calendar/due-date.js';

const MARITAL = '1.000893'; // Giấy xác nhận tình trạng hôn nhân: online level full, 3 working days, line 0 mandatory, line 1 not
const MARRIAGE = '1.000894'; // Đăng ký kết hôn: online level partial
const NOT_ONLINE = '2.000815'; // Chứng thực bản sao: online level none
const START = Date.parse('2026-11-24T02:00:00Z'); // Tuesday 09:00 in Hà Nội
const DAY = 86_400_000;
const RATING = { time: 'very_satisfied', attitude: 'satisfied', transparency: 'satisfied', ease: 'neutral', overall: 'satisfied', comment: 'Nhanh, không phải đi lại' };

type Citizen = Client & { citizenId: string; email: string | null };

let t: TestApp;
let admin: Client;
let commune: { id: string; code: string };
let province: { id: string; code: string };
let reception: Officer;
let specialist: Officer;
let leader: Officer;
let citizen: Citizen;
let other: Citizen;

/** A citizen who signs in again when the session lapsed (tests move the clock by days), as people do. */
async function signedInCitizen(profile: CitizenProfile): Promise<Citizen> {
  const first = await citizenClient(t, profile);
  let client: Client = first;
  return {
    ...first,
    request: async (method, url, body, headers) => {
      const res = await client.request(method, url, body, headers);
      if (res.status !== 401) return res;
      const s = await createCitizenSession(t.db.db, first.citizenId, 'password', t.clock.now());
      client = clientOf(t, `${citizenCookieName(t.deps.config.secureCookies)}=${s.token}`, s.csrfToken);
      return client.request(method, url, body, headers);
    },
    get cookie() {
      return client.cookie;
    },
  };
}

function pdf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text(text);
    doc.end();
  });
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

type Target = { draftId: string } | { dossierCode: string };

function announce(who: Client, target: Target, documentIndex: number, content: Buffer, over: Record<string, unknown> = {}) {
  return who.request('POST', '/api/v1/portal/uploads', { ...target, documentIndex, fileName: 'to-khai.pdf', contentType: 'application/pdf', size: content.length, sha256: sha256(content), ...over });
}

function chunk(who: Client, id: string, offset: number, bytes: Buffer, type = 'application/offset+octet-stream') {
  return who.request('PATCH', `/api/v1/portal/uploads/${id}`, bytes, { 'content-type': type, 'upload-offset': String(offset) });
}

/** Announces and sends a whole file in one chunk; the completed upload. */
async function uploadWhole(who: Client, target: Target, documentIndex: number, content: Buffer, over: Record<string, unknown> = {}): Promise<Upload> {
  const created = await announce(who, target, documentIndex, content, over);
  if (created.status !== 201) throw new Error(`announce: ${created.status} ${JSON.stringify(created.json())}`);
  const sent = await chunk(who, (created.json() as Upload).id, 0, content);
  if (sent.status !== 200) throw new Error(`chunk: ${sent.status} ${JSON.stringify(sent.json())}`);
  return sent.json() as Upload;
}

function submit(who: Client, draft: { id: string; version: number }, key: string | null, extra: Record<string, unknown> = {}) {
  return who.request('POST', `/api/v1/portal/drafts/${draft.id}/submit`, { version: draft.version, ...extra }, key ? { 'idempotency-key': key } : {});
}

async function newDraft(who: Client, body: Record<string, unknown> = {}): Promise<Draft> {
  const res = await who.request('POST', '/api/v1/portal/drafts', { procedureCode: MARITAL, receivingUnitCode: commune.code, ...body });
  if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.json())}`);
  return res.json() as Draft;
}

function storedFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const n of readdirSync(dir)) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(join(t.deps.config.dataDir, 'files'));
  return out;
}

async function noticeKinds(code: string): Promise<string[]> {
  const r = await t.db.db.execute<{ kind: string }>(sql`SELECT n.kind FROM applicant_notices n JOIN dossiers d ON d.id = n.dossier_id WHERE d.code = ${code} ORDER BY n.id`);
  return r.rows.map((x) => x.kind);
}

beforeAll(async () => {
  t = await makeTestApp();
  t.clock.advance(START - Date.now());
  admin = await adminClient(t);
  ({ unit: commune, reception, specialist, leader } = await oneStopTeam(t, admin, { code: 'X-HB', name: 'Ủy ban nhân dân xã Hòa Bình', kind: 'commune', address: 'Thôn Trung, xã Hòa Bình' }));
  const units = (await admin.request('GET', '/api/v1/org/units')).json() as { items: { id: string; code: string; parentId: string | null }[] };
  const root = units.items.find((u) => u.parentId === null);
  if (!root) throw new Error('no root');
  province = root;
  citizen = await signedInCitizen({ fullName: 'Nguyễn Thị Hồng Nhung', email: 'nhung@example.vn', idNumber: '001190012345', birthDate: '1990-05-17', address: 'Số 5 ngõ 12 phố Huế, Hà Nội' });
  other = await signedInCitizen({ fullName: 'Vũ Văn Khác', email: 'khac@example.vn', idNumber: '001085000321', birthDate: '1985-02-01' });
});

afterAll(async () => {
  await t.close();
});

describe('the application form', () => {
  it('is generated from a full-level procedure, pre-filled from the account', async () => {
    const res = await citizen.request('GET', `/api/v1/portal/procedures/${MARITAL}/application`);
    expect(res.status).toBe(200);
    const form = res.json();
    expect(form.procedure).toMatchObject({ code: MARITAL, onlineLevel: 'full', settlement: { kind: 'working_days', amount: 3 } });
    expect(form.applicantKinds).toEqual(['person']);
    expect(form.documents.map((d: { index: number; mandatory: boolean }) => [d.index, d.mandatory])).toEqual([
      [0, true],
      [1, false],
    ]);
    expect(form.fees).toEqual([{ label: 'Lệ phí', labelEn: 'Fee', amountVnd: 0 }]);
    expect(form.units.map((u: { code: string }) => u.code)).toContain(commune.code);
    expect(form.applicant).toMatchObject({ kind: 'person', fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '001190012345', birthDate: '1990-05-17', email: 'nhung@example.vn' });
    expect(form.resultOnline).toBe(true);
    expect(form.limits).toMatchObject({ fileBytes: 10 * 1024 * 1024, contentTypes: ['application/pdf', 'image/jpeg', 'image/png'] });
  });

  it('is there for a partial-level procedure (result at the desk), refused for one not online, 404 for none', async () => {
    const partial = await citizen.request('GET', `/api/v1/portal/procedures/${MARRIAGE}/application`);
    expect([partial.status, partial.json().resultOnline]).toEqual([200, false]);
    const none = await citizen.request('GET', `/api/v1/portal/procedures/${NOT_ONLINE}/application`);
    expect([none.status, none.json().error.code]).toEqual([422, 'PORTAL_NOT_ONLINE']);
    const unknown = await citizen.request('GET', '/api/v1/portal/procedures/9.999999/application');
    expect([unknown.status, unknown.json().error.code]).toEqual([404, 'PROCEDURE_NOT_FOUND']);
    const draft = await citizen.request('POST', '/api/v1/portal/drafts', { procedureCode: NOT_ONLINE });
    expect([draft.status, draft.json().error.code]).toEqual([422, 'PORTAL_NOT_ONLINE']);
  });

  it('needs a citizen session: none is 401, and a staff session is not one', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/portal/procedures/${MARITAL}/application` })).statusCode).toBe(401);
    for (const [method, url] of [
      ['GET', `/api/v1/portal/procedures/${MARITAL}/application`],
      ['GET', '/api/v1/portal/dossiers'],
      ['GET', '/api/v1/portal/drafts'],
      ['POST', '/api/v1/portal/drafts'],
    ] as const) {
      const res = await reception.request(method, url, method === 'POST' ? { procedureCode: MARITAL } : undefined);
      expect([url, res.status]).toEqual([url, 401]);
    }
  });
});

describe('applying online, following the dossier, the result and the rating', () => {
  let draft: Draft;
  let submitted: SubmitResult;
  let key: string;
  let scan: Buffer;
  let myDossier: MyDossier;
  let staffView: Dossier;

  it('saves and edits a draft; a stale version is 409 and a tampered body 400', async () => {
    draft = await newDraft(citizen);
    expect(draft).toMatchObject({ status: 'open', version: 1, receivingUnit: { code: commune.code }, applicant: { fullName: 'Nguyễn Thị Hồng Nhung' } });
    expect(draft.documents.map((d) => d.uploads.length)).toEqual([0, 0]);
    const edited = await citizen.request('PATCH', `/api/v1/portal/drafts/${draft.id}`, { version: 1, applicant: { ...draft.applicant, phone: '0912 345 678', email: null } });
    expect([edited.status, edited.json().version, edited.json().applicant.phone]).toEqual([200, 2, '0912 345 678']);
    const stale = await citizen.request('PATCH', `/api/v1/portal/drafts/${draft.id}`, { version: 1, applicant: { ...draft.applicant, phone: '0999 999 999' } });
    expect([stale.status, stale.json().error.code]).toEqual([409, 'VERSION_CONFLICT']);
    const extra = await citizen.request('PATCH', `/api/v1/portal/drafts/${draft.id}`, { version: 2, status: 'submitted' });
    expect([extra.status, extra.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const nested = await citizen.request('PATCH', `/api/v1/portal/drafts/${draft.id}`, { version: 2, applicant: { ...draft.applicant, citizenId: 'x' } });
    expect(nested.status).toBe(400);
    const notOffered = await citizen.request('PATCH', `/api/v1/portal/drafts/${draft.id}`, { version: 2, receivingUnitCode: province.code });
    expect([notOffered.status, notOffered.json().error.code]).toEqual([422, 'PROCEDURE_NOT_OFFERED']);
    draft = (await citizen.request('GET', `/api/v1/portal/drafts/${draft.id}`)).json() as Draft;
    expect([draft.version, draft.applicant.phone]).toEqual([2, '0912 345 678']);
    const list = (await citizen.request('GET', '/api/v1/portal/drafts')).json();
    expect(list.items.map((d: { id: string }) => d.id)).toContain(draft.id);
  });

  it('resumes an upload after a dropped connection: two chunks, the offset asked in between, a wrong offset 409', async () => {
    scan = await pdf('Tờ khai cấp Giấy xác nhận tình trạng hôn nhân — bản quét');
    const half = Math.floor(scan.length / 2);
    const created = await announce(citizen, { draftId: draft.id }, 0, scan);
    expect(created.status).toBe(201);
    const up = created.json() as Upload;
    expect([up.offset, up.status, up.size]).toEqual([0, 'in_progress', scan.length]);
    const first = await chunk(citizen, up.id, 0, scan.subarray(0, half));
    expect([first.status, first.json().offset, first.headers['upload-offset']]).toEqual([200, half, String(half)]);
    // The connection drops here; the client asks where to resume.
    const head = await t.app.inject({ method: 'HEAD', url: `/api/v1/portal/uploads/${up.id}`, headers: { cookie: citizen.cookie } });
    expect([head.statusCode, head.headers['upload-offset'], head.headers['upload-length'], head.body]).toEqual([200, String(half), String(scan.length), '']);
    const again = await chunk(citizen, up.id, 0, scan.subarray(0, half));
    expect([again.status, again.json().error.code, again.json().error.details.offset]).toEqual([409, 'UPLOAD_OFFSET_MISMATCH', half]);
    const past = await chunk(citizen, up.id, half, Buffer.concat([scan.subarray(half), Buffer.from('extra')]));
    expect([past.status, past.json().error.code]).toEqual([413, 'UPLOAD_LENGTH_EXCEEDED']);
    const json = await chunk(citizen, up.id, half, scan.subarray(half), 'application/json');
    expect(json.status).toBe(400);
    const text = await chunk(citizen, up.id, half, scan.subarray(half), 'text/plain');
    expect([text.status, text.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const files = storedFiles().length;
    const rest = await chunk(citizen, up.id, half, scan.subarray(half));
    expect([rest.status, rest.json().status, rest.json().offset, rest.json().sha256]).toEqual([200, 'complete', scan.length, sha256(scan)]);
    expect(storedFiles().length).toBe(files + 1);
    expect(await countRows(t, 'portal_upload_chunks')).toBe(0);
    const done = await chunk(citizen, up.id, scan.length, Buffer.from('x'));
    expect([done.status, done.json().error.code]).toEqual([409, 'UPLOAD_OFFSET_MISMATCH']);
    const view = (await citizen.request('GET', `/api/v1/portal/drafts/${draft.id}`)).json() as Draft;
    expect(view.documents[0]?.uploads.map((u) => [u.id, u.status])).toEqual([[up.id, 'complete']]);
    // The drafts list counts the draft's complete files (an unfinished one does not count).
    const unfinished = (await announce(citizen, { draftId: draft.id }, 1, scan)).json() as Upload;
    const listed = (await citizen.request('GET', '/api/v1/portal/drafts')).json() as { items: { id: string; files: number }[] };
    expect(listed.items.find((d) => d.id === draft.id)?.files).toBe(1);
    expect((await citizen.request('DELETE', `/api/v1/portal/uploads/${unfinished.id}`)).status).toBe(204);
  });

  it('refuses a wrong checksum, a wrong type, bytes of another type and an oversized file, keeping nothing', async () => {
    const files = storedFiles().length;
    const uploadsBefore = await countRows(t, 'portal_uploads');
    const other = await pdf('Một tệp khác');
    const wrongSum = await announce(citizen, { draftId: draft.id }, 1, other, { sha256: sha256(scan) });
    const id = (wrongSum.json() as Upload).id;
    const sent = await chunk(citizen, id, 0, other);
    expect([sent.status, sent.json().error.code]).toEqual([422, 'UPLOAD_CHECKSUM_MISMATCH']);
    expect((await citizen.request('GET', `/api/v1/portal/uploads/${id}`)).status).toBe(404);

    const exe = await announce(citizen, { draftId: draft.id }, 1, Buffer.from('MZ\x90\x00'), { fileName: 'virus.exe', contentType: 'application/x-msdownload' });
    expect([exe.status, exe.json().error.code]).toEqual([415, 'DOSSIER_FILE_TYPE_NOT_ALLOWED']);
    const renamed = await announce(citizen, { draftId: draft.id }, 1, other, { fileName: 'anh.png' });
    expect([renamed.status, renamed.json().error.code]).toEqual([415, 'DOSSIER_FILE_TYPE_NOT_ALLOWED']);
    const disguised = await announce(citizen, { draftId: draft.id }, 1, other, { fileName: 'anh.png', contentType: 'image/png' });
    expect(disguised.status).toBe(201);
    const bytes = await chunk(citizen, (disguised.json() as Upload).id, 0, other);
    expect([bytes.status, bytes.json().error.code]).toEqual([415, 'DOSSIER_FILE_TYPE_NOT_ALLOWED']);
    const truncated = other.subarray(0, other.length - 40);
    const cut = await announce(citizen, { draftId: draft.id }, 1, truncated);
    const cutSent = await chunk(citizen, (cut.json() as Upload).id, 0, truncated);
    expect([cutSent.status, cutSent.json().error.code]).toEqual([422, 'UPLOAD_CORRUPT']);

    const big = await citizen.request('POST', '/api/v1/portal/uploads', { draftId: draft.id, documentIndex: 1, fileName: 'lon.pdf', contentType: 'application/pdf', size: 10 * 1024 * 1024 + 1, sha256: sha256(other) });
    expect([big.status, big.json().error.code]).toEqual([413, 'BODY_TOO_LARGE']);
    const line = await announce(citizen, { draftId: draft.id }, 7, other);
    expect([line.status, line.json().error.code]).toEqual([422, 'DOSSIER_DOCUMENTS_MISMATCH']);
    const both = await announce(citizen, { draftId: draft.id, dossierCode: 'X' } as Target, 1, other);
    expect(both.status).toBe(400);

    expect(storedFiles().length).toBe(files);
    expect(await countRows(t, 'portal_uploads')).toBe(uploadsBefore);
    expect(await countRows(t, 'portal_upload_chunks')).toBe(0);
  });

  it('refuses to submit without a key, with a tampered body, with a mandatory document missing or an incomplete applicant', async () => {
    const dossiers = await countRows(t, 'dossiers');
    const noKey = await submit(citizen, draft, null);
    expect([noKey.status, noKey.json().error.code]).toEqual([400, 'IDEMPOTENCY_KEY_REQUIRED']);
    const tampered = await submit(citizen, draft, randomUUID(), { citizenId: other.citizenId });
    expect([tampered.status, tampered.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);

    const empty = await newDraft(citizen);
    const missing = await submit(citizen, empty, randomUUID());
    expect([missing.status, missing.json().error.code, missing.json().error.details.missing]).toEqual([422, 'PORTAL_DOCUMENTS_MISSING', [{ index: 0, name: expect.stringContaining('Tờ khai') }]]);

    const nameless = await newDraft(citizen, { applicant: { kind: 'person', fullName: null, idNumber: '001190012345', birthDate: '1990-05-17', address: null } });
    await uploadWhole(citizen, { draftId: nameless.id }, 0, await pdf('Tờ khai'));
    const incomplete = await submit(citizen, nameless, randomUUID());
    expect([incomplete.status, incomplete.json().error.code]).toEqual([422, 'PORTAL_DRAFT_INCOMPLETE']);
    expect(incomplete.json().error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['applicant.address', 'applicant.fullName']);
    const noUnit = await newDraft(citizen, { receivingUnitCode: null });
    await uploadWhole(citizen, { draftId: noUnit.id }, 0, await pdf('Tờ khai'));
    const unitless = await submit(citizen, noUnit, randomUUID());
    expect(unitless.json().error.details.issues).toEqual([{ path: 'receivingUnitCode', message: 'required' }]);
    const stale = await submit(citizen, { id: draft.id, version: 1 }, randomUUID());
    expect([stale.status, stale.json().error.code]).toEqual([409, 'VERSION_CONFLICT']);

    const unfinished = await announce(citizen, { draftId: draft.id }, 1, scan);
    const pending = await submit(citizen, draft, randomUUID());
    expect([pending.status, pending.json().error.code]).toEqual([409, 'PORTAL_UPLOADS_INCOMPLETE']);
    expect((await citizen.request('DELETE', `/api/v1/portal/uploads/${(unfinished.json() as Upload).id}`)).status).toBe(204);

    expect(await countRows(t, 'dossiers')).toBe(dossiers);
    for (const d of [empty, nameless, noUnit]) {
      const current = (await citizen.request('GET', `/api/v1/portal/drafts/${d.id}`)).json() as Draft;
      expect((await citizen.request('DELETE', `/api/v1/portal/drafts/${d.id}?version=${current.version}`)).status).toBe(204);
    }
  });

  it('submits once: the same key twice at once gives one dossier, pending acceptance, with the file and the account', async () => {
    const before = await countRows(t, 'dossiers');
    key = randomUUID();
    const answers = await Promise.all([submit(citizen, draft, key), submit(citizen, draft, key)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    const [a, b] = answers.map((x) => x.json() as SubmitResult);
    expect(a?.code).toBe(b?.code);
    expect(a?.secret).toBe(b?.secret);
    submitted = a as SubmitResult;
    expect(submitted).toMatchObject({ status: 'pending_acceptance', draftId: draft.id });
    expect(submitted.code).toMatch(/^X-HB-\d{6}-\d{4}$/);
    expect(Date.parse(submitted.acceptDueAt)).toBeGreaterThan(t.clock.now().getTime());
    const retry = await submit(citizen, draft, key);
    expect([retry.status, retry.json().code, retry.json().secret]).toEqual([200, submitted.code, submitted.secret]);
    expect(await countRows(t, 'dossiers')).toBe(before + 1);
    const anotherKey = await submit(citizen, { id: draft.id, version: draft.version + 1 }, randomUUID());
    expect([anotherKey.status, anotherKey.json().error.code]).toEqual([409, 'PORTAL_DRAFT_SUBMITTED']);
    const second = await newDraft(citizen);
    await uploadWhole(citizen, { draftId: second.id }, 0, await pdf('Tờ khai 2'));
    const reused = await submit(citizen, second, key);
    expect([reused.status, reused.json().error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await countRows(t, 'dossiers')).toBe(before + 1);

    const view = (await citizen.request('GET', `/api/v1/portal/drafts/${draft.id}`)).json() as Draft;
    expect([view.status, view.dossierCode]).toEqual(['submitted', submitted.code]);
    const edit = await citizen.request('PATCH', `/api/v1/portal/drafts/${draft.id}`, { version: view.version, applicant: view.applicant });
    expect([edit.status, edit.json().error.code]).toEqual([409, 'PORTAL_DRAFT_SUBMITTED']);
    const used = view.documents[0]?.uploads[0]?.id ?? '';
    expect((await citizen.request('DELETE', `/api/v1/portal/uploads/${used}`)).json().error.code).toBe('PORTAL_UPLOAD_USED');

    const row = await t.db.db.execute<{ citizen_id: string; channel: string; applicant: { email?: string; language?: string } }>(sql`SELECT citizen_id, channel, applicant FROM dossiers WHERE code = ${submitted.code}`);
    expect(row.rows[0]).toMatchObject({ citizen_id: citizen.citizenId, channel: 'online' });
    // The form's e-mail was emptied: the account's (proven) e-mail is the applicant's, so notices reach them.
    expect(row.rows[0]?.applicant).toMatchObject({ email: 'nhung@example.vn', language: 'vi' });
  });

  it('is checked by the receptionist like a desk intake and accepted through the staff route', async () => {
    const inbox = (await reception.request('GET', '/api/v1/dossiers?view=acceptance')).json() as { items: { code: string }[] };
    expect(inbox.items.map((d) => d.code)).toContain(submitted.code);
    staffView = (await reception.request('GET', `/api/v1/dossiers/${submitted.code}`)).json() as Dossier;
    expect(staffView).toMatchObject({ channel: 'online', status: 'pending_acceptance', step: 'receive', actions: expect.arrayContaining(['accept', 'refuse_intake']) });
    expect(staffView.documents.map((d) => [d.received, d.files.length])).toEqual([
      [true, 1],
      [false, 0],
    ]);
    const file = await reception.request('GET', `/api/v1/dossiers/${submitted.code}/files/${staffView.documents[0]?.files[0]?.id}`);
    expect(file.raw.equals(scan)).toBe(true);
    staffView = await ok(reception, staffView, 'accept');
    expect(staffView.status).toBe('processing');
    expect(await noticeKinds(submitted.code)).toEqual(['received']);
    const lookup = await t.app.inject({ method: 'POST', url: '/api/v1/public/lookup', payload: { code: submitted.code, secret: submitted.secret } });
    expect([lookup.statusCode, lookup.json().status]).toEqual([200, 'processing']);
  });

  it('shows the request for supplementation in My dossiers, answered online: back to processing with the clock restarted', async () => {
    staffView = await ok(specialist, staffView, 'request_supplement', { missing: ['Giấy tờ tùy thân có ảnh của người yêu cầu'] });
    expect(await noticeKinds(submitted.code)).toEqual(['received', 'supplement_requested']);
    const list = (await citizen.request('GET', '/api/v1/portal/dossiers')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ code: submitted.code, status: 'supplement_requested', actionNeeded: true, receivingUnit: { code: commune.code } });
    myDossier = (await citizen.request('GET', `/api/v1/portal/dossiers/${submitted.code}`)).json() as MyDossier;
    expect(myDossier.supplement).toMatchObject({ missing: ['Giấy tờ tùy thân có ảnh của người yêu cầu'], canAnswer: true, receivedAt: null, uploads: [] });
    expect(myDossier.timeline.map((e) => e.action)).toEqual(['submit_online', 'accept', 'request_supplement']);
    expect(JSON.stringify(myDossier.timeline)).not.toContain('Lê Thị Thẩm');
    const oldDue = Date.parse(myDossier.appointmentAt ?? '');

    const nothing = await citizen.request('POST', `/api/v1/portal/dossiers/${submitted.code}/supplement`, { version: myDossier.version });
    expect([nothing.status, nothing.json().error.code]).toEqual([422, 'PORTAL_SUPPLEMENT_EMPTY']);
    t.clock.advance(2 * DAY);
    const id = await pdf('Căn cước công dân — bản quét');
    const up = await uploadWhole(citizen, { dossierCode: submitted.code }, 1, id, { fileName: 'can-cuoc.pdf' });
    expect(up.dossierCode).toBe(submitted.code);
    const waiting = (await citizen.request('GET', `/api/v1/portal/dossiers/${submitted.code}`)).json() as MyDossier;
    expect(waiting.supplement?.uploads.map((u) => u.id)).toEqual([up.id]);
    const answered = await citizen.request('POST', `/api/v1/portal/dossiers/${submitted.code}/supplement`, { version: waiting.version, note: 'Đã bổ sung căn cước' });
    expect(answered.status).toBe(200);
    myDossier = answered.json() as MyDossier;
    expect(myDossier.status).toBe('processing');
    expect(myDossier.supplement?.receivedAt).not.toBeNull();
    expect(myDossier.supplement?.canAnswer).toBe(false);
    expect(myDossier.documents[1]).toMatchObject({ received: true, files: [{ fileName: 'can-cuoc.pdf' }] });
    // The settlement time restarted in full at the answer: 3 working days from now, later than before by the pause.
    const cal = await resolveCalendar(t.db.db, commune.id);
    const newDue = Date.parse(myDossier.appointmentAt ?? '');
    expect(newDue).toBeGreaterThan(oldDue);
    staffView = (await specialist.request('GET', `/api/v1/dossiers/${submitted.code}`)).json() as Dossier;
    expect(Math.abs(Date.parse(staffView.clockStartedAt ?? '') - t.clock.now().getTime())).toBeLessThan(5_000);
    expect(newDue).toBe(dueDate(cal, new Date(staffView.clockStartedAt ?? ''), { kind: 'working_days', amount: 3 }).getTime());
    expect(staffView.documents[1]?.files.map((f) => f.fileName)).toEqual(['can-cuoc.pdf']);
    const history = (await specialist.request('GET', `/api/v1/dossiers/${submitted.code}/history`)).json().items as { action: string; actor: { staffId: string | null }; note: string | null }[];
    expect(history.at(-1)).toMatchObject({ action: 'receive_supplement', actor: { staffId: null }, note: 'Đã bổ sung căn cước' });
    const twice = await citizen.request('POST', `/api/v1/portal/dossiers/${submitted.code}/supplement`, { version: myDossier.version });
    expect([twice.status, twice.json().error.code]).toEqual([409, 'PORTAL_SUPPLEMENT_NOT_OPEN']);
    const late = await announce(citizen, { dossierCode: submitted.code }, 1, id);
    expect([late.status, late.json().error.code]).toEqual([409, 'PORTAL_SUPPLEMENT_NOT_OPEN']);
  });

  it('lets the owner download the signed result once signed, and rate it once after the return', async () => {
    const early = await citizen.request('GET', `/api/v1/portal/dossiers/${submitted.code}/result`);
    expect([early.status, early.json().error.code, early.json().error.details.reason]).toEqual([409, 'PORTAL_RESULT_NOT_AVAILABLE', 'not_ready']);
    staffView = await ok(specialist, staffView, 'forward');
    staffView = await ok(leader, staffView, 'approve');
    staffView = await ok(leader, staffView, 'sign');
    expect(staffView.step).toBe('return');
    expect(await noticeKinds(submitted.code)).toEqual(['received', 'supplement_requested', 'result_ready']);
    myDossier = (await citizen.request('GET', `/api/v1/portal/dossiers/${submitted.code}`)).json() as MyDossier;
    expect(myDossier.result).toMatchObject({ downloadable: true, online: true });
    expect(myDossier.actionNeeded).toBe(true);
    const notYet = await citizen.request('POST', `/api/v1/portal/dossiers/${submitted.code}/rating`, RATING);
    expect([notYet.status, notYet.json().error.code]).toEqual([409, 'FEEDBACK_NOT_RETURNED']);

    const res = await citizen.request('GET', `/api/v1/portal/dossiers/${submitted.code}/result`);
    expect(res.status).toBe(200);
    expect([res.headers['content-type'], res.headers['x-content-type-options']]).toEqual(['application/pdf', 'nosniff']);
    expect(res.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const docs = (await leader.request('GET', `/api/v1/dossiers/${submitted.code}/documents`)).json().items as { id: string; kind: string; sha256: string }[];
    expect(res.headers['x-checksum-sha256']).toBe(docs.find((d) => d.kind === 'result')?.sha256);
    expect(sha256(res.raw)).toBe(res.headers['x-checksum-sha256']);

    staffView = await ok(reception, staffView, 'return_result', { method: 'online', receivedBy: 'Nguyễn Thị Hồng Nhung' });
    expect(staffView.status).toBe('returned');
    const rated = await citizen.request('POST', `/api/v1/portal/dossiers/${submitted.code}/rating`, RATING);
    expect([rated.status, rated.json().channel, rated.json().dossierCode]).toEqual([201, 'online', submitted.code]);
    const again = await citizen.request('POST', `/api/v1/portal/dossiers/${submitted.code}/rating`, RATING);
    expect([again.status, again.json().error.code]).toEqual([409, 'FEEDBACK_ALREADY_RATED']);
    const extra = await citizen.request('POST', `/api/v1/portal/dossiers/${submitted.code}/rating`, { ...RATING, channel: 'counter' });
    expect(extra.status).toBe(400);
    expect(await countRows(t, 'feedback_ratings')).toBe(1);
    myDossier = (await citizen.request('GET', `/api/v1/portal/dossiers/${submitted.code}`)).json() as MyDossier;
    expect([myDossier.status, myDossier.rating, myDossier.actionNeeded, myDossier.result.downloadable]).toEqual(['returned', { canRate: false, rated: true }, false, true]);
    expect(myDossier.timeline.map((e) => e.action)).toEqual(['submit_online', 'accept', 'request_supplement', 'receive_supplement', 'forward', 'approve', 'sign', 'return_result']);
    expect(await noticeKinds(submitted.code)).toContain('returned');
  });

  it("answers another citizen 404 for every one of this citizen's objects, and shows them nothing", async () => {
    const code = submitted.code;
    const uploadId = draft.documents[0]?.uploads[0]?.id ?? (await citizen.request('GET', `/api/v1/portal/drafts/${draft.id}`)).json().documents[0].uploads[0].id;
    const checks: [string, Promise<{ status: number; json: () => { error: { code: string } } }>, string][] = [
      ['dossier', other.request('GET', `/api/v1/portal/dossiers/${code}`), 'DOSSIER_NOT_FOUND'],
      ['result', other.request('GET', `/api/v1/portal/dossiers/${code}/result`), 'DOSSIER_NOT_FOUND'],
      ['supplement', other.request('POST', `/api/v1/portal/dossiers/${code}/supplement`, { version: 1 }), 'DOSSIER_NOT_FOUND'],
      ['rating', other.request('POST', `/api/v1/portal/dossiers/${code}/rating`, RATING), 'DOSSIER_NOT_FOUND'],
      ['draft', other.request('GET', `/api/v1/portal/drafts/${draft.id}`), 'PORTAL_DRAFT_NOT_FOUND'],
      ['draft edit', other.request('PATCH', `/api/v1/portal/drafts/${draft.id}`, { version: 3 }), 'PORTAL_DRAFT_NOT_FOUND'],
      ['draft delete', other.request('DELETE', `/api/v1/portal/drafts/${draft.id}?version=3`), 'PORTAL_DRAFT_NOT_FOUND'],
      ['submit', submit(other, { id: draft.id, version: 3 }, key), 'PORTAL_DRAFT_NOT_FOUND'],
      ['upload', other.request('GET', `/api/v1/portal/uploads/${uploadId}`), 'PORTAL_UPLOAD_NOT_FOUND'],
      ['chunk', chunk(other, uploadId, 0, Buffer.from('x')), 'PORTAL_UPLOAD_NOT_FOUND'],
      ['upload delete', other.request('DELETE', `/api/v1/portal/uploads/${uploadId}`), 'PORTAL_UPLOAD_NOT_FOUND'],
      ['announce on draft', announce(other, { draftId: draft.id }, 0, scan), 'PORTAL_DRAFT_NOT_FOUND'],
      ['announce on dossier', announce(other, { dossierCode: code }, 0, scan), 'DOSSIER_NOT_FOUND'],
    ];
    for (const [what, pending, code404] of checks) {
      const res = await pending;
      expect([what, res.status, res.json().error.code]).toEqual([what, 404, code404]);
    }
    const unknown = await other.request('GET', '/api/v1/portal/dossiers/X-HB-010101-9999');
    expect([unknown.status, unknown.json().error.code]).toEqual([404, 'DOSSIER_NOT_FOUND']);
    const list = (await other.request('GET', '/api/v1/portal/dossiers')).json();
    expect([list.total, list.items]).toEqual([0, []]);
    expect((await other.request('GET', '/api/v1/portal/drafts')).json().items).toEqual([]);
  });

  it('audits every read of the dossier and the result download, as the citizen, without personal data', async () => {
    const rows = await t.db.db.execute<{ action: string; actor_kind: string; actor_id: string; details: unknown }>(
      sql`SELECT action, actor_kind, actor_id, details FROM audit_log WHERE object_id = ${submitted.code} AND actor_kind = 'citizen' ORDER BY seq`,
    );
    const actions = rows.rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['dossier.submit_online', 'portal.draft.submit', 'portal.dossier.read', 'dossier.receive_supplement', 'portal.result.read', 'feedback.rating.create']));
    expect(rows.rows.every((r) => r.actor_id === citizen.citizenId)).toBe(true);
    expect(JSON.stringify(rows.rows)).not.toContain('Nhung');
    const list = await t.db.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'portal.dossier.list' AND actor_id = ${citizen.citizenId}`);
    expect(list.rows[0]?.n).toBeGreaterThan(0);
  });
});

describe('a partial-level procedure', () => {
  it('is applied for online, but its result is collected at the desk, not downloaded', async () => {
    const d = await newDraft(citizen, { procedureCode: MARRIAGE });
    await uploadWhole(citizen, { draftId: d.id }, 0, await pdf('Tờ khai đăng ký kết hôn'));
    const sent = await submit(citizen, d, randomUUID());
    expect(sent.status).toBe(201);
    const code = (sent.json() as SubmitResult).code;
    let staff = (await reception.request('GET', `/api/v1/dossiers/${code}`)).json() as Dossier;
    staff = await ok(reception, staff, 'accept');
    staff = await ok(specialist, staff, 'forward');
    staff = await ok(leader, staff, 'approve');
    const fields = (await leader.request('GET', `/api/v1/dossiers/${code}/result-fields`)).json().fields as { name: string }[];
    await ok(leader, staff, 'sign', { resultValues: Object.fromEntries(fields.map((f) => [f.name, 'Có'])) });
    const mine = (await citizen.request('GET', `/api/v1/portal/dossiers/${code}`)).json() as MyDossier;
    expect([mine.status, mine.step, mine.result.online, mine.result.downloadable, mine.actionNeeded]).toEqual(['processing', 'return', false, false, true]);
    expect(mine.returnPlace).toBe('Ủy ban nhân dân xã Hòa Bình, Thôn Trung, xã Hòa Bình');
    const res = await citizen.request('GET', `/api/v1/portal/dossiers/${code}/result`);
    expect([res.status, res.json().error.code, res.json().error.details.reason]).toEqual([409, 'PORTAL_RESULT_NOT_AVAILABLE', 'not_online']);
  });
});

describe('withdrawing online', () => {
  it('lets the owner withdraw an accepted dossier before the decision, with a reason: stopped, marked withdrawn, told; not another citizen, not twice', async () => {
    const d = await newDraft(citizen, { procedureCode: MARRIAGE });
    await uploadWhole(citizen, { draftId: d.id }, 0, await pdf('Tờ khai đăng ký kết hôn'));
    const code = ((await submit(citizen, d, randomUUID())).json() as SubmitResult).code;
    let mine = (await citizen.request('GET', `/api/v1/portal/dossiers/${code}`)).json() as MyDossier;
    // Waiting for acceptance the desk has not taken it yet: not open to withdrawal (the workflow's rule).
    expect(mine.withdrawal).toEqual({ canWithdraw: false, withdrawn: false });
    const staff = (await reception.request('GET', `/api/v1/dossiers/${code}`)).json() as Dossier;
    await ok(reception, staff, 'accept');
    mine = (await citizen.request('GET', `/api/v1/portal/dossiers/${code}`)).json() as MyDossier;
    expect(mine.withdrawal.canWithdraw).toBe(true);
    const noReason = await citizen.request('POST', `/api/v1/portal/dossiers/${code}/withdraw`, { version: mine.version, reason: ' ' });
    expect([noReason.status, noReason.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const notMine = await other.request('POST', `/api/v1/portal/dossiers/${code}/withdraw`, { version: mine.version, reason: 'Không cần nữa' });
    expect([notMine.status, notMine.json().error.code]).toEqual([404, 'DOSSIER_NOT_FOUND']);
    const stale = await citizen.request('POST', `/api/v1/portal/dossiers/${code}/withdraw`, { version: mine.version - 1, reason: 'Không cần nữa' });
    expect([stale.status, stale.json().error.code]).toEqual([409, 'VERSION_CONFLICT']);
    const done = await citizen.request('POST', `/api/v1/portal/dossiers/${code}/withdraw`, { version: mine.version, reason: 'Đã đăng ký ở nơi khác' });
    expect(done.status).toBe(200);
    const after = done.json() as MyDossier;
    expect([after.status, after.step, after.reason, after.withdrawal]).toEqual(['stopped', null, 'Đã đăng ký ở nơi khác', { canWithdraw: false, withdrawn: true }]);
    expect(after.timeline.map((e) => e.action).at(-1)).toBe('withdraw');
    expect((await noticeKinds(code)).at(-1)).toBe('withdrawn');
    const again = await citizen.request('POST', `/api/v1/portal/dossiers/${code}/withdraw`, { version: after.version, reason: 'Lần nữa' });
    expect([again.status, again.json().error.code]).toEqual([409, 'DOSSIER_TRANSITION_INVALID']);
  });
});

describe('drafts and uploads, their limits and their clean-up', () => {
  it('deletes a draft with its uploads and their stored bytes', async () => {
    const d = await newDraft(citizen);
    await uploadWhole(citizen, { draftId: d.id }, 0, await pdf('Sẽ xóa'));
    const files = storedFiles().length;
    const stale = await citizen.request('DELETE', `/api/v1/portal/drafts/${d.id}?version=${d.version + 1}`);
    expect([stale.status, stale.json().error.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect((await citizen.request('DELETE', `/api/v1/portal/drafts/${d.id}?version=${d.version}`)).status).toBe(204);
    expect(storedFiles().length).toBe(files - 1);
    expect((await citizen.request('GET', `/api/v1/portal/drafts/${d.id}`)).status).toBe(404);
  });

  it('limits files per document line, and unfinished uploads per citizen', async () => {
    const d = await newDraft(other);
    const small = await pdf('Một trang');
    for (let i = 0; i < 5; i++) expect((await announce(other, { draftId: d.id }, 1, small)).status).toBe(201);
    const sixth = await announce(other, { draftId: d.id }, 1, small);
    expect([sixth.status, sixth.json().error.code, sixth.json().error.details.per]).toEqual([422, 'PORTAL_FILE_LIMIT', 'document']);
    const d2 = await newDraft(other);
    for (let i = 0; i < 5; i++) expect((await announce(other, { draftId: d2.id }, 0, small)).status).toBe(201);
    const eleventh = await announce(other, { draftId: d2.id }, 1, small);
    expect([eleventh.status, eleventh.json().error.code, eleventh.json().error.details.per]).toEqual([422, 'PORTAL_FILE_LIMIT', 'in_progress']);
  });

  it('drops an unfinished upload a day after its last chunk, with its bytes', async () => {
    const d = await newDraft(citizen);
    const content = await pdf('Bỏ dở');
    const up = (await announce(citizen, { draftId: d.id }, 0, content)).json() as Upload;
    expect((await chunk(citizen, up.id, 0, content.subarray(0, 100))).status).toBe(200);
    expect(await countRows(t, 'portal_upload_chunks')).toBe(1);
    t.clock.advance(25 * 3_600_000);
    expect((await citizen.request('GET', `/api/v1/portal/uploads/${up.id}`)).status).toBe(404);
    const resumed = await chunk(citizen, up.id, 100, content.subarray(100));
    expect([resumed.status, resumed.json().error.code]).toEqual([404, 'PORTAL_UPLOAD_NOT_FOUND']);
    expect(await countRows(t, 'portal_upload_chunks')).toBe(0);
    // The other citizen's ten abandoned uploads went with the next announcement, so they may send files again.
    const again = await announce(other, { draftId: d.id }, 0, content);
    expect(again.status).toBe(404);
    const own = await newDraft(other);
    expect((await announce(other, { draftId: own.id }, 0, content)).status).toBe(201);
    const left = await t.db.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM portal_uploads WHERE citizen_id = ${other.citizenId} AND status = 'in_progress'`);
    expect(left.rows[0]?.n).toBe(1);
  });

  it('keeps at most 20 open drafts per citizen', async () => {
    const fresh = await signedInCitizen({ fullName: 'Hà Thị Nhiều', email: null, idNumber: null });
    for (let i = 0; i < 20; i++) expect((await fresh.request('POST', '/api/v1/portal/drafts', { procedureCode: MARITAL })).status).toBe(201);
    const more = await fresh.request('POST', '/api/v1/portal/drafts', { procedureCode: MARITAL });
    expect([more.status, more.json().error.code]).toEqual([422, 'PORTAL_DRAFT_LIMIT']);
  });
});

// For the abuse checks: acting on an online dossier a citizen does not own is not possible through staff routes either.
describe('staff routes stay staff routes', () => {
  it('refuses a citizen session on a staff route', async () => {
    const res = await citizen.request('GET', '/api/v1/dossiers');
    expect(res.status).toBe(401);
    const action = await act(citizen, { code: 'X-HB-010101-0001', version: 1 }, 'accept');
    expect(action.status).toBe(401);
  });
});
