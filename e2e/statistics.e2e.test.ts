/**
 * Journey: the periodic statistics. A leader opens /staff/statistics from the
 * navigation (their own unit chosen), picks the year 2025 — 10 dossiers
 * received and settled, 8 on time and 2 late, inserted by SQL — and reads the
 * figures in the table's total line; clicks "XLSX" and the downloaded
 * workbook's cells hold the same figures (and "PDF" downloads a PDF of the
 * same query), in the interface's language even where the browser asks for
 * another; a custom period ending before it starts shows the server's message
 * under "Đến ngày". The page passes axe
 * (WCAG 2.1 AA) on a desktop and on a 375 px phone, where the table scrolls in
 * its region and the page does not scroll sideways.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Officer } from '../test/staff.js';
import { axeViolations, browserJourney, DESKTOP, PHONE, shot, staffPages, expectNoSidewaysScroll } from './support.js';
import { settledIn2025, unitWithLeader } from './reports-fixtures.js';
import { sheetRows } from './xlsx.js';

describe('statistics', () => {
  const journey = browserJourney('statistics');
  let leader: Officer;

  beforeAll(async () => {
    const t = journey.server.testApp;
    const made = await unitWithLeader(t, { code: 'PB-TK', name: 'Phòng Thống kê thử', kind: 'department' }, 'Vũ Thị Báo Cáo');
    leader = made.leader;
    // 2025: 10 dossiers received at the desk and settled, 8 on time, 2 late.
    await settledIn2025(t, made.unit.id, 'TK-E');
  });

  it('shows the year’s figures, downloads the same figures as XLSX, and says what is wrong with a period', async () => {
    const { page } = journey;
    await staffPages(journey).signInAs(leader);
    await page.getByRole('navigation', { name: 'Điều hướng khu làm việc' }).getByRole('link', { name: 'Thống kê, báo cáo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo tình hình giải quyết thủ tục hành chính' }).waitFor();
    await expect.poll(() => page.getByRole('combobox', { name: 'Đơn vị' }).inputValue(), { timeout: 10_000 }).toBe('PB-TK');

    await page.getByRole('combobox', { name: 'Kỳ báo cáo' }).selectOption('year');
    await page.getByRole('combobox', { name: 'Năm', exact: true }).selectOption('2025');
    const table = page.getByTestId('statistics-table');
    const total = table.locator('tr[data-covers="total"]');
    const cell = (key: string) => total.locator(`td[data-col="${key}"]`).textContent();
    await expect.poll(() => cell('settledTotal'), { timeout: 10_000 }).toBe('10');
    expect(await cell('receivedTotal')).toBe('10');
    expect(await cell('inPerson')).toBe('10');
    expect(await cell('onTime')).toBe('8');
    expect(await cell('late')).toBe('2');
    expect(await cell('onTimeShare')).toBe('80%');
    expect(await cell('pendingTotal')).toBe('0');
    expect(await table.locator('caption').textContent()).toBe('Tình hình giải quyết thủ tục hành chính của Phòng Thống kê thử, năm 2025');
    expect(await page.getByRole('region', { name: /Phòng Thống kê thử, năm 2025/ }).count()).toBe(1);
    expect(await page.getByTestId('statistics-as-of').textContent()).toMatch(/^Số liệu tính đến \d{2}:\d{2} \d{1,2}\/\d{1,2}\/\d{2}:/);
    // A link reproduces the report.
    expect(new URL(page.url()).searchParams.get('period')).toBe('year');
    expect(new URL(page.url()).searchParams.get('from')).toBe('2025-01-01');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'statistics');

    // On a phone the table scrolls inside its region; the page itself does not scroll sideways (once laid out again).
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'statistics-phone');
    await page.setViewportSize(DESKTOP);

    // The XLSX download: a real workbook whose total line holds the same figures.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('bao-cao-thong-ke-PB-TK-2025-01-01_2025-12-31.xlsx');
    const rows = sheetRows(readFileSync(await download.path()));
    expect(String(rows[0]?.[0])).toContain('Phòng Thống kê thử');
    const header = rows[1] ?? [];
    const totalLine = rows.find((row) => row[1] === 'Tổng cộng') ?? [];
    const figure = (name: string) => totalLine[header.indexOf(name)];
    expect(figure('Tiếp nhận mới')).toBe(10);
    expect(figure('Trực tiếp')).toBe(10);
    expect(figure('Đã giải quyết')).toBe(10);
    expect(figure('Đúng hạn')).toBe(8);
    expect(figure('Quá hạn')).toBe(2); // the first "Quá hạn": settled late (the pending one comes after)
    expect(figure('Tỷ lệ trước và đúng hạn (%)')).toBe(0.8);
    // The PDF of the same query.
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pdf').click()]);
    expect(pdf.suggestedFilename()).toBe('bao-cao-thong-ke-PB-TK-2025-01-01_2025-12-31.pdf');
    expect(readFileSync(await pdf.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The files follow the interface's language, not the browser's: a Vietnamese page in an English browser
    // (never switched, so no `lang` cookie yet) downloads Vietnamese; switched to English, English.
    const csvText = async () => {
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
      return readFileSync(await csv.path(), 'utf8');
    };
    await page.context().clearCookies({ name: 'lang' });
    await page.setExtraHTTPHeaders({ 'accept-language': 'en' });
    expect(await csvText()).toContain(',Tổng cộng,0,10,10,');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Report on the settlement of administrative procedures' }).waitFor();
    expect(await csvText()).toContain(',Total,0,10,10,');
    await page.setExtraHTTPHeaders({});
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo tình hình giải quyết thủ tục hành chính' }).waitFor();

    // A custom period ending before it starts: the server's per-field answer, under "Đến ngày".
    await page.getByRole('combobox', { name: 'Kỳ báo cáo' }).selectOption('custom');
    expect(await page.getByLabel('Từ ngày').inputValue()).toBe('2025-01-01');
    expect(await page.getByLabel('Đến ngày').inputValue()).toBe('2025-12-31');
    await page.getByLabel('Đến ngày').fill('2024-12-01');
    await page.getByText('Ngày kết thúc không được trước ngày bắt đầu').waitFor();
    expect(await page.getByLabel('Đến ngày').getAttribute('aria-invalid')).toBe('true');
    expect(await table.count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
