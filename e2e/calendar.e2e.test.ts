/**
 * Journey: the administrator opens the working calendar, reads the national
 * calendar's 2025 holidays (Tết by the lunar calendar, a day in lieu), records
 * the official swap of Friday 2 May for Saturday 26 April, sees both in the
 * year's days, removes one, and changes the same-day cut-off. The page passes
 * axe-core against WCAG 2.1 AA.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserJourney, shot, totpNow, type Journey } from './support.js';


describe('working calendar journey', () => {
  const journey = browserJourney('calendar');
  let server: Journey['server'];
  let page: Page;
  beforeAll(() => {
    ({ server, page } = journey);
  });

  const days = () => page.getByTestId('calendar-days');

  it('shows the national calendar’s holidays of 2025 to the administrator', async () => {
    await page.goto(`${server.url}/staff/login`);
    await page.getByLabel('Tên đăng nhập').fill(server.admin.username);
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(server.admin.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL('**/staff/totp-enrolment');
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    await page.getByLabel('Mã xác thực').fill(totpNow(secret));
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    await page.waitForURL((url) => url.pathname === '/staff');

    await page.getByRole('link', { name: 'Lịch làm việc' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lịch làm việc' }).waitFor();
    await page.getByRole('textbox', { name: 'Năm' }).fill('2025');
    await page.waitForURL((url) => url.searchParams.get('nam') === '2025');
    await page.getByRole('heading', { name: 'Ngày nghỉ năm 2025' }).waitFor();
    await days().locator('tr[data-date="2025-01-29"]').waitFor();
    expect(await days().locator('tr[data-date="2025-01-29"]').textContent()).toContain('Tết Nguyên đán');
    expect(await days().locator('tr[data-date="2025-02-03"]').textContent()).toContain('Nghỉ bù cho ngày');
    expect(await days().locator('tr[data-date="2025-04-07"]').textContent()).toContain('Giỗ Tổ Hùng Vương');
    await page.getByRole('heading', { name: 'Giờ làm việc' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'calendar-national');
  });

  it('records the 2025 swap of 2 May for Saturday 26 April, and removes a decision', async () => {
    const addDecision = async (date: string, kind: 'Ngày nghỉ' | 'Ngày làm việc', reason: string) => {
      await page.getByRole('button', { name: 'Thêm quyết định' }).click();
      const dialog = page.getByRole('dialog', { name: 'Thêm quyết định về lịch' });
      await dialog.getByLabel(/^Ngày\s*\*?$/).fill(date);
      await dialog.getByText(kind, { exact: true }).click();
      await dialog.getByRole('textbox', { name: 'Lý do', exact: true }).fill(reason);
      await dialog.getByRole('textbox', { name: 'Văn bản' }).fill('Thông báo 6150/TB-BLĐTBXH');
      await dialog.getByRole('button', { name: 'Thêm quyết định' }).click();
      await dialog.waitFor({ state: 'detached' });
    };
    await addDecision('2025-05-02', 'Ngày nghỉ', 'Nghỉ hoán đổi');
    await page.getByRole('status').getByText(/Đã thêm quyết định cho ngày/).waitFor();
    await days().locator('tr[data-date="2025-05-02"]').waitFor();
    expect(await days().locator('tr[data-date="2025-05-02"]').textContent()).toContain('Nghỉ hoán đổi');
    await addDecision('2025-04-26', 'Ngày làm việc', 'Làm bù cho ngày 02/5');
    const worked = page.getByTestId('calendar-working-days').locator('tr[data-date="2025-04-26"]');
    await worked.waitFor();
    expect(await worked.textContent()).toContain('Làm bù cho ngày 02/5');

    const decisions = page.getByTestId('calendar-decisions');
    await decisions.locator('tr[data-date="2025-05-02"]').getByRole('button', { name: /Xóa quyết định ngày/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Xóa quyết định' });
    await confirm.getByRole('button', { name: 'Xóa' }).click();
    await page.getByRole('status').getByText(/Đã xóa quyết định cho ngày/).waitFor();
    await confirm.waitFor({ state: 'detached' });
    await days().locator('tr[data-date="2025-05-02"]').waitFor({ state: 'detached' });
    expect(await decisions.locator('tr[data-date="2025-04-26"]').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'calendar-decisions');
  });

  it('saves a new same-day cut-off for the national calendar', async () => {
    await page.getByLabel('Giờ chốt nhận hồ sơ trả trong ngày').fill('16:00');
    await page.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
    await page.getByRole('status').getByText('Đã lưu giờ làm việc của Lịch quốc gia (mặc định).').waitFor();
    const res = await page.evaluate(async () => (await fetch('/api/v1/calendar/default/days?year=2025')).json() as Promise<{ sameDayCutoff: string }>);
    expect(res.sameDayCutoff).toBe('16:00');
  });
});
