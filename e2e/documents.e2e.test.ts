/**
 * Journey: a birth registration (starter catalog "1.001193" Đăng ký khai
 * sinh) from the desk to a digitally signed result. The admin uploads the
 * ward's signing certificate — the test certificate `npm run demo` makes —
 * on the certificates page; the receptionist receives the dossier and marks
 * its scanned declaration as digitised; the specialist forwards it; the
 * leader approves and signs, typing what the birth extract states; the desk
 * returns it, which issues the congratulation letter. Both PDFs are
 * downloaded from the dossier page: pdfsig finds the result's signature valid
 * over the whole document, pdftotext finds the child's name with its
 * diacritics. A visitor on a phone opens the result's verification link,
 * which says who issued it, and checks the downloaded file (and a tampered
 * one) against it; the page passes axe-core against WCAG 2.1 AA.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestCertificate } from '../server/modules/documents/signing/index.js';
import { adminClient } from '../test/harness.js';
import { pdfsig, pdfText } from '../test/pdf.js';
import { createCounter, createUnit, officer, type Officer } from '../test/staff.js';
import { axeViolations, browserJourney, PHONE, shot, staffPages, type Journey } from './support.js';

const UNIT = { code: 'P-PT', name: 'Ủy ban nhân dân phường Phú Thượng' };
const APPLICANT = { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '001190012345', birthDate: '1990-05-17', address: 'Số 8 ngõ 40 phố Phú Thượng' };
/** What the birth extract asks the leader: the field, its label in the dialog, the value typed. */
const CHILD: [field: string, label: string, value: string][] = [
  ['child.fullName', 'Họ, chữ đệm, tên của trẻ', 'Trần Gia Bảo Ngọc'],
  ['child.birthDate', 'Ngày, tháng, năm sinh của trẻ', '02/11/2026'],
  ['child.gender', 'Giới tính', 'Nữ'],
  ['child.birthPlace', 'Nơi sinh', 'Bệnh viện Phụ sản Hà Nội'],
  ['parents.names', 'Họ, chữ đệm, tên cha, mẹ', 'Trần Văn Hùng và Nguyễn Thị Hồng Nhung'],
];

function scanPdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('To khai dang ky khai sinh (ban quet)');
    doc.end();
  });
}

async function bytesOf(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFileSync(path);
}

describe('documents journey', () => {
  const journey = browserJourney('documents');
  let server: Journey['server'];
  let page: Page;
  let admin: Awaited<ReturnType<typeof adminClient>>;
  let wardId = '';
  let reception: Officer;
  let specialist: Officer;
  let leader: Officer;
  let code = '';
  let result = Buffer.alloc(0) as Buffer;
  let verifyHref = '';

  beforeAll(async () => {
    ({ server, page } = journey);
    const t = server.testApp;
    admin = await adminClient(t);
    const units = (await admin.request('GET', '/api/v1/org/units')).json() as { items: { id: string; parentId: string | null }[] };
    const root = units.items.find((u) => u.parentId === null);
    if (!root) throw new Error('no root unit');
    wardId = (await createUnit(admin, { ...UNIT, kind: 'ward', parentId: root.id, address: 'Số 2 đường Phú Thượng' })).id;
    await createCounter(admin, wardId, 'Q1');
    reception = await officer(t, admin, 'Trần Văn Tiếp', wardId, [{ role: 'receptionist', unitId: wardId }]);
    specialist = await officer(t, admin, 'Lê Thị Thẩm', wardId, [{ role: 'specialist', unitId: wardId }]);
    leader = await officer(t, admin, 'Phạm Văn Duyệt', wardId, [{ role: 'leader', unitId: wardId }]);
  });

  const pages = staffPages(journey);
  const { signInAs, act } = pages;
  const openDossier = () => pages.openDossier(code);

  it('lets the admin upload the ward’s signing certificate', async () => {
    const cert = makeTestCertificate({ commonName: `${UNIT.name} (demo, tự ký)`, organization: UNIT.name, validFrom: new Date(server.clock.now().getTime() - 86_400_000), validDays: 730 });
    await signInAs({ username: server.admin.username, password: server.admin.password, totpSecret: admin.totpSecret });
    await page.getByRole('link', { name: 'Chứng thư số' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chứng thư số của đơn vị' }).waitFor();
    await page.getByRole('combobox', { name: 'Đơn vị' }).click();
    await page.getByRole('option', { name: /Phú Thượng/ }).click();
    await page.getByTestId('certificate-file-input').setInputFiles({ name: 'phu-thuong.p12', mimeType: 'application/x-pkcs12', buffer: cert.p12 });
    await page.getByLabel('Mật khẩu của chứng thư số').fill(cert.password);
    await page.getByLabel('Họ và tên người ký').fill('Phạm Văn Duyệt');
    await page.getByLabel('Chức danh người ký').fill('Chủ tịch');
    await page.getByRole('button', { name: 'Tải lên' }).click();
    await page.getByTestId('certificate-notice').waitFor();
    await page.locator('[data-testid="certificates-table"] [data-active="true"]').first().waitFor();
    await shot(page, 'certificates');
  });

  it('receives a birth registration at the desk and marks the scanned declaration as digitised', async () => {
    await signInAs(reception);
    await page.getByRole('navigation', { name: 'Điều hướng khu làm việc' }).getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ tại quầy' }).waitFor();
    await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).focus();
    await page.keyboard.type('dang ky khai sinh');
    await page.locator('[role="option"][data-combobox-selected]', { hasText: /^1\.001193 / }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByLabel('Họ và tên').fill(APPLICANT.fullName);
    await page.getByLabel('Số định danh cá nhân (CCCD, 12 số)').fill(APPLICANT.idNumber);
    await page.getByLabel('Ngày sinh').fill(APPLICANT.birthDate);
    await page.getByLabel('Địa chỉ').fill(APPLICANT.address);
    const documents = page.getByTestId('intake-documents');
    await documents.getByRole('checkbox', { name: /Tờ khai đăng ký khai sinh/ }).check();
    await documents.getByRole('checkbox', { name: /Giấy chứng sinh/ }).check();
    await page.getByLabel('Ghi chú').focus();
    await page.keyboard.press('Control+Enter');
    const heading = page.getByRole('heading', { level: 1, name: /^Đã tiếp nhận hồ sơ / });
    await heading.waitFor();
    code = ((await heading.textContent()) ?? '').replace('Đã tiếp nhận hồ sơ ', '').trim();
    expect(code).toMatch(/^P-PT-\d{6}-\d{4}$/);

    // The scan of the declaration, attached through the API as the scanner would; then the checkbox on the page.
    const scan = await reception.request('POST', `/api/v1/dossiers/${code}/files?document=0`, await scanPdf(), { 'content-type': 'application/pdf', 'x-file-name': 'to-khai.pdf' });
    expect(scan.status).toBe(201);
    await openDossier();
    await page.getByRole('checkbox', { name: /^Đã số hóa: Tờ khai đăng ký khai sinh/ }).check();
    await expect.poll(async () => ((await reception.request('GET', `/api/v1/dossiers/${code}`)).json() as { documents: { digitised: boolean }[] }).documents.map((d) => d.digitised), { timeout: 10_000 }).toEqual([true, false, false]);
    // No scan of the birth certificate yet: its checkbox cannot be ticked.
    expect(await page.getByTestId('digitised-1').isDisabled()).toBe(true);
  });

  it('lets the leader sign the birth extract with what it states, after the specialist forwards it', async () => {
    await signInAs(specialist);
    await openDossier();
    await act('Chuyển bước tiếp');

    await signInAs(leader);
    await openDossier();
    await act('Phê duyệt');
    await act('Ký số, đóng dấu', async (dialog) => {
      for (const [field, label, value] of CHILD) {
        const input = dialog.getByRole('textbox', { name: label });
        expect(await input.getAttribute('data-field')).toBe(field);
        await input.fill(value);
      }
    });
    const item = page.locator('[data-testid="generated-documents"] [data-kind="result"]');
    await item.waitFor();
    expect(await item.getAttribute('data-signed')).toBe('true');
    await shot(page, 'signed');
  });

  it('issues the congratulation letter when the desk returns the result; both PDFs download from the dossier page', async () => {
    await signInAs(reception);
    await openDossier();
    await act('Trả kết quả');
    const letter = page.locator('[data-testid="generated-documents"] [data-kind="congratulation"]');
    await letter.waitFor();

    const resultItem = page.locator('[data-testid="generated-documents"] [data-kind="result"]');
    const [resultDownload] = await Promise.all([page.waitForEvent('download'), resultItem.getByTestId('document-download').click()]);
    result = await bytesOf(resultDownload);
    const sig = await pdfsig(result);
    expect(sig).toContain('Signature is Valid');
    expect(sig).toContain('Total document signed');
    const resultText = await pdfText(result);
    for (const s of ['TRÍCH LỤC KHAI SINH', 'Trần Gia Bảo Ngọc', 'Bệnh viện Phụ sản Hà Nội', 'Phạm Văn Duyệt']) expect(resultText).toContain(s);

    const [letterDownload] = await Promise.all([page.waitForEvent('download'), letter.getByTestId('document-download').click()]);
    const letterText = await pdfText(await bytesOf(letterDownload));
    for (const s of ['THƯ CHÚC MỪNG', 'Trần Gia Bảo Ngọc', 'Trần Văn Hùng và Nguyễn Thị Hồng Nhung']) expect(letterText).toContain(s);

    verifyHref = (await resultItem.getByTestId('verification-link').getAttribute('href')) ?? '';
    expect(verifyHref).toMatch(/^\/verify\/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await shot(page, 'returned-with-documents');
  });

  it('shows a visitor on a phone that the result is genuine, and tells the downloaded copy from a tampered one', async () => {
    const context = await journey.browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const visitor = await context.newPage();
    try {
      await visitor.goto(`${server.url}${verifyHref}`);
      await visitor.getByTestId('verify-genuine').waitFor();
      const facts = (await visitor.getByTestId('verify-result').textContent()) ?? '';
      expect(facts).toContain(code);
      expect(facts).toContain(UNIT.name);
      expect(facts).toContain('Phạm Văn Duyệt');
      expect(facts).not.toContain(APPLICANT.fullName);
      expect(await axeViolations(visitor)).toEqual([]);

      await visitor.getByTestId('verify-file-input').setInputFiles({ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: result });
      await visitor.getByRole('button', { name: 'Đối chiếu tệp' }).click();
      await visitor.getByTestId('verify-matches').waitFor();
      await shot(visitor, 'verify-matches');

      const tampered = Buffer.from(result);
      const at = tampered.indexOf('/Producer');
      tampered[at + 2] = (tampered[at + 2] ?? 0) ^ 0x20;
      await visitor.getByTestId('verify-file-input').setInputFiles({ name: 'ket-qua-sua.pdf', mimeType: 'application/pdf', buffer: tampered });
      await visitor.getByRole('button', { name: 'Đối chiếu tệp' }).click();
      await visitor.getByTestId('verify-differs').waitFor();
      expect(await axeViolations(visitor)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
