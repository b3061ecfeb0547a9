/**
 * Journey: one dossier of a real starter-catalog procedure ("1.000893" Cấp
 * Giấy xác nhận tình trạng hôn nhân, 3 working days) from desk intake to the
 * returned result, through the receptionist, the specialist and the leader,
 * with one supplementation round-trip; the citizen follows it on a phone with
 * the code and secret from the receipt's QR link. A second dossier runs late
 * on a moved clock: one working day before its due date the leader issues
 * the apology and extension (after a 409 from a colleague acting first);
 * beyond the new date it shows overdue. The intake and lookup pages pass
 * axe-core against WCAG 2.1 AA.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dossier, IntakeResult } from '../contracts/dossiers.js';
import { adminClient } from '../test/harness.js';
import { oneStopTeam, type Officer } from '../test/staff.js';
import { axeViolations, browserJourney, PHONE, shot, staffPages, type Journey } from './support.js';

const PROCEDURE = { code: '1.000893', name: 'Cấp Giấy xác nhận tình trạng hôn nhân' };
const UNIT = { code: 'X-HB', name: 'Ủy ban nhân dân xã Hòa Bình' };
const APPLICANT = { fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '001190012345', birthDate: '1990-05-17', address: 'Thôn Đông, xã Hòa Bình' };
// Tuesday 1 Dec 2026, 09:00 in Hà Nội: a plain working day, far from holidays.
const START = Date.parse('2026-12-01T02:00:00Z');
const DAY = 86_400_000;

describe('dossier lifecycle journey', () => {
  const journey = browserJourney('dossiers');
  let server: Journey['server'];
  let browser: Browser;
  let page: Page;
  let reception: Officer;
  let specialist: Officer;
  let leader: Officer;

  beforeAll(async () => {
    ({ server, browser, page } = journey);
    const t = server.testApp;
    server.clock.advance(START - server.clock.now().getTime());
    const admin = await adminClient(t);
    ({ reception, specialist, leader } = await oneStopTeam(t, admin, { ...UNIT, kind: 'commune', address: 'Thôn Trung, xã Hòa Bình' }));
  });

  const { signInAs, openDossier, act } = staffPages(journey);

  async function expectStatus(expected: string): Promise<void> {
    await expect.poll(() => page.locator('[data-status]').first().getAttribute('data-status'), { timeout: 10_000 }).toBe(expected);
  }

  let code = '';
  let secret = '';

  it('receives a dossier at the desk from the keyboard and prints the receipt with the lookup QR code', async () => {
    await signInAs(reception);
    await page.getByRole('navigation', { name: 'Điều hướng khu làm việc' }).getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ tại quầy' }).waitFor();
    const picker = page.getByRole('combobox', { name: 'Thủ tục hành chính' });
    // The procedure picker has the focus: type, pick with the keyboard.
    await expect.poll(() => picker.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement), { timeout: 10_000 }).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.type('xac nhan tinh trang hon nhan');
    // The server's answer to what was typed replaces the list, its first line highlighted: Enter takes it.
    await page.locator('[role="option"][data-combobox-selected]', { hasText: /^1\.000893 / }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => picker.inputValue(), { timeout: 10_000 }).toContain(PROCEDURE.name);
    // Tab goes on to the counter, which defaults to the unit's first one.
    await page.keyboard.press('Tab');
    const counter = page.getByRole('combobox', { name: 'Quầy tiếp nhận' });
    expect(await counter.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement)).toBe(true);
    expect(await counter.inputValue()).toBe('Q1');

    await page.getByLabel('Họ và tên').fill(APPLICANT.fullName);
    await page.getByLabel('Số định danh cá nhân (CCCD, 12 số)').fill(APPLICANT.idNumber);
    await page.getByLabel('Ngày sinh').fill(APPLICANT.birthDate);
    await page.getByLabel('Địa chỉ').fill(APPLICANT.address);
    await page.getByLabel('Điện thoại').fill('0912 345 678');
    const documents = page.getByTestId('intake-documents');
    await documents.waitFor();
    // Nothing ticked yet: the mandatory declaration is listed as missing.
    expect(await page.getByTestId('intake-missing').textContent()).toContain('Tờ khai cấp Giấy xác nhận tình trạng hôn nhân');
    await documents.getByRole('checkbox', { name: /Tờ khai cấp Giấy xác nhận/ }).check();
    expect(await page.getByTestId('intake-missing').count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Người cao tuổi' }).check();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'intake-form');

    // Ctrl+Enter accepts.
    await page.getByLabel('Ghi chú').focus();
    await page.keyboard.press('Control+Enter');
    const heading = page.getByRole('heading', { level: 1, name: /^Đã tiếp nhận hồ sơ / });
    await heading.waitFor();
    code = ((await heading.textContent()) ?? '').replace('Đã tiếp nhận hồ sơ ', '').trim();
    expect(code).toMatch(/^X-HB-011226-\d{4}$/);
    const receipt = page.getByTestId('receipt-slip');
    expect(await receipt.textContent()).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(await receipt.textContent()).toContain('Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    expect(await receipt.textContent()).toContain(APPLICANT.fullName);
    expect(await receipt.textContent()).toContain('Thời gian hẹn trả kết quả');
    secret = ((await page.getByTestId('lookup-secret').textContent()) ?? '').trim();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    expect(await receipt.getByRole('img', { name: 'Mã QR mở trang tra cứu hồ sơ' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'In' }).isVisible()).toBe(true);
    await shot(page, 'intake-receipt');

    // "New dossier" gives an empty form again.
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ tại quầy' }).waitFor();
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('');
  });

  it('lets the specialist find the dossier and request supplementation once, completely', async () => {
    await signInAs(specialist);
    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ' }).waitFor();
    await page.getByRole('tab', { name: /^Của đơn vị/ }).click();
    // Search by the applicant's name typed without diacritics.
    await page.getByRole('searchbox', { name: 'Tìm hồ sơ' }).fill('nguyen thi hong nhung');
    const row = page.locator(`tr[data-dossier-code="${code}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Thẩm định');
    await shot(page, 'inbox');
    await row.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    expect(await page.getByTestId('dossier-history').textContent()).toContain('Tiếp nhận hồ sơ');

    await act('Yêu cầu bổ sung', async (dialog) => {
      await dialog.getByLabel('Nội dung cần bổ sung').fill('Bản sao Giấy chứng nhận kết hôn trước đây\nẢnh chân dung 4x6');
    });
    await expectStatus('supplement_requested');
    expect(await page.getByTestId('supplement-missing').textContent()).toContain('Ảnh chân dung 4x6');
    // Only once: the action is gone.
    expect(await page.getByTestId('dossier-action-buttons').getByRole('button', { name: 'Yêu cầu bổ sung' }).count()).toBe(0);
    await shot(page, 'supplement-requested');
  });

  it('shows the citizen what is missing on a phone, from the receipt’s link, and clears the secret from the address', async () => {
    const phone = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const citizen = await phone.newPage();
    try {
      await citizen.goto(`${server.url}/tra-cuu#code=${encodeURIComponent(code)}&secret=${encodeURIComponent(secret)}`);
      const result = citizen.getByTestId('lookup-result');
      await result.waitFor();
      expect(new URL(citizen.url()).hash).toBe('');
      expect(await citizen.getByLabel('Mã hồ sơ').inputValue()).toBe(code);
      expect(await result.textContent()).toContain(PROCEDURE.name);
      expect(await result.textContent()).toContain('Chờ bổ sung');
      expect(await citizen.getByTestId('lookup-missing').textContent()).toContain('Ảnh chân dung 4x6');
      expect(await result.textContent()).not.toContain(APPLICANT.idNumber);
      expect(await axeViolations(citizen)).toEqual([]);
      const overflow = await citizen.evaluate(() => {
        const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(citizen, 'lookup-phone');

      // A wrong secret gets a clear message, the same as a wrong code.
      await citizen.getByLabel('Mã tra cứu').fill('AAAAA-BBBBB-CCCCC');
      await citizen.getByRole('button', { name: 'Tra cứu' }).click();
      await citizen.getByTestId('lookup-error').waitFor();
      expect(await citizen.getByTestId('lookup-error').textContent()).toContain('Không tìm thấy hồ sơ');
      expect(await axeViolations(citizen)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('records the supplement at the desk; the specialist forwards it', async () => {
    await signInAs(reception);
    await openDossier(code);
    await act('Nhận hồ sơ bổ sung', async (dialog) => {
      await dialog.getByLabel('Ghi chú').fill('Đã nhận đủ giấy tờ bổ sung');
    });
    await expectStatus('processing');

    await signInAs(specialist);
    await openDossier(code);
    await act('Chuyển bước tiếp', async (dialog) => {
      await dialog.getByLabel('Đề xuất').selectOption('approved');
    });
    await expect.poll(() => page.getByTestId('dossier-facts').textContent(), { timeout: 10_000 }).toContain('Phê duyệt');
  });

  it('lets the leader approve and sign, and the desk return the result', async () => {
    await signInAs(leader);
    await openDossier(code);
    await act('Phê duyệt');
    await expect.poll(() => page.getByTestId('dossier-facts').textContent(), { timeout: 10_000 }).toContain('Ký số, đóng dấu');
    await act('Ký số, đóng dấu');
    await expect.poll(() => page.getByTestId('dossier-facts').textContent(), { timeout: 10_000 }).toContain('Trả kết quả');

    await signInAs(reception);
    await openDossier(code);
    await act('Trả kết quả', async (dialog) => {
      expect(await dialog.getByLabel('Người nhận kết quả').inputValue()).toBe(APPLICANT.fullName);
    });
    await expectStatus('returned');
    expect(await page.getByTestId('dossier-action-buttons').count()).toBe(0);
    await shot(page, 'returned');

    // The processing control slip: a row per hand-over.
    await page.getByRole('link', { name: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' }).click();
    // Intake, supplement asked and received, forward, approve, sign, return.
    await page.getByTestId('control-rows').locator('tbody tr').nth(6).waitFor();
    const text = (await page.getByTestId('control-slip').textContent()) ?? '';
    for (const step of ['Tiếp nhận hồ sơ', 'Yêu cầu bổ sung', 'Nhận hồ sơ bổ sung', 'Phê duyệt', 'Trả kết quả']) expect(text).toContain(step);
    await shot(page, 'control-slip');
  });

  it('issues an apology and a new date one working day before the due date, then shows the dossier overdue', async () => {
    // A second dossier, received now through the API.
    const intake = await reception.request(
      'POST',
      '/api/v1/dossiers',
      {
        procedureCode: PROCEDURE.code,
        counterCode: 'Q1',
        applicant: { kind: 'person', ...APPLICANT, fullName: 'Đỗ Văn Muộn', idNumber: '001085054321', birthDate: '1985-02-03' },
        documents: [
          { index: 0, received: true, form: 'original', count: 1 },
          { index: 1, received: true, form: 'original', count: 1 },
        ],
        outcome: 'accepted',
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(intake.status).toBe(201);
    const late = (intake.json() as IntakeResult).dossier;
    if (!late.dueAt) throw new Error('no due date');

    // Two working days on: one working day (and a half hour) is left before the due date.
    const due2 = (await reception.request('GET', `/api/v1/calendar/${UNIT.code}/due?start=${encodeURIComponent(late.receivedAt)}&days=2`)).json() as { due: string };
    server.clock.advance(Date.parse(due2.due) - 30 * 60_000 - server.clock.now().getTime());

    await signInAs(leader);
    await openDossier(late.code);
    expect(await page.getByTestId('overdue-badge').count()).toBe(0);

    // A colleague acts first: the leader's form is stale and gets a clear 409 message, then the fresh dossier.
    const stale = (await specialist.request('GET', `/api/v1/dossiers/${late.code}`)).json() as Dossier;
    expect((await specialist.request('POST', `/api/v1/dossiers/${late.code}/actions/forward`, { version: stale.version, note: 'Đề nghị phê duyệt' })).status).toBe(200);
    const newDate = new Date(Date.parse(late.dueAt) + 7 * DAY + 7 * 3_600_000).toISOString().slice(0, 10);
    const fillExtension = async (dialog: ReturnType<Page['getByRole']>) => {
      await dialog.getByLabel('Lý do').fill('Cần xác minh tình trạng hôn nhân tại nơi cư trú trước đây');
      await dialog.getByLabel('Ngày hẹn trả mới').fill(newDate);
    };
    await page.getByTestId('dossier-action-buttons').getByRole('button', { name: 'Xin lỗi và hẹn lại ngày trả' }).click();
    const dialog = page.getByRole('dialog', { name: 'Xin lỗi và hẹn lại ngày trả' });
    await fillExtension(dialog);
    await dialog.getByRole('button', { name: 'Xin lỗi và hẹn lại ngày trả' }).click();
    await page.getByTestId('version-conflict').waitFor();
    expect(await page.getByTestId('version-conflict').textContent()).toContain('người khác');
    await expect.poll(() => page.getByTestId('dossier-facts').textContent(), { timeout: 10_000 }).toContain('Phê duyệt');
    await shot(page, 'version-conflict');

    await act('Xin lỗi và hẹn lại ngày trả', fillExtension);
    await expect.poll(() => page.getByTestId('dossier-facts').textContent(), { timeout: 10_000 }).toContain('Hạn ban đầu');
    await page.getByRole('link', { name: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả' }).click();
    const apology = page.getByTestId('apology-slip');
    await apology.waitFor();
    expect(await apology.textContent()).toContain('Cần xác minh tình trạng hôn nhân');
    expect(await apology.textContent()).toContain('xin lỗi');
    await shot(page, 'apology');

    // Beyond the new date the dossier is overdue.
    const extended = (await leader.request('GET', `/api/v1/dossiers/${late.code}`)).json() as Dossier;
    if (!extended.dueAt) throw new Error('no due date');
    server.clock.advance(Date.parse(extended.dueAt) + DAY - server.clock.now().getTime());
    await signInAs(leader);
    await openDossier(late.code);
    await page.getByTestId('overdue-badge').waitFor();
    await page.goto(`${server.url}/staff/dossiers?view=overdue`);
    await page.locator(`tr[data-dossier-code="${late.code}"]`).getByTestId('overdue-badge').waitFor();
    expect(await page.getByRole('tab', { name: /^Quá hạn/ }).textContent()).toMatch(/\(\d+\)/);
    await shot(page, 'overdue');
  });
});
