/**
 * Journey: a citizen finds "Đăng ký khai sinh" in the public procedure
 * catalog (typed without accents, then in part), reads its documents and
 * fees, and looks at the catalog statistics; the pages pass axe-core against
 * WCAG 2.1 AA on desktop and on a 375 px phone without horizontal scrolling.
 * The administrator then edits the procedure's step plan: shares adding up to
 * 90% are refused, 100% is saved and published.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, browserJourney, DESKTOP, PHONE, shot, totpNow, type Journey } from './support.js';

const BIRTH = { code: '1.001193', name: 'Đăng ký khai sinh' };

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } })
      .document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

/** Codes of the search results, in the order shown, once the search has settled. */
async function resultCodes(page: Page): Promise<string[]> {
  // Results for the search now in the URL, not the previous ones still shown while loading.
  const query = new URL(page.url()).searchParams.toString();
  await page.locator(`[data-testid="search-results"][aria-busy="false"][data-query="${query}"]`).waitFor();
  return page
    .getByTestId('procedure-results')
    .locator('li[data-procedure-code]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-procedure-code') ?? ''));
}

async function search(page: Page, words: string): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Tên hoặc mã thủ tục' });
  await box.fill(words);
  await box.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('q') === words);
  await expect.poll(() => page.getByTestId('result-count').textContent()).toMatch(/^Tìm thấy \d+ thủ tục$/);
}

/** axe-core on desktop, then on a phone with no sideways scrolling; back to desktop. */
async function checkAccessible(page: Page, name: string): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  expect(await axeViolations(page)).toEqual([]);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await shot(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
}

describe('procedure catalog journey', () => {
  const journey = browserJourney('catalog');
  let server: Journey['server'];
  let page: Page;
  beforeAll(() => {
    ({ server, page } = journey);
  });

  it('links the procedure search from the home page and the public header', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Thông tin công khai' });
    expect(await nav.getByRole('link', { name: 'Thủ tục hành chính' }).isVisible()).toBe(true);
    expect(await nav.getByRole('link', { name: 'Thống kê' }).isVisible()).toBe(true);

    await page.getByRole('link', { name: 'Tra cứu thủ tục hành chính' }).click();
    await page.waitForURL('**/thu-tuc');
    await page.getByRole('heading', { level: 1, name: 'Tra cứu thủ tục hành chính' }).waitFor();
    await expect.poll(() => page.getByTestId('result-count').textContent()).toMatch(/^Tìm thấy \d+ thủ tục$/);
    const total = Number(/\d+/.exec((await page.getByTestId('result-count').textContent()) ?? '')?.[0]);
    expect(total).toBeGreaterThanOrEqual(16);
  });

  it('finds birth registration first, typed without accents or in part, and keeps the words in the URL', async () => {
    await search(page, 'dang ky khai sinh');
    expect((await resultCodes(page))[0]).toBe(BIRTH.code);

    await search(page, 'khai sinh');
    expect((await resultCodes(page))[0]).toBe(BIRTH.code);
    const first = page.locator(`li[data-procedure-code="${BIRTH.code}"]`);
    expect(await first.textContent()).toContain('Trực tuyến toàn trình');
    expect(await first.textContent()).toContain('Trong ngày');
    expect(await first.textContent()).toContain('Cấp xã');

    // The count is announced to screen readers.
    expect(await page.getByTestId('result-count').getAttribute('role')).toBe('status');
    // A filter narrows the results and is kept in the URL too.
    await page.getByRole('combobox', { name: 'Lĩnh vực' }).selectOption('civil_status');
    await page.waitForURL((url) => url.searchParams.get('field') === 'civil_status');
    expect((await resultCodes(page))[0]).toBe(BIRTH.code);

    await checkAccessible(page, 'procedure-search');
  });

  it('shows the procedure’s documents, fees and where to apply', async () => {
    await page.getByRole('link', { name: BIRTH.name, exact: true }).first().click();
    await page.waitForURL(`**/thu-tuc/${BIRTH.code}`);
    await page.getByRole('heading', { level: 1, name: BIRTH.name }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);

    const summary = page.getByRole('region', { name: 'Thông tin chung', exact: true });
    expect(await summary.textContent()).toContain(BIRTH.code);
    expect(await summary.textContent()).toContain('Trong ngày');
    expect(await summary.textContent()).toContain('Toàn trình');

    const documents = page.getByRole('region', { name: 'Thành phần hồ sơ', exact: true });
    const documentsTable = documents.getByRole('table');
    expect(await documentsTable.getByRole('rowheader', { name: /Tờ khai đăng ký khai sinh/ }).count()).toBe(1);
    expect(await documentsTable.textContent()).toContain('Bản chính');
    expect(await documentsTable.textContent()).toContain('Bắt buộc');

    const fees = page.getByRole('region', { name: 'Phí, lệ phí', exact: true });
    expect(await fees.getByRole('table').textContent()).toContain('Miễn lệ phí');
    expect(await page.getByRole('region', { name: 'Căn cứ pháp lý', exact: true }).textContent()).toContain('Luật Hộ tịch');
    expect(await page.getByRole('heading', { level: 2, name: 'Nơi nộp hồ sơ và thời gian tiếp nhận' }).isVisible()).toBe(true);

    await checkAccessible(page, 'procedure-page');

    // The same page in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Birth registration' }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'Required documents' }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { level: 1, name: BIRTH.name }).waitFor();
  });

  it('answers an unknown procedure code with a friendly page', async () => {
    await page.goto(`${server.url}/thu-tuc/0.000000`);
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy thủ tục' }).waitFor();
    expect(await page.getByRole('link', { name: 'Tra cứu thủ tục hành chính' }).count()).toBeGreaterThan(0);
  });

  it('publishes the catalog statistics with the online coverage rate', async () => {
    await page.getByRole('navigation', { name: 'Thông tin công khai' }).getByRole('link', { name: 'Thống kê' }).click();
    await page.waitForURL('**/thong-ke/thu-tuc');
    await page.getByRole('heading', { level: 1, name: 'Thống kê thủ tục hành chính' }).waitFor();
    await page.getByTestId('coverage').waitFor();
    const total = Number((await page.getByTestId('stat-total').locator('dd').textContent())?.replace(/\D/g, ''));
    expect(total).toBeGreaterThanOrEqual(16);
    expect(await page.getByTestId('coverage').textContent()).toMatch(/%.*trên \d+ thủ tục/);
    expect(await page.getByRole('table', { name: 'Số thủ tục theo lĩnh vực' }).getByRole('rowheader', { name: 'Hộ tịch' }).count()).toBe(1);
    await checkAccessible(page, 'catalog-stats');
  });

  it('refuses a step plan that does not add up to 100% and saves one that does', async () => {
    await page.goto(`${server.url}/staff/login`);
    await page.getByLabel('Tên đăng nhập').fill(server.admin.username);
    await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(server.admin.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL('**/staff/totp-enrolment');
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    await page.getByLabel('Mã xác thực').fill(totpNow(secret));
    await page.getByRole('button', { name: 'Xác nhận và bật' }).click();
    await page.waitForURL((url) => url.pathname === '/staff');

    await page.getByRole('link', { name: 'Thủ tục', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Thủ tục hành chính' }).waitFor();
    await page.getByTestId('procedures-table').waitFor();
    await shot(page, 'procedures-admin');
    await page.getByRole('link', { name: `Sửa thủ tục ${BIRTH.name}` }).click();
    await page.getByRole('heading', { level: 1, name: `Sửa thủ tục ${BIRTH.name}` }).waitFor();

    const share = (step: string) => page.getByRole('textbox', { name: `${step}: Tỷ lệ thời hạn (%)` });
    await share('Thẩm định').fill('30');
    await expect.poll(() => page.getByTestId('step-total').textContent()).toContain('Tổng = 90%');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('step-plan-error').waitFor();
    expect(await page.getByTestId('step-plan-error').textContent()).toBe('Tổng tỷ lệ của năm bước phải bằng 100%.');
    expect(await page.getByTestId('form-errors').isVisible()).toBe(true);
    await shot(page, 'step-plan-refused');
    // Nothing reached the server.
    const stored = await page.evaluate(async (code) => {
      const response = await fetch(`/api/v1/admin/procedures/${code}`);
      return ((await response.json()) as { stepPlan: { sharePercent: number }[] }).stepPlan.map((s) => s.sharePercent);
    }, BIRTH.code);
    expect(stored.reduce((a, b) => a + b, 0)).toBe(100);
    expect(stored[1]).toBe(40);

    await share('Thẩm định').fill('50');
    await share('Ký số, đóng dấu').fill('10');
    await expect.poll(() => page.getByTestId('step-total').textContent()).toContain('Tổng = 100%');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText(`Đã lưu thủ tục ${BIRTH.name}.`).waitFor();
    expect(await page.getByTestId('step-plan-error').count()).toBe(0);

    // The public page shows the new plan.
    await page.goto(`${server.url}/thu-tuc/${BIRTH.code}`);
    const steps = page.getByTestId('step-plan-table');
    await steps.waitFor();
    expect(await steps.getByRole('row', { name: /Thẩm định/ }).textContent()).toContain('50%');
    expect(await steps.getByRole('row', { name: /Ký số, đóng dấu/ }).textContent()).toContain('10%');
  });

  it('checks an import file in a dry run before applying it', async () => {
    // The exported catalog, imported back: every row unchanged.
    const exported = await page.evaluate(async () => (await fetch('/api/v1/catalog/export?format=json')).text());
    expect(exported).toContain(BIRTH.code);

    await page.goto(`${server.url}/staff/procedures`);
    await page.getByRole('button', { name: 'Nhập từ tệp' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nhập danh mục từ tệp' });
    await dialog.waitFor();
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: 'danh-muc.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await dialog.getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click();
    const report = dialog.getByTestId('import-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('Kết quả kiểm tra');
    expect(await report.textContent()).toContain('Không có lỗi');
    await shot(page, 'import-dry-run');

    await dialog.getByRole('button', { name: 'Áp dụng' }).click();
    await dialog.getByText('Đã nhập danh mục:').waitFor();
    expect(await report.textContent()).toContain('Đã nhập danh mục');

    // A broken file is reported row by row and nothing is applied.
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: 'hong.json', mimeType: 'application/json', buffer: Buffer.from('{"procedures":[{"code":"X-1"}]}') });
    await dialog.getByRole('button', { name: 'Kiểm tra (chạy thử)' }).click();
    await dialog.getByText('Tệp có lỗi nên chưa nhập gì.', { exact: false }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Áp dụng' }).count()).toBe(0);
    expect(await dialog.getByRole('table', { name: 'Các dòng có lỗi' }).isVisible()).toBe(true);
  });
});
