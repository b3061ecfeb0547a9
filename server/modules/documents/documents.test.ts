/**
 * The documents module through the API on a real database and a real file
 * storage: certificates, the signed result of a birth registration checked by
 * pdfsig, the congratulation letter, the public verification, the one-stop
 * forms as PDF, templates, scans and digitisation — and that refused requests
 * leave nothing stored.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier, IntakeResult } from '../../../contracts/dossiers.js';
import { adminClient, makeTestApp, signIn, type Client, type TestApp } from '../../../test/harness.js';
import { act, ok, countRows } from '../../../test/dossier-actions.js';
import { pdfsig, pdfText } from '../../../test/pdf.js';
import { createUnit, officer, oneStopTeam, rootUnitId, signingCertificate, type Officer } from '../../../test/staff.js';
import { makeTestCertificate } from './signing/index.js';

const BIRTH = '1.001193'; // Đăng ký khai sinh: commune level, congratulation letter
const MARITAL = '1.000893'; // Cấp Giấy xác nhận tình trạng hôn nhân: no letter, generic result
const START = Date.parse('2026-11-24T02:00:00Z'); // Tuesday 09:00 in Hà Nội
const DAY = 86_400_000;

let t: TestApp;
let admin: Client & { totpSecret: string };
let commune: { id: string; code: string };
let bare: { id: string; code: string };
let reception: Officer;
let specialist: Officer;
let leader: Officer;
let bareReception: Officer;

const CHILD = { 'child.fullName': 'Trần Gia Bảo Ngọc', 'child.birthDate': '02/11/2026', 'child.gender': 'Nữ', 'child.birthPlace': 'Bệnh viện Phụ sản Hà Nội', 'parents.names': 'Trần Văn Hùng và Nguyễn Thị Hồng Nhung' };

function applicant() {
  return { kind: 'person', fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '001190012345', birthDate: '1990-05-17', address: 'Số 5 ngõ 12 phố Huế, Hà Nội', phone: '0912 345 678' };
}

async function receive(by: Officer, procedureCode: string, documents = [0, 1, 2]): Promise<IntakeResult> {
  const body = {
    procedureCode,
    counterCode: by === reception ? 'Q1' : null,
    applicant: applicant(),
    documents: documents.map((index) => ({ index, received: true, form: 'original', count: 1 })),
    outcome: 'accepted',
  };
  const res = await by.request('POST', '/api/v1/dossiers', body, { 'idempotency-key': randomUUID() });
  if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.json())}`);
  return res.json() as IntakeResult;
}

/** Received, appraised and approved: waiting for the leader's signature. */
async function toSign(procedureCode: string, people = { reception, specialist, leader }): Promise<Dossier> {
  const { dossier } = await receive(people.reception, procedureCode, procedureCode === MARITAL ? [0, 1] : [0, 1, 2]);
  const appraised = await ok(people.specialist, dossier, 'forward');
  return ok(people.leader, appraised, 'approve');
}

/** Every file under the storage directory of this test app. */
function storedFiles(): string[] {
  const root = join(t.deps.config.dataDir, 'files');
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const n of readdirSync(dir)) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(root);
  return out;
}

function pdfkitPdf(text: string, options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text(text);
    doc.end();
  });
}

beforeAll(async () => {
  t = await makeTestApp();
  t.clock.advance(START - Date.now());
  admin = await adminClient(t);
  ({ unit: commune, reception, specialist, leader } = await oneStopTeam(t, admin, { code: 'X-HB', name: 'Ủy ban nhân dân xã Hòa Bình', kind: 'commune', address: 'Thôn Trung, xã Hòa Bình' }));
  const root = { id: await rootUnitId(admin) };
  bare = await createUnit(admin, { code: 'X-AL', name: 'Ủy ban nhân dân xã An Lạc', kind: 'commune', parentId: root.id });
  bareReception = await officer(t, admin, 'Đỗ Thị Nhận', bare.id, [{ role: 'receptionist', unitId: bare.id }]);
});

afterAll(async () => {
  await t.close();
});

describe('signing certificates', () => {
  it('refuses a wrong password, a file that is not PKCS#12 and an expired certificate, storing nothing', async () => {
    const before = await countRows(t, 'signing_certificates');
    const cert = makeTestCertificate({ commonName: 'UBND xã An Lạc', organization: 'UBND xã An Lạc', validFrom: new Date(t.clock.now().getTime() - DAY), validDays: 30 });
    const upload = (body: Record<string, unknown>) => admin.request('POST', `/api/v1/admin/units/${bare.id}/certificates`, { signerName: 'Hoàng Văn Ký', signerTitle: 'Chủ tịch', ...body });
    const wrong = await upload({ p12: cert.p12.toString('base64'), password: `${cert.password}x` });
    expect([wrong.status, wrong.json().error.code]).toEqual([422, 'CERTIFICATE_PASSWORD_WRONG']);
    const garbage = await upload({ p12: Buffer.from('not a certificate at all').toString('base64'), password: 'x' });
    expect([garbage.status, garbage.json().error.code]).toEqual([422, 'CERTIFICATE_INVALID']);
    const old = makeTestCertificate({ commonName: 'UBND xã An Lạc', organization: 'UBND xã An Lạc', validFrom: new Date(t.clock.now().getTime() - 400 * DAY), validDays: 365 });
    const expired = await upload({ p12: old.p12.toString('base64'), password: old.password });
    expect([expired.status, expired.json().error.code]).toEqual([422, 'CERTIFICATE_EXPIRED']);
    expect(await countRows(t, 'signing_certificates')).toBe(before);
  });

  it('keeps the password sealed, shows certificates without secrets, retires the previous one, and only to admins of the unit', async () => {
    const first = await signingCertificate(t, admin, bare.id, { name: 'Hoàng Văn Ký', title: 'Chủ tịch' });
    await signingCertificate(t, admin, bare.id, { name: 'Hoàng Văn Ký', title: 'Chủ tịch' });
    const list = await admin.request('GET', `/api/v1/admin/units/${bare.id}/certificates`);
    const items = list.json().items as { active: boolean; retiredAt: string | null; subject: string }[];
    expect(items.map((c) => c.active)).toEqual([true, false]);
    expect(items[1]?.retiredAt).not.toBeNull();
    expect(JSON.stringify(list.json())).not.toContain(first.password);
    const stored = await t.db.db.execute<{ password_sealed: string }>(sql`SELECT password_sealed FROM signing_certificates`);
    for (const r of stored.rows) expect(r.password_sealed).not.toContain(first.password);
    expect((await leader.request('GET', `/api/v1/admin/units/${bare.id}/certificates`)).status).toBe(403);
  });
});

describe('the signed result and the courtesy letter', () => {
  let signed: Dossier;
  let resultId = '';
  let resultPdf: Buffer = Buffer.alloc(0);
  let verification = '';

  it('asks the leader for what the birth extract states, and refuses to sign without it, storing nothing', async () => {
    const d = await toSign(BIRTH);
    const fields = (await leader.request('GET', `/api/v1/dossiers/${d.code}/result-fields`)).json().fields as { name: string; label: string }[];
    expect(fields.map((f) => f.name)).toEqual(Object.keys(CHILD));
    const files = storedFiles().length;
    const missing = await act(leader, d, 'sign', { resultValues: { 'child.fullName': CHILD['child.fullName'] } });
    expect([missing.status, missing.body.error?.code]).toEqual([422, 'TEMPLATE_VALUE_MISSING']);
    expect(missing.body.error?.details?.fields).toEqual(Object.keys(CHILD).slice(1));
    const unknown = await act(leader, d, 'sign', { resultValues: { ...CHILD, 'child.nickname': 'Bống' } });
    expect([unknown.status, unknown.body.error?.code]).toEqual([422, 'TEMPLATE_UNKNOWN_FIELD']);
    expect(storedFiles().length).toBe(files);
    expect((await leader.request('GET', `/api/v1/dossiers/${d.code}`)).json().version).toBe(d.version);
    signed = await ok(leader, d, 'sign', { resultValues: CHILD });
    expect(signed.step).toBe('return');
  });

  it('stores a result whose signature pdfsig finds valid over the whole document, with the diacritics intact', async () => {
    const docs = (await leader.request('GET', `/api/v1/dossiers/${signed.code}/documents`)).json().items as { id: string; kind: string; signed: boolean; signerName: string; verificationCode: string; sha256: string }[];
    expect(docs.map((x) => [x.kind, x.signed, x.signerName])).toEqual([['result', true, 'Phạm Văn Duyệt']]);
    const [result] = docs;
    if (!result) throw new Error('no result');
    resultId = result.id;
    verification = result.verificationCode;
    expect(verification).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const download = await leader.request('GET', `/api/v1/dossiers/${signed.code}/documents/${result.id}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(String(download.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    resultPdf = download.raw;
    const sig = await pdfsig(resultPdf);
    expect(sig).toContain('Signature is Valid');
    expect(sig).toContain('Total document signed');
    const text = await pdfText(resultPdf);
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'TRÍCH LỤC KHAI SINH', 'Trần Gia Bảo Ngọc', 'Bệnh viện Phụ sản Hà Nội', 'Phạm Văn Duyệt', verification]) expect(text).toContain(s);
    const audit = await t.db.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'document.sign' AND object_id = ${signed.code}`);
    expect(audit.rows[0]?.n).toBe(1);
  });

  it('refuses to sign the result twice', async () => {
    const again = await act(leader, signed, 'sign', { resultValues: CHILD });
    expect(again.status).toBe(409);
    expect((await leader.request('GET', `/api/v1/dossiers/${signed.code}/documents`)).json().items).toHaveLength(1);
  });

  it('shows anyone who issued the result and when, without personal data, and checks an uploaded copy', async () => {
    const anonymous = (method: 'GET' | 'POST', url: string, payload?: Buffer) =>
      t.app.inject({ method, url, ...(payload ? { payload, headers: { 'content-type': 'application/pdf' } } : {}) });
    const info = await anonymous('GET', `/api/v1/public/verify/${verification.toLowerCase().replaceAll('-', '')}`);
    expect(info.statusCode).toBe(200);
    const body = info.json();
    expect(body).toMatchObject({ kind: 'result', dossierCode: signed.code, signed: true, signerName: 'Phạm Văn Duyệt', unit: { code: 'X-HB' } });
    expect(body.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const personal of ['Nguyễn Thị Hồng Nhung', '001190012345', 'Trần Gia Bảo Ngọc', 'phố Huế']) expect(info.body).not.toContain(personal);
    const same = (await anonymous('POST', `/api/v1/public/verify/${verification}`, resultPdf)).json();
    expect(same).toMatchObject({ matches: true, signature: { signed: true, intact: true, coversWholeDocument: true } });
    const tampered = Buffer.from(resultPdf);
    const at = tampered.indexOf('TRÍCH') > 0 ? tampered.indexOf('TRÍCH') : 200;
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    const changed = (await anonymous('POST', `/api/v1/public/verify/${verification}`, tampered)).json();
    expect(changed.matches).toBe(false);
    expect(changed.signature?.intact).toBe(false);
    const unknown = await anonymous('GET', '/api/v1/public/verify/0000-0000-0000');
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'VERIFY_NOT_FOUND']);
    const malformed = await anonymous('GET', '/api/v1/public/verify/abc');
    expect(malformed.statusCode).toBe(400);
  });

  it('issues the signed congratulation letter with the family’s names when the result is returned, and counts it', async () => {
    const returned = await ok(reception, signed, 'return_result', { method: 'desk', receivedBy: 'Nguyễn Thị Hồng Nhung' });
    expect(returned.status).toBe('returned');
    const docs = (await reception.request('GET', `/api/v1/dossiers/${signed.code}/documents`)).json().items as { id: string; kind: string; signed: boolean }[];
    const letter = docs.find((x) => x.kind === 'congratulation');
    expect(letter?.signed).toBe(true);
    const pdf = (await reception.request('GET', `/api/v1/dossiers/${signed.code}/documents/${letter?.id ?? ''}`)).raw;
    expect(await pdfsig(pdf)).toContain('Signature is Valid');
    const text = await pdfText(pdf);
    for (const s of ['THƯ CHÚC MỪNG', 'Trần Gia Bảo Ngọc', 'Trần Văn Hùng và Nguyễn Thị Hồng Nhung', 'Phạm Văn Duyệt']) expect(text).toContain(s);
    const stats = (await leader.request('GET', '/api/v1/documents/letters/stats?from=2026-11&to=2026-11')).json().items as { unit: { code: string }; month: string; congratulation: number; condolence: number }[];
    expect(stats).toEqual([{ unit: expect.objectContaining({ code: 'X-HB' }), month: '2026-11', congratulation: 1, condolence: 0 }]);
    const none = (await leader.request('GET', '/api/v1/documents/letters/stats?from=2026-10&to=2026-10')).json().items;
    expect(none).toEqual([]);
    const backwards = await leader.request('GET', '/api/v1/documents/letters/stats?from=2026-12&to=2026-11');
    expect(backwards.status).toBe(400);
    expect(resultId).not.toBe(letter?.id);
  });

  it('refuses to sign for a unit without a certificate, and with one that has expired, leaving the dossier as it was', async () => {
    const unitWithout = await createUnit(admin, { code: 'X-TM', name: 'Ủy ban nhân dân xã Tân Minh', kind: 'commune', parentId: (await admin.request('GET', `/api/v1/org/units/${commune.id}`)).json().parentId });
    const people = {
      reception: await officer(t, admin, 'Lý Thị Thu', unitWithout.id, [{ role: 'receptionist', unitId: unitWithout.id }]),
      specialist: await officer(t, admin, 'Mai Văn Soát', unitWithout.id, [{ role: 'specialist', unitId: unitWithout.id }]),
      leader: await officer(t, admin, 'Đinh Văn Trưởng', unitWithout.id, [{ role: 'leader', unitId: unitWithout.id }]),
    };
    const d = await toSign(MARITAL, people);
    const files = storedFiles().length;
    const none = await act(people.leader, d, 'sign');
    expect([none.status, none.body.error?.code]).toEqual([422, 'SIGNING_CERTIFICATE_MISSING']);
    const cert = makeTestCertificate({ commonName: 'UBND xã Tân Minh', organization: 'UBND xã Tân Minh', validFrom: new Date(t.clock.now().getTime() - DAY), validDays: 2 });
    const up = await admin.request('POST', `/api/v1/admin/units/${unitWithout.id}/certificates`, { p12: cert.p12.toString('base64'), password: cert.password, signerName: 'Đinh Văn Trưởng', signerTitle: 'Chủ tịch' });
    expect(up.status).toBe(201);
    t.clock.advance(3 * DAY);
    const expired = await act(people.leader, d, 'sign');
    expect([expired.status, expired.body.error?.code]).toEqual([422, 'CERTIFICATE_EXPIRED']);
    t.clock.advance(-3 * DAY);
    expect(storedFiles().length).toBe(files);
    const after = (await people.leader.request('GET', `/api/v1/dossiers/${d.code}`)).json() as Dossier;
    expect([after.step, after.version]).toEqual(['sign', d.version]);
  });

  it('of two leaders signing at once, one signs and the other gets 409, and only one file is kept', async () => {
    const second = await officer(t, admin, 'Phạm Thị Phó', commune.id, [{ role: 'leader', unitId: commune.id }]);
    const d = await toSign(MARITAL);
    const files = storedFiles().length;
    const answers = await Promise.all([act(leader, d, 'sign'), act(second, d, 'sign')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(storedFiles().length).toBe(files + 1);
    const docs = (await leader.request('GET', `/api/v1/dossiers/${d.code}/documents`)).json().items as { kind: string }[];
    expect(docs.map((x) => x.kind)).toEqual(['result']);
    expect(await pdfText((await leader.request('GET', `/api/v1/dossiers/${d.code}/documents/${(docs[0] as unknown as { id: string }).id}`)).raw)).toContain('THÔNG BÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
  });
});

describe('the one-stop forms as PDF', () => {
  it('prints the receipt with the applicant, the documents and the appointment, and the control slip with every hand-over', async () => {
    const { dossier, secret } = await receive(reception, MARITAL, [0, 1]);
    const receipt = await reception.request('POST', `/api/v1/dossiers/${dossier.code}/forms/receipt`, { secret });
    expect(receipt.status).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(receipt.raw);
    for (const s of ['GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 'Nguyễn Thị Hồng Nhung', dossier.code, 'Trần Văn Tiếp', 'Ủy ban nhân dân xã Hòa Bình']) expect(text.toUpperCase()).toContain(s.toUpperCase());
    const forwarded = await ok(specialist, dossier, 'forward');
    const slip = await pdfText((await specialist.request('GET', `/api/v1/dossiers/${forwarded.code}/forms/control_slip`)).raw);
    expect(slip).toContain('Lê Thị Thẩm');
    expect(slip).toContain('Thẩm định');
    const english = await pdfText((await specialist.request('GET', `/api/v1/dossiers/${forwarded.code}/forms/control_slip?lang=en`)).raw);
    expect(english).toContain('SOCIALIST REPUBLIC OF VIET NAM');
  });

  it('answers 409 for a form that does not apply, and 404 for a dossier out of scope', async () => {
    const { dossier } = await receive(reception, MARITAL, [0, 1]);
    for (const form of ['refusal', 'apology', 'stop_notice', 'supplement_request']) {
      const res = await reception.request('GET', `/api/v1/dossiers/${dossier.code}/forms/${form}`);
      expect([form, res.status, res.json().error.code]).toEqual([form, 409, 'FORM_NOT_AVAILABLE']);
    }
    const stopped = await ok(reception, dossier, 'stop', { reason: 'Công dân xin rút hồ sơ để bổ sung giấy tờ khác' });
    const notice = await pdfText((await specialist.request('GET', `/api/v1/dossiers/${stopped.code}/forms/stop_notice`)).raw);
    expect(notice).toContain('Công dân xin rút hồ sơ để bổ sung giấy tờ khác');
    expect((await bareReception.request('GET', `/api/v1/dossiers/${dossier.code}/forms/receipt`)).status).toBe(404);
    expect((await reception.request('GET', `/api/v1/dossiers/${dossier.code}/forms/register`)).status).toBe(400);
  });
});

describe('templates', () => {
  it('refuses a template that names an unknown field, saves a good one with its version, and the next result uses it', async () => {
    const current = (await admin.request('GET', `/api/v1/admin/templates?kind=result&procedure=${MARITAL}`)).json();
    expect(current.source).toBe('builtin');
    const template = { title: 'Giấy xác nhận tình trạng hôn nhân', paragraphs: ['{{unit.name}} xác nhận {{applicant.fullName}}: {{marital.status}}. Mục đích: {{purpose}}.'], signerTitle: '{{signer.title}}', signerName: '{{signer.fullName}}' };
    const bad = await admin.request('PUT', '/api/v1/admin/templates', { kind: 'result', procedureCode: MARITAL, template, inputs: [{ name: 'marital.status', label: 'Tình trạng hôn nhân' }] });
    expect([bad.status, bad.json().error.code, bad.json().error.details.fields]).toEqual([422, 'TEMPLATE_UNKNOWN_FIELD', ['purpose']]);
    expect((await admin.request('GET', `/api/v1/admin/templates?kind=result&procedure=${MARITAL}`)).json().source).toBe('builtin');
    const inputs = [
      { name: 'marital.status', label: 'Tình trạng hôn nhân' },
      { name: 'purpose', label: 'Mục đích sử dụng' },
    ];
    const saved = await admin.request('PUT', '/api/v1/admin/templates', { kind: 'result', procedureCode: MARITAL, template, inputs });
    expect(saved.status).toBe(200);
    expect(saved.json()).toMatchObject({ source: 'province', version: 1 });
    const stale = await admin.request('PUT', '/api/v1/admin/templates', { kind: 'result', procedureCode: MARITAL, template, inputs, version: 7 });
    expect(stale.status).toBe(409);
    const wrongKind = await admin.request('PUT', '/api/v1/admin/templates', { kind: 'condolence', procedureCode: MARITAL, template, inputs: [] });
    expect(wrongKind.status).toBe(400);

    const d = await toSign(MARITAL);
    expect((await leader.request('GET', `/api/v1/dossiers/${d.code}/result-fields`)).json().fields).toEqual(inputs);
    const after = await ok(leader, d, 'sign', { resultValues: { 'marital.status': 'Chưa đăng ký kết hôn với ai', purpose: 'Đăng ký kết hôn' } });
    const [doc] = (await leader.request('GET', `/api/v1/dossiers/${after.code}/documents`)).json().items as { id: string }[];
    const text = await pdfText((await leader.request('GET', `/api/v1/dossiers/${after.code}/documents/${doc?.id ?? ''}`)).raw);
    expect(text).toContain('Chưa đăng ký kết hôn với ai');
    // Restore the built-in behaviour for the other tests: a template with no inputs.
    await admin.request('PUT', '/api/v1/admin/templates', { kind: 'result', procedureCode: MARITAL, template: { ...template, paragraphs: ['{{unit.name}} xác nhận {{applicant.fullName}}.'] }, inputs: [], version: 1 });
  });
});

describe('scans and digitisation', () => {
  it('keeps a scan in the file storage and gives back the same bytes as an attachment', async () => {
    const { dossier } = await receive(reception, MARITAL, [0, 1]);
    const pdf = await pdfkitPdf('Bản quét tờ khai');
    const files = storedFiles().length;
    const up = await reception.request('POST', `/api/v1/dossiers/${dossier.code}/files?document=0`, pdf, { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('tờ khai.pdf') });
    expect(up.status).toBe(201);
    expect(storedFiles().length).toBe(files + 1);
    const row = await t.db.db.execute<{ content: Buffer | null; storage_key: string }>(sql`SELECT content, storage_key FROM dossier_files WHERE id = ${up.json().id}`);
    expect(row.rows[0]?.content).toBeNull();
    expect(row.rows[0]?.storage_key).toMatch(/^scans\/\d{4}\/\d{2}\//);
    const down = await reception.request('GET', `/api/v1/dossiers/${dossier.code}/files/${up.json().id}`);
    expect(down.raw.equals(pdf)).toBe(true);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(String(down.headers['content-disposition'])).toContain("filename*=UTF-8''t%E1%BB%9D%20khai.pdf");
  });

  it('refuses a PDF posing as a PNG, a truncated or password-protected PDF and an oversized body, storing nothing', async () => {
    const { dossier } = await receive(reception, MARITAL, [0, 1]);
    const pdf = await pdfkitPdf('Bản quét');
    const files = storedFiles().length;
    const rows = await countRows(t, 'dossier_files');
    const post = (body: Buffer, type: string, name: string) => reception.request('POST', `/api/v1/dossiers/${dossier.code}/files?document=0`, body, { 'content-type': type, 'x-file-name': name });
    const posing = await post(pdf, 'image/png', 'anh.png');
    expect([posing.status, posing.json().error.code]).toEqual([415, 'DOSSIER_FILE_TYPE_NOT_ALLOWED']);
    const truncated = await post(pdf.subarray(0, Math.floor(pdf.length / 2)), 'application/pdf', 'cat.pdf');
    expect([truncated.status, truncated.json().error.code]).toEqual([422, 'UPLOAD_CORRUPT']);
    const locked = await post(await pdfkitPdf('Mật', { userPassword: 'secret', ownerPassword: 'owner' }), 'application/pdf', 'khoa.pdf');
    expect([locked.status, locked.json().error.code]).toEqual([422, 'UPLOAD_ENCRYPTED']);
    const big = await post(Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]), 'application/pdf', 'lon.pdf');
    expect(big.status).toBe(413);
    const exe = await post(Buffer.from('MZ\x90\x00'), 'application/x-msdownload', 'virus.exe');
    expect(exe.status).toBe(415);
    expect(storedFiles().length).toBe(files);
    expect(await countRows(t, 'dossier_files')).toBe(rows);
  });

  it('marks a document digitised only once it has a scan, and can take the mark back', async () => {
    const { dossier } = await receive(reception, MARITAL, [0, 1]);
    const early = await reception.request('PUT', `/api/v1/dossiers/${dossier.code}/documents/1/digitised`, { digitised: true });
    expect([early.status, early.json().error.code]).toEqual([422, 'DOSSIER_DOCUMENT_NOT_SCANNED']);
    const scan = await pdfkitPdf('Bản quét giấy chứng tử');
    expect((await reception.request('POST', `/api/v1/dossiers/${dossier.code}/files?document=1`, scan, { 'content-type': 'application/pdf', 'x-file-name': 'chung-tu.pdf' })).status).toBe(201);
    const marked = await reception.request('PUT', `/api/v1/dossiers/${dossier.code}/documents/1/digitised`, { digitised: true });
    expect(marked.status).toBe(200);
    expect((marked.json() as Dossier).documents.map((x) => x.digitised)).toEqual([false, true]);
    expect((marked.json() as Dossier).version).toBe(dossier.version);
    const undone = (await reception.request('PUT', `/api/v1/dossiers/${dossier.code}/documents/1/digitised`, { digitised: false })).json() as Dossier;
    expect(undone.documents.map((x) => x.digitised)).toEqual([false, false]);
    const other = await signIn(t, bareReception.username, bareReception.password);
    expect((await other.request('PUT', `/api/v1/dossiers/${dossier.code}/documents/1/digitised`, { digitised: true })).status).toBe(404);
  });
});
