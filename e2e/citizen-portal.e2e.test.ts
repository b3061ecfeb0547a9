/**
 * Journey: a new citizen applies online for a `full`-level procedure of the
 * starter catalog ("1.000893" Cấp Giấy xác nhận tình trạng hôn nhân) and
 * follows it to the downloaded result, on a 375 px phone. From the
 * procedure's page the citizen is sent to sign in, signs up instead and comes
 * back to the application form, pre-filled from the account; completes the
 * applicant; uploads the declaration (a PDF, over a connection that drops
 * once: the upload resumes) and a photo (a JPEG the browser encodes), after a
 * refused text file; the draft is listed under My dossiers' drafts and
 * resumed from there, and a save that meets a change made in another tab
 * asks before overwriting it; the review shows the fee; a double click
 * submits once. The receptionist accepts it from the inbox's
 * "waiting for acceptance" tab, and the "received" e-mail reaches the SMTP
 * sink; the specialist asks for supplementation, which the citizen answers
 * online from My dossiers (the clock restarts: the dossier is processing
 * again); the specialist forwards, the leader approves and signs, the
 * receptionist returns it online; the result e-mail arrives; the citizen
 * downloads the signed PDF (pdfsig: valid over the whole document) and rates
 * the service. Every citizen page passes axe-core (WCAG 2.1 AA, no serious or
 * critical violation) and never scrolls sideways.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import PDFDocument from 'pdfkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, clientOf } from '../test/harness.js';
import { deliverPendingNotices } from '../test/notices.js';
import { pdfsig } from '../test/pdf.js';
import { SmtpSink } from '../test/smtp-sink.js';
import { oneStopTeam, type Officer } from '../test/staff.js';
import { axeViolations, browserJourney, PHONE, shot, staffPages, type Journey } from './support.js';

const PROCEDURE = { code: '1.000893', name: 'Cấp Giấy xác nhận tình trạng hôn nhân' };
const UNIT = { code: 'P-TL', name: 'Ủy ban nhân dân phường Tây Hồ' };
const CITIZEN = {
  fullName: 'Nguyễn Thị Hồng Nhung',
  email: 'nhung.truc.tuyen@example.vn',
  password: 'Hoa sen nở giữa hồ Tây 2026',
  idNumber: '001190012345',
  birthDate: '1990-05-17',
  address: 'Số 8 ngõ 40 phố Xuân Diệu, Tây Hồ, Hà Nội',
};
// Tuesday 1 Dec 2026, 09:00 in Hà Nội: a plain working day, far from holidays.
const START = Date.parse('2026-12-01T02:00:00Z');
const SERIOUS = new Set(['serious', 'critical']);

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

/** A real JPEG: a photo-sized canvas the browser encodes. */
async function jpegFrom(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { createElement: (tag: 'canvas') => { width: number; height: number; getContext: (k: '2d') => { fillStyle: string; fillRect: (...n: number[]) => void } | null; toDataURL: (type: string, q: number) => string } } }).document;
    const canvas = doc.createElement('canvas');
    canvas.width = 120;
    canvas.height = 160;
    const g = canvas.getContext('2d');
    if (g) {
      g.fillStyle = '#dfe7f2';
      g.fillRect(0, 0, 120, 160);
      g.fillStyle = '#3b5b8c';
      g.fillRect(30, 30, 60, 70);
    }
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1] ?? '';
  });
  return Buffer.from(base64, 'base64');
}

async function expectAccessible(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  const violations = (await axeViolations(page)).filter((v) => v.impact !== null && SERIOUS.has(v.impact));
  expect(violations).toEqual([]);
  const overflow = await page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('citizen portal journey', () => {
  const sink = new SmtpSink();
  const journey = browserJourney('citizen-portal', {
    config: async () => {
      await sink.start();
      return { notify: { smtpUrl: sink.url, mailFrom: 'Motcua <no-reply@motcua.example.vn>', sms: { kind: 'off' } } };
    },
  });
  let server: Journey['server'];
  let page: Page;
  let phone: BrowserContext;
  let citizen: Page;
  let reception: Officer;
  let specialist: Officer;
  let leader: Officer;
  let code = '';

  beforeAll(async () => {
    ({ server, page } = journey);
    const t = server.testApp;
    server.clock.advance(START - server.clock.now().getTime());
    const admin = await adminClient(t);
    ({ reception, specialist, leader } = await oneStopTeam(t, admin, { ...UNIT, kind: 'ward', address: 'Số 657 Lạc Long Quân, Tây Hồ' }));
    phone = await journey.browser.newContext({ viewport: PHONE, locale: 'vi-VN', acceptDownloads: true });
    citizen = await phone.newPage();
    citizen.setDefaultTimeout(15_000);
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(citizen, `citizen-portal-failed-phone-${ctx.task.name.slice(0, 40)}`);
  });

  afterAll(async () => {
    await phone.close();
    await sink.close();
  });

  const { signInAs, openDossier, act } = staffPages(journey);

  /** The citizen's own API view, with the browser's portal cookie. */
  async function asCitizen() {
    const cookie = (await phone.cookies()).find((c) => c.name.endsWith('motcua_citizen'));
    if (!cookie) throw new Error('no portal session in the browser');
    return clientOf(server.testApp, `${cookie.name}=${cookie.value}`, '');
  }

  async function expectStaffStatus(expected: string): Promise<void> {
    await expect.poll(() => page.locator('[data-status]').first().getAttribute('data-status'), { timeout: 10_000 }).toBe(expected);
  }

  it('sends a visitor from the procedure page to sign in, and back to the form after signing up', async () => {
    await citizen.goto(`${server.url}/thu-tuc/${PROCEDURE.code}`);
    await citizen.getByRole('heading', { level: 1, name: PROCEDURE.name }).waitFor();
    await citizen.getByTestId('apply-online').click();
    await citizen.waitForURL((url) => url.pathname === '/dang-nhap');
    expect(new URL(citizen.url()).searchParams.get('returnTo')).toBe(`/nop-truc-tuyen/${PROCEDURE.code}`);
    await citizen.getByRole('main').getByRole('link', { name: 'Đăng ký tài khoản' }).click();
    await citizen.waitForURL((url) => url.pathname === '/dang-ky');
    await citizen.getByLabel('Họ và tên').fill(CITIZEN.fullName);
    await citizen.getByLabel('Địa chỉ thư điện tử').fill(CITIZEN.email);
    await citizen.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(CITIZEN.password);
    await citizen.getByRole('textbox', { name: 'Nhập lại mật khẩu', exact: true }).fill(CITIZEN.password);
    await citizen.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await citizen.waitForURL((url) => url.pathname === `/nop-truc-tuyen/${PROCEDURE.code}`);
    await citizen.getByRole('heading', { level: 1, name: PROCEDURE.name }).waitFor();
  });

  it('pre-fills the applicant from the account and saves the draft when the citizen goes on', async () => {
    expect(await citizen.getByLabel('Họ và tên').inputValue()).toBe(CITIZEN.fullName);
    expect(await citizen.getByLabel('Thư điện tử').inputValue()).toBe(CITIZEN.email);
    // The ward is the only unit taking the procedure: already chosen.
    expect(await citizen.getByTestId('unit-select').inputValue()).toBe(UNIT.code);
    await expectAccessible(citizen);

    // Going on with the ID number missing is stopped, with the field marked.
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    await citizen.getByTestId('step-problem').waitFor();
    expect(await citizen.getByLabel('Số định danh cá nhân (CCCD, 12 số)').getAttribute('aria-invalid')).toBe('true');
    // The draft was saved all the same.
    await citizen.waitForURL((url) => url.searchParams.has('draft'));

    await citizen.getByLabel('Số định danh cá nhân (CCCD, 12 số)').fill(CITIZEN.idNumber);
    await citizen.getByLabel('Ngày sinh').fill(CITIZEN.birthDate);
    await citizen.getByLabel('Địa chỉ').fill(CITIZEN.address);
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    await citizen.getByRole('heading', { level: 2, name: 'Thành phần hồ sơ' }).waitFor();
    await shot(citizen, 'portal-applicant');
  });

  it('uploads the documents: a refused type is said at once, a dropped connection resumes, a photo goes too', async () => {
    const declaration = citizen.getByTestId('document-line-0');
    const photo = citizen.getByTestId('document-line-1');
    expect(await declaration.textContent()).toContain('Bắt buộc');

    await citizen.getByTestId('upload-input-0').setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải giấy tờ') });
    expect(await declaration.getByTestId('upload-error').textContent()).toContain('Chỉ nhận tệp PDF, JPG hoặc PNG');
    await declaration.getByRole('button', { name: 'Xóa tệp ghi-chu.txt' }).click();
    expect(await declaration.getByTestId('sending-file').count()).toBe(0);

    // The first chunk's connection is cut: the client asks the server where it stopped and goes on.
    let cut = 0;
    await citizen.route('**/api/v1/portal/uploads/*', async (route) => {
      if (route.request().method() === 'PATCH' && cut === 0) {
        cut += 1;
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    const declarationPdf = await pdf('To khai cap Giay xac nhan tinh trang hon nhan');
    await citizen.getByTestId('upload-input-0').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: declarationPdf });
    await declaration.locator('[data-testid="uploaded-file"][data-status="complete"]').waitFor();
    expect(cut).toBe(1);
    await citizen.unroute('**/api/v1/portal/uploads/*');
    expect(await declaration.getByTestId('uploaded-file').textContent()).toContain('to-khai.pdf');

    const jpeg = await jpegFrom(citizen);
    await citizen.getByTestId('upload-input-1').setInputFiles({ name: 'anh-cccd.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await photo.locator('[data-testid="uploaded-file"][data-status="complete"]').waitFor();
    await expectAccessible(citizen);
    await shot(citizen, 'portal-documents');
  });

  it('lists the draft under My dossiers and resumes it, and a change made elsewhere meanwhile is not overwritten unasked', async () => {
    await citizen.goto(`${server.url}/ho-so-cua-toi/nhap`);
    const draft = citizen.getByTestId('drafts').getByRole('listitem');
    await draft.waitFor();
    expect(await draft.count()).toBe(1);
    expect(await draft.textContent()).toContain(PROCEDURE.name);
    expect(await draft.textContent()).toContain('2 tệp');
    await expectAccessible(citizen);
    await draft.getByRole('link', { name: 'Tiếp tục soạn' }).click();
    await citizen.getByRole('heading', { level: 1, name: PROCEDURE.name }).waitFor();
    expect(await citizen.getByLabel('Địa chỉ').inputValue()).toBe(CITIZEN.address);
    const draftId = new URL(citizen.url()).searchParams.get('draft') ?? '';

    // Another tab saves the draft first.
    const api = await asCitizen();
    const csrf = ((await api.request('GET', '/api/v1/citizen/me')).json() as { csrfToken: string }).csrfToken;
    const other = clientOf(server.testApp, api.cookie, csrf);
    const stale = (await other.request('GET', `/api/v1/portal/drafts/${draftId}`)).json() as { version: number; applicant: Record<string, unknown> };
    const elsewhere = await other.request('PATCH', `/api/v1/portal/drafts/${draftId}`, { version: stale.version, applicant: { ...stale.applicant, phone: '0243 000 000' } });
    expect(elsewhere.status).toBe(200);

    await citizen.getByLabel('Điện thoại').fill('0912 345 678');
    await citizen.getByTestId('save-draft').click();
    const conflict = citizen.getByTestId('draft-conflict');
    await conflict.waitFor();
    await expectAccessible(citizen);
    await conflict.getByRole('button', { name: 'Giữ nội dung của tôi' }).click();
    await conflict.waitFor({ state: 'hidden' });
    await expect.poll(async () => ((await other.request('GET', `/api/v1/portal/drafts/${draftId}`)).json() as { applicant: { phone: string } }).applicant.phone).toBe('0912 345 678');
  });

  it('shows the fee on the review and submits once on a double click', async () => {
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    await citizen.getByTestId('document-line-1').getByTestId('uploaded-file').waitFor();
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    const review = citizen.getByTestId('application-review');
    await review.waitFor();
    expect(await review.textContent()).toContain(CITIZEN.idNumber);
    expect(await review.textContent()).toContain('to-khai.pdf');
    expect(await citizen.getByTestId('application-fees').textContent()).toContain('Lệ phí');
    await expectAccessible(citizen);
    await shot(citizen, 'portal-review');

    await citizen.getByTestId('submit-application').dblclick();
    const receipt = citizen.getByTestId('submit-receipt');
    await receipt.waitFor();
    code = ((await citizen.getByTestId('dossier-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^P-TL-011226-\d{4}$/);
    expect(((await citizen.getByTestId('lookup-secret').textContent()) ?? '').trim().length).toBeGreaterThanOrEqual(16);
    expect(await receipt.textContent()).toContain('mã chỉ hiện một lần');
    await expectAccessible(citizen);
    await shot(citizen, 'portal-receipt');

    const mine = (await (await asCitizen()).request('GET', '/api/v1/portal/dossiers')).json() as { total: number; items: { code: string; status: string }[] };
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({ code, status: 'pending_acceptance' });
  });

  it('lets the receptionist accept it from the inbox, and the citizen gets the “received” e-mail', async () => {
    await signInAs(reception);
    await page.goto(`${server.url}/staff/dossiers?view=acceptance`);
    const row = page.locator(`tr[data-dossier-code="${code}"]`);
    await row.waitFor();
    await row.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    await act('Tiếp nhận');
    await expectStaffStatus('processing');

    await deliverPendingNotices(server.testApp);
    const received = sink.to(CITIZEN.email).find((m) => m.mail.subject === `Hồ sơ ${code} đã được tiếp nhận`);
    expect(received?.mail.text).toContain(PROCEDURE.name);
  });

  it('shows the request for supplementation under My dossiers, answered online with an upload', async () => {
    await signInAs(specialist);
    await openDossier(code);
    await act('Yêu cầu bổ sung', async (dialog) => {
      await dialog.getByLabel('Nội dung cần bổ sung').fill('Ảnh chụp rõ hai mặt thẻ Căn cước');
    });
    await expectStaffStatus('supplement_requested');
    await deliverPendingNotices(server.testApp);
    expect(sink.to(CITIZEN.email).some((m) => m.mail.subject === `Hồ sơ ${code} cần bổ sung giấy tờ`)).toBe(true);

    await citizen.goto(`${server.url}/ho-so-cua-toi`);
    const card = citizen.locator(`[data-dossier-code="${code}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Chờ bổ sung');
    expect(await card.getByTestId('action-needed').isVisible()).toBe(true);
    await expectAccessible(citizen);
    await card.getByRole('link', { name: PROCEDURE.name }).click();
    await citizen.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    const supplement = citizen.getByTestId('supplement-section');
    expect(await supplement.getByTestId('supplement-missing').textContent()).toContain('Ảnh chụp rõ hai mặt thẻ Căn cước');
    expect(await citizen.getByTestId('send-supplement').isDisabled()).toBe(true);
    await supplement.getByTestId('upload-input-1').setInputFiles({ name: 'cccd-hai-mat.pdf', mimeType: 'application/pdf', buffer: await pdf('Anh chup hai mat the Can cuoc') });
    await supplement.locator('[data-testid="uploaded-file"][data-status="complete"]').waitFor();
    await expectAccessible(citizen);
    await shot(citizen, 'portal-supplement');
    const appointment = async () => ((await (await asCitizen()).request('GET', `/api/v1/portal/dossiers/${encodeURIComponent(code)}`)).json() as { appointmentAt: string }).appointmentAt;
    const before = await appointment();
    // The answer comes 20 minutes later: the settlement time restarts in full from then.
    server.clock.advance(20 * 60_000);
    await citizen.getByTestId('send-supplement').click();
    await citizen.getByTestId('supplement-received').waitFor();
    await expect.poll(() => citizen.locator('[data-status]').first().getAttribute('data-status')).toBe('processing');
    expect(Date.parse(await appointment())).toBeGreaterThan(Date.parse(before));
    expect(await citizen.getByTestId('my-dossier-documents').textContent()).toContain('cccd-hai-mat.pdf');
  });

  it('goes on at the ward: forwarded, approved and signed, returned online; the result e-mail arrives', async () => {
    await signInAs(specialist);
    await openDossier(code);
    // The answer reached the dossier: its files list the supplement.
    expect(await page.getByTestId('dossier-history').textContent()).toContain('Nhận hồ sơ bổ sung');
    await act('Chuyển bước tiếp', async (dialog) => {
      await dialog.getByLabel('Đề xuất').selectOption('approved');
    });
    await signInAs(leader);
    await openDossier(code);
    await act('Phê duyệt');
    await expect.poll(() => page.getByTestId('dossier-facts').textContent(), { timeout: 10_000 }).toContain('Ký số, đóng dấu');
    await act('Ký số, đóng dấu');
    await expect.poll(() => page.getByTestId('dossier-facts').textContent(), { timeout: 10_000 }).toContain('Trả kết quả');

    await signInAs(reception);
    await openDossier(code);
    await act('Trả kết quả', async (dialog) => {
      await dialog.getByLabel('Hình thức trả kết quả').selectOption('online');
    });
    await expectStaffStatus('returned');

    await deliverPendingNotices(server.testApp);
    const about = sink.to(CITIZEN.email).filter((m) => m.mail.subject?.includes(code));
    expect(about.length).toBeGreaterThanOrEqual(3);
    expect(about.some((m) => /kết quả/i.test(m.mail.subject ?? ''))).toBe(true);
  });

  it('lets the citizen download the signed result and rate the service', async () => {
    await citizen.goto(`${server.url}/ho-so-cua-toi/${encodeURIComponent(code)}`);
    await citizen.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    await expect.poll(() => citizen.locator('[data-status]').first().getAttribute('data-status')).toBe('returned');
    const timeline = (await citizen.getByTestId('my-dossier-timeline').textContent()) ?? '';
    for (const step of ['Tiếp nhận', 'Yêu cầu bổ sung', 'Nhận hồ sơ bổ sung', 'Phê duyệt', 'Trả kết quả']) expect(timeline).toContain(step);
    await expectAccessible(citizen);

    const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.getByTestId('result-download').click()]);
    const result = readFileSync(await download.path());
    const sig = await pdfsig(result);
    expect(sig).toContain('Signature is Valid');
    expect(sig).toContain('Total document signed');

    const form = citizen.getByTestId('rating-form');
    const criteria = form.locator('fieldset');
    expect(await criteria.count()).toBe(5);
    for (let i = 0; i < 5; i++) await criteria.nth(i).getByLabel('Rất hài lòng', { exact: true }).check();
    await form.getByLabel('Ý kiến khác (không bắt buộc)').fill('Nộp trực tuyến nhanh, không phải đi lại.');
    await expectAccessible(citizen);
    await form.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await citizen.getByTestId('rating-thanks').waitFor();
    await shot(citizen, 'portal-rated');

    const rating = (await reception.request('GET', `/api/v1/dossiers/${encodeURIComponent(code)}/rating`)).json() as { rating: { channel: string } | null };
    expect(rating.rating?.channel).toBe('online');
  });
});
