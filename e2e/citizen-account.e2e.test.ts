/**
 * Journey: on a 375 px phone, a citizen signs up on /dang-ky and lands signed
 * in on the account page, fills in the profile (ID number, birth date,
 * address), signs out from the header, and signs in again on /dang-nhap with
 * the code the server mailed to a real SMTP sink. The sign-up, sign-in and
 * account pages pass axe-core (WCAG 2.1 A/AA) and never scroll sideways.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSink } from '../test/smtp-sink.js';
import { axeViolations, browserJourney, PHONE, shot, type Journey } from './support.js';

const EMAIL = 'tran.thi.lan@example.vn';
const NAME = 'Trần Thị Lan';

async function accessible(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  const serious = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious).toEqual([]);
  const overflow = await page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, `citizen-${name}`);
}

describe('citizen account journey', () => {
  const sink = new SmtpSink();
  beforeAll(async () => {
    await sink.start();
  });
  const journey = browserJourney('citizen', { config: () => ({ notify: { smtpUrl: sink.url, mailFrom: 'Motcua <no-reply@motcua.example.vn>', sms: { kind: 'off' } } }) });
  afterAll(async () => sink.close());
  let server: Journey['server'];
  let page: Page;
  beforeAll(async () => {
    ({ server, page } = journey);
    await page.setViewportSize(PHONE);
  });

  it('signs up from the header link and lands signed in on the account page', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('navigation', { name: 'Tài khoản công dân' }).getByRole('link', { name: 'Đăng ký' }).click();
    await page.waitForURL('**/dang-ky');
    await page.getByRole('heading', { level: 1, name: 'Đăng ký tài khoản' }).waitFor();
    await accessible(page, 'sign-up');

    // Too short a password is caught on the page; a mismatch too.
    await page.getByLabel('Họ và tên').fill(NAME);
    await page.getByLabel('Địa chỉ thư điện tử').fill(EMAIL.toUpperCase());
    await page.getByLabel('Số điện thoại').fill('+84 912 345 678');
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('ngắn');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.getByText('Mật khẩu phải có ít nhất 8 ký tự.').waitFor();

    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('Sông Hồng chảy qua Hà Nội');
    await page.getByRole('textbox', { name: 'Nhập lại mật khẩu', exact: true }).fill('Sông Hồng chảy qua Hà Nội');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.waitForURL('**/tai-khoan');
    await page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' }).waitFor();
    expect(await page.getByTestId('citizen-name').textContent()).toBe(NAME);
    expect(await page.getByLabel('Địa chỉ thư điện tử').inputValue()).toBe(EMAIL);
    expect(await page.getByLabel('Số điện thoại').inputValue()).toBe('0912345678');
    await accessible(page, 'account');
  });

  it('edits the profile, which is kept', async () => {
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('001190000123');
    await page.getByLabel('Ngày sinh').fill('1990-05-17');
    await page.getByLabel('Địa chỉ thường trú').fill('Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội');
    await page.getByRole('button', { name: 'Lưu thông tin' }).click();
    await expect.poll(() => page.getByTestId('account-notice').textContent()).toBe('Đã lưu thông tin cá nhân.');

    // A birth year that does not match the ID number is refused by the server, in words.
    await page.getByLabel('Ngày sinh').fill('1985-05-17');
    await page.getByRole('button', { name: 'Lưu thông tin' }).click();
    await page.getByTestId('error-alert').waitFor();
    expect(await page.getByTestId('error-alert').textContent()).toMatch(/định danh/i);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' }).waitFor();
    expect(await page.getByLabel('Số định danh cá nhân (CCCD)').inputValue()).toBe('001190000123');
    expect(await page.getByLabel('Ngày sinh').inputValue()).toBe('1990-05-17');
    expect(await page.getByLabel('Địa chỉ thường trú').inputValue()).toBe('Số 12 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội');
  });

  it('signs out from the header', async () => {
    await page.getByRole('navigation', { name: 'Tài khoản công dân' }).getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('navigation', { name: 'Tài khoản công dân' }).getByRole('link', { name: 'Đăng nhập' }).waitFor();
    await page.goto(`${server.url}/tai-khoan`);
    await page.waitForURL('**/dang-nhap?returnTo=%2Ftai-khoan');
  });

  it('signs in again with the code sent by e-mail', async () => {
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await accessible(page, 'sign-in');
    await page.getByRole('tab', { name: 'Mã qua thư điện tử' }).click();
    await page.getByLabel('Địa chỉ thư điện tử').fill(EMAIL);
    await page.getByRole('button', { name: 'Gửi mã' }).click();
    await page.getByTestId('code-sent').waitFor();
    await accessible(page, 'sign-in-code');
    const code = sink.lastCode(EMAIL);
    expect(sink.to(EMAIL)[0]?.mail.subject).toBe('Mã đăng nhập Cổng dịch vụ công Motcua');

    await page.getByLabel('Mã xác thực (6 chữ số)').fill(code);
    await page.getByRole('button', { name: 'Đăng nhập bằng mã' }).click();
    await page.waitForURL((url) => url.pathname === '/tai-khoan');
    await page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' }).waitFor();
    expect(await page.getByTestId('citizen-name').textContent()).toBe(NAME);
    expect(await page.getByLabel('Số định danh cá nhân (CCCD)').inputValue()).toBe('001190000123');
  });
});
