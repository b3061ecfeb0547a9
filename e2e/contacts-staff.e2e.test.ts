/**
 * Journey: a commune's administrator names the regular officer of a counter,
 * puts a stand-in on the roster for tomorrow, adds a citizen-reception
 * session for the chair and cancels another; the public contact page shows
 * the nameplate and the schedule with the cancelled session.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../test/harness.js';
import { createCounter, createUnit, officer, type Officer } from '../test/staff.js';
import { addDays, dayText, localParts } from '../web/src/features/contacts/contact-text.js';
import { browserJourney, shot, staffPages, type Journey } from './support.js';

const UNIT = { code: 'X-HP', name: 'Ủy ban nhân dân xã Hòa Phong' };

describe('counters, roster and reception schedule journey', () => {
  const journey = browserJourney('contacts-staff');
  let server: Journey['server'];
  let page: Page;
  let localAdmin: Officer;
  let today: string;

  beforeAll(async () => {
    ({ server, page } = journey);
    const t = server.testApp;
    const admin = await adminClient(t);
    const units = (await admin.request('GET', '/api/v1/org/units')).json() as { items: { id: string; parentId: string | null }[] };
    const root = units.items.find((u) => u.parentId === null);
    if (!root) throw new Error('no root unit');
    const unit = await createUnit(admin, { ...UNIT, kind: 'commune', parentId: root.id });
    await createCounter(admin, unit.id, 'Q1');
    for (const [fullName, extra] of [
      ['Trần Thị Thu', { title: 'Công chức Tư pháp – Hộ tịch' }],
      ['Lê Văn Minh', { title: 'Công chức Văn phòng – Thống kê' }],
      ['Nguyễn Văn Hùng', { position: 'Chủ tịch UBND xã' }],
    ] as const) {
      const res = await admin.request('POST', '/api/v1/org/staff', { username: `nv.${fullName.length}.${Math.random().toString(36).slice(2, 7)}`, fullName, unitId: unit.id, roles: [], ...extra });
      expect(res.status).toBe(201);
    }
    localAdmin = await officer(t, admin, 'Quản trị xã Hòa Phong', unit.id, [{ role: 'admin', unitId: unit.id }]);
    today = localParts(server.clock.now().toISOString(), 'Asia/Ho_Chi_Minh').date;
  });

  it('names the regular officer of a counter and tomorrow’s stand-in', async () => {
    await staffPages(journey).signInAs(localAdmin);
    await page.getByRole('link', { name: 'Quầy và lịch trực' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quầy tiếp nhận và lịch trực' }).waitFor();
    await page.getByTestId('counters-table').waitFor();
    await page.getByRole('combobox', { name: 'Cán bộ thường trực của Quầy Q1' }).selectOption({ label: 'Trần Thị Thu — Công chức Tư pháp – Hộ tịch' });
    await page.getByText('Đã lưu cán bộ thường trực của Quầy Q1.').waitFor();

    const tomorrow = addDays(today, 1);
    const cell = page.getByRole('combobox', { name: `Cán bộ trực Quầy Q1 ngày ${dayText(tomorrow, 'vi-VN')}` });
    if ((await cell.count()) === 0) await page.getByRole('button', { name: 'Tuần sau' }).click(); // today is a Sunday
    await cell.selectOption({ label: 'Lê Văn Minh — Công chức Văn phòng – Thống kê' });
    await page.getByText(`Đã lưu lịch trực Quầy Q1 ngày ${dayText(tomorrow, 'vi-VN')}.`).waitFor();
    await expect.poll(() => cell.inputValue()).not.toBe('');
    await shot(page, 'counters-roster');
  });

  it('adds a reception session for the chair and cancels another with a reason', async () => {
    await page.getByRole('link', { name: 'Lịch tiếp công dân' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lịch tiếp công dân của lãnh đạo' }).waitFor();
    const add = async (date: string, place: string) => {
      await page.getByRole('button', { name: 'Thêm buổi tiếp' }).click();
      const dialog = page.getByRole('dialog', { name: 'Thêm buổi tiếp công dân' });
      await dialog.waitFor();
      await dialog.getByRole('combobox', { name: 'Lãnh đạo' }).selectOption({ label: 'Nguyễn Văn Hùng — Chủ tịch UBND xã' });
      await dialog.getByLabel('Ngày').fill(date);
      await dialog.getByLabel('Giờ bắt đầu').fill('07:30');
      await dialog.getByLabel('Giờ kết thúc').fill('11:00');
      await dialog.getByLabel('Địa điểm').fill(place);
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('Đã thêm buổi tiếp công dân.').waitFor();
    };
    await add(addDays(today, 3), 'Phòng tiếp công dân');
    await add(addDays(today, 10), 'Hội trường');
    const rows = page.getByTestId('reception-table').getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);

    const second = `${dayText(addDays(today, 10), 'vi-VN')}, 07:30–11:00`;
    await page.getByRole('button', { name: `Hủy buổi tiếp ${second}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Hủy buổi tiếp công dân' });
    await dialog.getByLabel('Lý do hủy').fill('Chủ tịch đi công tác');
    await dialog.getByRole('button', { name: 'Hủy buổi tiếp' }).click();
    await page.getByText('Đã hủy buổi tiếp công dân.').waitFor();
    expect(await page.getByTestId('reception-table').getByRole('row').filter({ hasText: second }).textContent()).toContain('Đã hủy');
    await shot(page, 'reception-schedule-staff');
  });

  it('publishes both on the unit’s contact page', async () => {
    await page.goto(`${server.url}/don-vi/${UNIT.code}`);
    await page.getByRole('heading', { level: 1, name: UNIT.name }).waitFor();
    expect(await page.getByTestId('nameplate').textContent()).toContain('Trần Thị Thu');
    const sessions = page.getByTestId('reception-schedule').getByRole('listitem');
    await expect.poll(() => sessions.count()).toBe(2);
    expect(await sessions.nth(0).textContent()).toContain('Nguyễn Văn Hùng — Chủ tịch UBND xã');
    expect(await sessions.nth(1).textContent()).toContain('Đã hủy — Lý do: Chủ tịch đi công tác');
  });
});
