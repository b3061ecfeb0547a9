/**
 * Journey: the bootstrap administrator signs in for the first time, enrols
 * TOTP, creates a unit and a staff member, and switches language; the new
 * officer then signs in with the one-time password and must change it.
 * Public pages are checked with axe-core against WCAG 2.1 AA, on desktop and
 * on a 375 px phone.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserJourney, DESKTOP, PHONE, shot, totpNow, type Journey } from './support.js';


describe('administrator journey', () => {
  const journey = browserJourney('admin');
  let server: Journey['server'];
  let context: BrowserContext;
  let page: Page;
  beforeAll(() => {
    ({ server, context, page } = journey);
  });

  it('serves an accessible public home page in Vietnamese, on desktop and on a phone', async () => {
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Motcua');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('contentinfo').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'home-desktop');

    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } })
        .document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await expect.poll(() => page.getByRole('link', { name: 'Đăng nhập cán bộ' }).isVisible()).toBe(true);
    await shot(page, 'home-phone');
    await page.setViewportSize(DESKTOP);
  });

  it('has an accessible sign-in page that shows the server’s localised errors', async () => {
    await page.getByRole('link', { name: 'Đăng nhập cán bộ' }).click();
    await page.waitForURL('**/staff/login');
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'sign-in');

    await page.getByLabel('Tên đăng nhập').fill(server.admin.username);
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();
  });

  it('signs the administrator in and enrols TOTP before anything else', async () => {
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(server.admin.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL('**/staff/totp-enrolment');
    await page.getByRole('heading', { level: 1, name: 'Thiết lập xác thực hai lớp' }).waitFor();
    // Nothing else is reachable meanwhile.
    expect(await page.getByRole('link', { name: 'Đơn vị' }).count()).toBe(0);

    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    expect(await page.getByRole('img', { name: /Mã QR/ }).isVisible()).toBe(true);
    await shot(page, 'totp-enrolment');
    await page.getByLabel('Mã xác thực').fill(totpNow(secret));
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();

    await page.waitForURL((url) => url.pathname === '/staff');
    await page.getByRole('heading', { level: 1, name: /Xin chào/ }).waitFor();
    expect(await page.getByTestId('current-user').textContent()).toBeTruthy();
  });

  it('creates a unit under the root unit', async () => {
    await page.getByRole('link', { name: 'Đơn vị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đơn vị' }).waitFor();
    await page.getByTestId('units-table').waitFor();

    await page.getByRole('button', { name: 'Thêm đơn vị', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm đơn vị' });
    await dialog.waitFor();
    // The parent defaults to the top unit in scope: the root.
    expect(await dialog.getByLabel('Đơn vị cấp trên').inputValue()).not.toBe('');
    await dialog.getByLabel('Mã đơn vị').fill('X-HB');
    await dialog.getByLabel('Loại đơn vị').selectOption('commune');
    await dialog.getByLabel('Tên đơn vị').fill('Ủy ban nhân dân xã Hòa Bình');
    await dialog.getByLabel('Tên tiếng Anh').fill('Hoa Binh Commune People’s Committee');
    await dialog.getByLabel('Điện thoại').fill('0236 3822 111');
    await dialog.getByRole('button', { name: 'Lưu' }).click();

    await page.getByText('Đã thêm đơn vị Ủy ban nhân dân xã Hòa Bình.').waitFor();
    const row = page.locator('tr[data-unit-code="X-HB"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Xã');
    expect(await row.textContent()).toContain('Đang hoạt động');
    await shot(page, 'units');
  });

  let initialPassword = '';

  it('creates a staff member in the new unit with a role and shows the initial password once', async () => {
    await page.getByRole('link', { name: 'Cán bộ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cán bộ' }).waitFor();
    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thêm cán bộ' });
    await dialog.waitFor();

    await dialog.getByLabel('Tên đăng nhập').fill('nguyenvanan');
    await dialog.getByLabel('Họ và tên').fill('Nguyễn Văn An');
    await dialog.getByLabel('Chức danh').fill('Chuyên viên');
    await dialog.getByLabel('Chức vụ').fill('Cán bộ Bộ phận Một cửa');
    await dialog.getByLabel('Thư điện tử').fill('an.nv@hoabinh.example.vn');
    await dialog.getByRole('combobox', { name: 'Đơn vị công tác' }).click();
    await page.getByRole('option', { name: /Hòa Bình/ }).click();
    await dialog.getByRole('combobox', { name: 'Vai trò 1: Vai trò' }).selectOption('receptionist');
    // The grant's unit followed the home unit.
    expect(await dialog.getByRole('combobox', { name: 'Vai trò 1: Phạm vi (đơn vị)' }).inputValue()).toContain('Hòa Bình');
    await dialog.getByRole('button', { name: 'Lưu' }).click();

    const passwordDialog = page.getByRole('dialog', { name: 'Mật khẩu ban đầu' });
    await passwordDialog.waitFor();
    await passwordDialog.getByText('Mật khẩu chỉ hiển thị một lần').waitFor();
    initialPassword = (await passwordDialog.getByTestId('initial-password').textContent())?.trim() ?? '';
    expect(initialPassword.length).toBeGreaterThanOrEqual(8);
    await shot(page, 'initial-password');
    await passwordDialog.getByRole('button', { name: 'Tôi đã lưu mật khẩu' }).click();
    await passwordDialog.waitFor({ state: 'hidden' });

    const row = page.locator('tr[data-username="nguyenvanan"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Cán bộ tiếp nhận (Bộ phận Một cửa)');
    expect(await row.textContent()).toContain('Ủy ban nhân dân xã Hòa Bình');
    await shot(page, 'staff');
  });

  it('switches the interface to English and back', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    expect(await page.getByRole('link', { name: 'Units' }).isVisible()).toBe(true);
    expect(await page.getByRole('columnheader', { name: 'Full name' }).isVisible()).toBe(true);
    expect((await context.cookies()).find((c) => c.name === 'lang')?.value).toBe('en');
    await shot(page, 'staff-en');

    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('vi');
    await page.getByRole('heading', { level: 1, name: 'Cán bộ' }).waitFor();
    expect((await context.cookies()).find((c) => c.name === 'lang')?.value).toBe('vi');
  });

  it('makes the new officer change the one-time password at first sign-in', async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL('**/staff/login');
    await page.getByLabel('Tên đăng nhập').fill('nguyenvanan');
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(initialPassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    await page.waitForURL('**/staff/change-password');
    await page.getByRole('heading', { level: 1, name: 'Đổi mật khẩu' }).waitFor();
    const newPassword = 'Quầy-một-cửa-Hòa-Bình-2025!';
    await page.getByLabel('Mật khẩu hiện tại').fill(initialPassword);
    await page.getByRole('textbox', { name: 'Mật khẩu mới', exact: true }).fill(newPassword);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(newPassword);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();

    await page.getByRole('heading', { level: 1, name: 'Xin chào, Nguyễn Văn An' }).waitFor();
    expect(await page.getByRole('link', { name: 'Cán bộ' }).isVisible()).toBe(true);
  });
});
