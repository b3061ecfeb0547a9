/**
 * documents: PDFs rendered per second and the public verification's latency,
 * each against a baseline measured in the same run.
 *
 * - pdf (in this process, one at a time: rendering is CPU work on Node's one
 *   thread): `bare` — a one-page pdfkit document with the same embedded font
 *   and one line of text (what any PDF costs); `receipt` — form 01 of a
 *   realistic dossier, with its QR code (pdf/forms.ts); `signed` — a result
 *   document from the generic template plus its PAdES signature with a
 *   2048-bit RSA key (pdf/templates.ts + signing/sign.ts), as the `sign`
 *   action does before it stores the file.
 * - verify: `GET /api/v1/public/verify/{code}` over the codes of results
 *   signed through the API (intake → forward → approve → sign), against
 *   `GET /api/health` on the same app. The route allows 60 requests a minute
 *   per address: the app trusts the proxy header and the load generator gives
 *   every request an address of its own, so the limiter's query and insert
 *   run every time and its refusal never.
 */
import { randomUUID } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { fontBuffers } from '../server/modules/documents/pdf/fonts.js';
import { renderReceipt, renderResultDocument } from '../server/modules/documents/pdf/index.js';
import { GENERIC_RESULT_TEMPLATE } from '../server/modules/documents/builtins.js';
import { makeTestCertificate, signPdf } from '../server/modules/documents/signing/index.js';
import { adminSession, call, createCounter, createUnit, expect, officerSession, type Session } from './lib/api.js';
import { startBenchApp } from './lib/app.js';
import { printComparison, runLoad, runLoop, runRounds, type LoadOptions } from './lib/load.js';
import { envInt, fmtInt, log, type Benchmark } from './lib/util.js';

const CONNECTIONS = envInt('BENCH_CONNECTIONS', 10, 1, 256);
const WARMUP_MS = envInt('BENCH_WARMUP_MS', 1_000, 0, 10_000);
const DURATION_MS = envInt('BENCH_DURATION_MS', 5_000, 500, 30_000);
const ROUNDS = envInt('BENCH_ROUNDS', 3, 1, 9);
const SIGNED = envInt('BENCH_SIGNED_RESULTS', 20, 1, 500);
const MAX_REQUESTS = 2_000_000;

const NOW = new Date('2026-12-01T02:00:00Z');
const ISSUER = { parent: 'Ủy ban nhân dân tỉnh Phú Thọ', name: 'Ủy ban nhân dân xã Hòa Bình' };
const APPLICANT = { kind: 'person' as const, fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '001190012345', birthDate: '1990-05-17', address: 'Thôn Đông, xã Hòa Bình' };

function barePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { CreationDate: NOW } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(fontBuffers().regular).fontSize(13).text('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    doc.end();
  });
}

function receipt(): Promise<Buffer> {
  return renderReceipt({
    issuer: ISSUER,
    place: 'Hòa Bình',
    issuedAt: NOW,
    number: 'X-HB-011226-0007',
    dossierCode: 'X-HB-011226-0007',
    procedure: { code: '1.000893', name: 'Cấp Giấy xác nhận tình trạng hôn nhân' },
    applicant: APPLICANT,
    documents: [
      { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (theo mẫu)', form: 'original', count: 1 },
      { name: 'Bản sao giấy chứng tử của vợ/chồng đã mất', form: 'copy', count: 1 },
    ],
    sets: 1,
    settlementTime: '03 ngày làm việc',
    receivedAt: NOW,
    appointment: { at: new Date(NOW.getTime() + 3 * 86_400_000), place: 'Ủy ban nhân dân xã Hòa Bình, Thôn Trung' },
    fees: [{ label: 'Lệ phí', amountVnd: 10_000 }],
    register: { number: 'X-HB-011226-0007' },
    officer: { fullName: 'Trần Văn Tiếp' },
    lookup: { url: 'https://motcua.example.vn/tra-cuu#code=X-HB-011226-0007&secret=ABCDE-FGHJK-MNPQR-STVWX-YZ012-3', secret: 'ABCDE-FGHJK-MNPQR-STVWX-YZ012-3' },
  });
}

const CERT = makeTestCertificate({ commonName: 'Ủy ban nhân dân xã Hòa Bình (bench)', organization: 'UBND xã Hòa Bình', validFrom: new Date(Date.now() - 86_400_000), validDays: 30 });

async function signedResult(): Promise<Buffer> {
  const pdf = await renderResultDocument({
    lang: 'vi',
    issuer: ISSUER,
    place: 'Hòa Bình',
    issuedAt: NOW,
    number: 'X-HB-011226-0007',
    template: GENERIC_RESULT_TEMPLATE.template,
    values: {
      'dossier.code': 'X-HB-011226-0007',
      'dossier.receivedDate': '01/12/2026',
      'procedure.code': '1.000893',
      'procedure.name': 'Cấp Giấy xác nhận tình trạng hôn nhân',
      'applicant.fullName': APPLICANT.fullName,
      'applicant.idNumber': APPLICANT.idNumber,
      'applicant.birthDate': '17/05/1990',
      'applicant.address': APPLICANT.address,
      'signer.fullName': 'Phạm Văn Duyệt',
      'signer.title': 'Chủ tịch',
    },
    verification: { url: 'https://motcua.example.vn/verify/7K2M-9QXA-4TBD', code: '7K2M-9QXA-4TBD' },
  });
  return signPdf(pdf, CERT.p12, CERT.password, { reason: 'Ký số kết quả', location: 'Hòa Bình', signerName: 'Phạm Văn Duyệt', signedAt: new Date() }, { profile: 'pades-b-b' });
}

type Target = 'bare' | 'receipt' | 'signed' | 'health' | 'verify';

async function signThrough(base: string, people: { reception: Session; specialist: Session; leader: Session }): Promise<string> {
  const intake = await call(base, 'POST', '/api/v1/dossiers', {
    ...people.reception,
    headers: { 'idempotency-key': randomUUID() },
    body: {
      procedureCode: '1.000893',
      counterCode: 'Q1',
      applicant: APPLICANT,
      documents: [
        { index: 0, received: true, form: 'original', count: 1 },
        { index: 1, received: true, form: 'original', count: 1 },
      ],
      outcome: 'accepted',
    },
  });
  expect(intake, 201, 'intake');
  let d = (intake.body as { dossier: { code: string; version: number } }).dossier;
  const step = async (who: Session, action: string) => {
    const r = await call(base, 'POST', `/api/v1/dossiers/${d.code}/actions/${action}`, { ...who, body: { version: d.version } });
    expect(r, 200, action);
    d = r.body as typeof d;
  };
  await step(people.specialist, 'forward');
  await step(people.leader, 'approve');
  await step(people.leader, 'sign');
  const docs = await call(base, 'GET', `/api/v1/dossiers/${d.code}/documents`, people.leader);
  expect(docs, 200, 'documents');
  const code = (docs.body as { items: { verificationCode: string }[] }).items[0]?.verificationCode;
  if (!code) throw new Error('the signed result has no verification code');
  return code;
}

export const documentsBench: Benchmark = {
  name: 'documents',
  title: 'PDFs per second (receipt; result rendered and signed) and the p99 of the public verification',
  run: async () => {
    // ------------------------------------------------------------ PDFs, in process
    const check = await signedResult();
    if (!check.includes('/ByteRange')) throw new Error('the signed result carries no signature');
    const loop = { connections: 1, warmupMs: WARMUP_MS, durationMs: DURATION_MS, maxRequests: MAX_REQUESTS };
    const render: Record<'bare' | 'receipt' | 'signed', () => Promise<Buffer>> = { bare: barePdf, receipt, signed: signedResult };
    const pdfSamples = await runRounds<Target>(ROUNDS, ['bare', 'receipt', 'signed'], (target) =>
      runLoop(loop, async () => {
        await render[target as 'bare' | 'receipt' | 'signed']();
      }),
    );

    // ------------------------------------------------------------ verification, over HTTP
    const { base, port, adminPassword } = await startBenchApp({ prefix: 'motcua-bench-documents-', config: { trustProxy: true } });
    log(`setting up over the API: a ward with a certificate and three officers; ${fmtInt(SIGNED)} results signed…`);
    const admin = await adminSession(base, adminPassword);
    const ward = await createUnit(base, admin, { code: 'X-HB', name: 'Ủy ban nhân dân xã Hòa Bình', kind: 'commune', parentId: admin.rootUnitId, address: 'Thôn Trung' });
    await createCounter(base, admin, ward, 'Q1');
    const cert = makeTestCertificate({ commonName: 'UBND xã Hòa Bình (bench)', organization: 'UBND xã Hòa Bình', validFrom: new Date(Date.now() - 86_400_000), validDays: 30 });
    expect(await call(base, 'POST', `/api/v1/admin/units/${ward}/certificates`, { ...admin, body: { p12: cert.p12.toString('base64'), password: cert.password, signerName: 'Phạm Văn Duyệt', signerTitle: 'Chủ tịch' } }), 201, 'certificate');
    const people = {
      reception: await officerSession(base, admin, { username: 'bench.tiepnhan', fullName: 'Trần Văn Tiếp', unitId: ward, roles: [{ role: 'receptionist', unitId: ward }] }),
      specialist: await officerSession(base, admin, { username: 'bench.chuyenvien', fullName: 'Lê Thị Thẩm', unitId: ward, roles: [{ role: 'specialist', unitId: ward }] }),
      leader: await officerSession(base, admin, { username: 'bench.lanhdao', fullName: 'Phạm Văn Duyệt', unitId: ward, roles: [{ role: 'leader', unitId: ward }] }),
    };
    const signStart = performance.now();
    const codes: string[] = [];
    for (let i = 0; i < SIGNED; i++) codes.push(await signThrough(base, people));
    log(`signed in ${((performance.now() - signStart) / 1000).toFixed(1)} s (intake, forward, approve, sign and a read each, one after another)`);

    const common: LoadOptions = { port, warmupMs: WARMUP_MS, durationMs: DURATION_MS, maxRequests: MAX_REQUESTS, responseTimeoutMs: 30_000, connections: CONNECTIONS, path: '/api/health', headers: { accept: 'application/json' } };
    let addressOffset = 0;
    const verifySamples = await runRounds<Target>(ROUNDS, ['health', 'verify'], async (target) => {
      if (target === 'health') return runLoad(common);
      const result = await runLoad({ ...common, paths: codes.map((c) => `/api/v1/public/verify/${c}`), vary: { name: 'x-forwarded-for', kind: 'ipv4', offset: addressOffset } });
      addressOffset += result.totalResponses + 1_000;
      return result;
    });

    // ------------------------------------------------------------ report
    console.log('');
    console.log('▸ PDFs: one at a time in this process (rendering is CPU-bound on one thread)');
    console.log('  bare: a one-page pdfkit document, same font, one line; receipt: form 01 with QR code; signed: a result document + PAdES signature (RSA 2048)');
    console.log('');
    printComparison(pdfSamples, ROUNDS, { target: 'bare', label: 'bare PDF' }, { target: 'receipt', label: 'receipt slip' }, { target: 'signed', label: 'signed result' });
    console.log('  (req/s here: PDFs per second)');
    console.log('');
    console.log(`▸ verification: GET /api/v1/public/verify/{code} over ${fmtInt(codes.length)} signed results, a client address of its own per request`);
    console.log(`  baseline: GET /api/health; ${CONNECTIONS} connections, ${WARMUP_MS / 1000} s warm-up + ${DURATION_MS / 1000} s, ${ROUNDS} rounds, alternating`);
    console.log('');
    printComparison(verifySamples, ROUNDS, { target: 'health', label: 'health' }, { target: 'verify', label: 'public verify' });
  },
};
