/**
 * Journey: an administrator opens "Nhập hồ sơ cũ" from the navigation, names
 * the previous system, chooses a CSV file with a bad row and checks it (the
 * problems by row and field, nothing written), then a corrected file: checks
 * it, imports it, and finds the import in the list. The imported dossier's
 * page says where it came from and offers no action. The page passes axe
 * (WCAG 2.1 AA).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../test/harness.js';
import { createUnit, officer, rootUnitId, type Officer } from '../test/staff.js';
import { axeViolations, browserJourney, shot, staffPages } from './support.js';

const HEADER = 'code,procedureCode,unitCode,receivedAt,dueAt,finishedAt,status,channel,rating';
const GOOD = ['E2E-IMP-1,1.001193,E2E-IMP,2024-03-01,2024-03-05,2024-03-04,returned,in_person,satisfied', 'E2E-IMP-2,1.001193,E2E-IMP,2024-03-02,2024-03-06,2024-03-08,returned,online,'];
const csv = (lines: string[]) => Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8');

describe('historical import of dossiers', () => {
  const journey = browserJourney('dossier-import');
  let admin: Officer;
  let reader: Officer;

  beforeAll(async () => {
    const t = journey.server.testApp;
    const root = await adminClient(t);
    const unit = await createUnit(root, { code: 'E2E-IMP', name: 'Xã Nhập Thử', kind: 'commune', parentId: await rootUnitId(root) });
    admin = await officer(t, root, 'Nguyễn Văn Quản', unit.id, [{ role: 'admin', unitId: unit.id }]);
    reader = await officer(t, root, 'Lê Thị Thẩm', unit.id, [{ role: 'specialist', unitId: unit.id }]);
  });

  it('checks a file row by row, imports a clean one, and lists it', async () => {
    const { page } = journey;
    await staffPages(journey).signInAs(admin);
    await page.getByRole('navigation', { name: 'Điều hướng khu làm việc' }).getByRole('link', { name: 'Nhập hồ sơ cũ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhập hồ sơ từ hệ thống cũ' }).waitFor();
    await page.getByRole('textbox', { name: 'Hệ thống cũ' }).fill('iGate 2.0');

    await page.locator('input[type="file"]').setInputFiles({ name: 'hoso.csv', mimeType: 'text/csv', buffer: csv([...GOOD, 'E2E-IMP-3,1.001193,E2E-IMP,2024-03-05,2024-03-01,,returned,fax,']) });
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    const problems = page.getByRole('table', { name: 'Lỗi theo dòng (dòng dữ liệu đánh số từ 1)' });
    await problems.waitFor();
    expect(await problems.textContent()).toContain('Ngày hẹn trả trước ngày tiếp nhận.');
    expect(await problems.textContent()).toContain('Kênh nộp không hợp lệ');
    expect(await page.getByRole('button', { name: 'Nhập', exact: true }).isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'dossier-import-problems');

    await page.locator('input[type="file"]').setInputFiles({ name: 'hoso.csv', mimeType: 'text/csv', buffer: csv(GOOD) });
    await page.getByRole('button', { name: 'Kiểm tra' }).click();
    await page.getByText('Tệp hợp lệ, chưa ghi gì.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Nhập', exact: true }).click();
    await page.getByText('Đã nhập: 2 hồ sơ mới, 0 hồ sơ cập nhật, 0 hồ sơ không đổi.').waitFor();
    const past = page.getByRole('region', { name: 'Các lần nhập trước' });
    await expect.poll(() => past.textContent()).toContain('hoso.csv');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'dossier-import-done');
  });

  it('shows an imported dossier as imported, with no action', async () => {
    const { page } = journey;
    const pages = staffPages(journey);
    await pages.signInAs(reader);
    await pages.openDossier('E2E-IMP-1');
    expect(await page.getByTestId('imported-badge').textContent()).toBe('Nhập từ iGate 2.0');
    expect(await page.getByTestId('dossier-action-buttons').count()).toBe(0);
  });
});
