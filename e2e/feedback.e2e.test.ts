/**
 * Journey: feedback. A citizen on a phone posts a suggestion in the public
 * suggestion box (and, posting too often, is asked to wait with the text
 * kept); a receptionist logs a hotline call; the leader finds both in the list
 * with their due dates (10 working days), answers the call, meets a
 * colleague's answer first on a suggestion (the conflict is shown), and later
 * sees the rest overdue. Two returned dossiers (set up through the API) are
 * rated: one by the applicant on /danh-gia, reached from the lookup with code
 * and secret in the fragment, the other on the counter tablet from the staff
 * dossier page; the ratings summary counts both. Public pages pass axe-core
 * against WCAG 2.1 AA on a phone.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from '../test/harness.js';
import { returnedDossier } from '../test/returned-dossier.js';
import { oneStopTeam, type Officer } from '../test/staff.js';
import { axeViolations, browserJourney, PHONE, shot, staffPages, type Journey } from './support.js';

const UNIT = { code: 'X-HB', name: 'Ủy ban nhân dân xã Hòa Bình' };
// Tuesday 1 Dec 2026, 09:00 in Hà Nội: answers are due 10 working days later, Tuesday 15 December.
const START = Date.parse('2026-12-01T02:00:00Z');
const DUE_DAY = '15/12';
const DAY = 86_400_000;
const SUGGESTION = 'Đề nghị bố trí thêm ghế chờ và nước uống ở bộ phận một cửa của xã.';
const CALL = 'Người dân phản ánh quầy Q1 đóng cửa sớm hơn giờ niêm yết.';

/** The criteria as the form names them (the legend gives the name, then asks the question; each name is found in its legend only). */
const CRITERIA = ['Thời gian giải quyết', 'Thái độ của cán bộ', 'Công khai, minh bạch', 'Thuận tiện, dễ thực hiện', 'Hài lòng chung'];

function criterion(scope: Page | Locator, name: string): Locator {
  return scope.getByRole('group', { name });
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('feedback journey', () => {
  const journey = browserJourney('feedback');
  let server: Journey['server'];
  let browser: Browser;
  let page: Page;
  let reception: Officer;
  let leader: Officer;
  let online: { code: string; secret: string };
  let atCounter: { code: string };

  beforeAll(async () => {
    ({ server, browser, page } = journey);
    const t = server.testApp;
    server.clock.advance(START - server.clock.now().getTime());
    const admin = await adminClient(t);
    const team = await oneStopTeam(t, admin, { ...UNIT, kind: 'commune', address: 'Thôn Trung, xã Hòa Bình' });
    ({ reception, leader } = team);
    const first = await returnedDossier(team);
    online = { code: first.dossier.code, secret: first.secret };
    atCounter = { code: (await returnedDossier(team)).dossier.code };
  });

  const { signInAs, openDossier } = staffPages(journey);

  it('takes a citizen’s suggestion on a phone, with a honeypot no person meets, and asks one who posts too often to wait', async () => {
    const phone = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const citizen = await phone.newPage();
    try {
      await citizen.goto(`${server.url}/`);
      await citizen.getByRole('link', { name: 'Góp ý', exact: true }).click();
      await citizen.getByRole('heading', { level: 1, name: 'Hộp thư góp ý' }).waitFor();
      expect(await axeViolations(citizen)).toEqual([]);
      await noHorizontalScroll(citizen);

      // The honeypot is in the form for bots, not in the accessibility tree nor the tab order.
      const honeypot = citizen.locator('input[name="website"]');
      expect(await honeypot.getAttribute('tabindex')).toBe('-1');
      expect(await honeypot.getAttribute('autocomplete')).toBe('off');
      expect(await citizen.getByRole('textbox', { name: 'Để trống ô này' }).count()).toBe(0);
      expect(await honeypot.isVisible()).toBe(true); // laid out off screen, not display:none
      const box = await honeypot.boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThan(0);

      // Too short first: a clear message on the field.
      await citizen.getByRole('textbox', { name: 'Nội dung', exact: true }).fill('Ghế ít');
      await citizen.getByRole('button', { name: 'Gửi góp ý' }).click();
      expect(await citizen.getByText('Nội dung cần ít nhất 10 ký tự.').isVisible()).toBe(true);

      await citizen.getByRole('textbox', { name: 'Nội dung', exact: true }).fill(SUGGESTION);
      await citizen.getByLabel('Đơn vị được góp ý (không bắt buộc)').selectOption({ label: UNIT.name });
      await citizen.getByLabel('Cách liên hệ (không bắt buộc)').fill('0987 654 321');
      // Tab from the contact goes to the button, past the honeypot.
      await citizen.getByLabel('Cách liên hệ (không bắt buộc)').focus();
      await citizen.keyboard.press('Tab');
      expect(await citizen.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent)).toBe('Gửi góp ý');
      await citizen.keyboard.press('Enter');
      const sent = citizen.getByTestId('suggestion-sent');
      await sent.waitFor();
      expect(await sent.textContent()).toContain('trả lời trong vòng 10 ngày làm việc');
      expect(await sent.textContent()).toContain('cơ quan có thể liên hệ');
      expect(await axeViolations(citizen)).toEqual([]);
      await shot(citizen, 'suggestion-sent');

      // Four more are taken; the sixth in ten minutes is asked to wait, and what was written stays.
      for (let i = 1; i <= 4; i++) {
        await citizen.getByRole('button', { name: 'Gửi góp ý khác' }).click();
        await citizen.getByRole('textbox', { name: 'Nội dung', exact: true }).fill(`Góp ý số ${String(i)} về giờ làm việc buổi chiều.`);
        await citizen.getByLabel('Đơn vị được góp ý (không bắt buộc)').selectOption({ label: UNIT.name });
        await citizen.getByRole('button', { name: 'Gửi góp ý' }).click();
        await sent.waitFor();
      }
      await citizen.getByRole('button', { name: 'Gửi góp ý khác' }).click();
      await citizen.getByRole('textbox', { name: 'Nội dung', exact: true }).fill('Góp ý thứ sáu, gửi quá nhanh.');
      await citizen.getByRole('button', { name: 'Gửi góp ý' }).click();
      const wait = citizen.getByTestId('suggestion-wait');
      await wait.waitFor();
      expect(await wait.textContent()).toMatch(/Hãy gửi lại sau khoảng (10|9) phút/);
      expect(await citizen.getByRole('textbox', { name: 'Nội dung', exact: true }).inputValue()).toBe('Góp ý thứ sáu, gửi quá nhanh.');
      expect(await axeViolations(citizen)).toEqual([]);
      await shot(citizen, 'suggestion-wait');
    } finally {
      await phone.close();
    }
  });

  it('lets a receptionist log a hotline call, due in 10 working days', async () => {
    await signInAs(reception);
    await page.getByRole('navigation', { name: 'Điều hướng khu làm việc' }).getByRole('link', { name: 'Đường dây nóng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ghi nhận cuộc gọi đường dây nóng' }).waitFor();
    // Receptionists log calls; the leaders' list is not theirs.
    expect(await page.getByRole('link', { name: 'Phản ánh, kiến nghị' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Ghi nhận cuộc gọi' }).click();
    expect(await page.getByText('Trường này là bắt buộc.').isVisible()).toBe(true);
    await page.getByLabel('Nội dung cuộc gọi').fill(CALL);
    await page.getByLabel('Người gọi (không bắt buộc)').fill('Ông Minh');
    await page.getByRole('button', { name: 'Ghi nhận cuộc gọi' }).click();
    const logged = page.getByTestId('hotline-logged');
    await logged.waitFor();
    expect(await logged.textContent()).toContain(DUE_DAY);
    expect(await page.getByLabel('Nội dung cuộc gọi').inputValue()).toBe('');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the leader both with their due dates, takes an answer, and shows a colleague’s answer first as a conflict', async () => {
    await signInAs(leader);
    await page.getByRole('navigation', { name: 'Điều hướng khu làm việc' }).getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Phản ánh, kiến nghị cần trả lời' }).waitFor();
    const table = page.getByTestId('feedback-table');
    await table.waitFor();
    expect(await page.getByTestId('feedback-count').textContent()).toBe('6 mục');
    const call = table.locator('tr[data-kind="hotline"]');
    const suggestion = table.locator('tr[data-kind="suggestion"]', { hasText: SUGGESTION });
    for (const row of [call, suggestion]) {
      expect(await row.textContent()).toContain(DUE_DAY);
      expect(await row.textContent()).toContain('Chưa trả lời');
    }
    expect(await call.textContent()).toContain('Ông Minh');
    expect(await suggestion.textContent()).toContain('0987 654 321');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'feedback-list');

    await call.getByRole('button', { name: 'Trả lời' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trả lời phản ánh, kiến nghị' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('answer-item-text').textContent()).toBe(CALL);
    await dialog.getByLabel('Nội dung trả lời').fill('Đã nhắc nhở cán bộ quầy Q1 làm việc đúng giờ niêm yết.');
    await dialog.getByRole('button', { name: 'Gửi trả lời' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('feedback-notice').waitFor();
    // Open items only by default: the answered call has left the list.
    await expect.poll(() => call.count(), { timeout: 10_000 }).toBe(0);
    await page.getByLabel('Trạng thái').selectOption({ label: 'Đã trả lời' });
    await expect.poll(() => call.textContent(), { timeout: 10_000 }).toContain('Phạm Văn Duyệt trả lời lúc');
    expect(await call.textContent()).toContain('Đã trả lời');

    // A colleague answers the suggestion while the leader is typing: the stale answer is refused and said so.
    await page.getByLabel('Trạng thái').selectOption({ label: 'Chưa trả lời' });
    await suggestion.getByRole('button', { name: 'Trả lời' }).click();
    await dialog.waitFor();
    const items = (await leader.request('GET', '/api/v1/feedback/items?status=open')).json() as { items: { id: string; text: string; version: number }[] };
    const target = items.items.find((i) => i.text === SUGGESTION);
    if (!target) throw new Error('suggestion not listed');
    expect((await leader.request('POST', `/api/v1/feedback/items/${target.id}/answer`, { answer: 'Đã bố trí thêm 10 ghế chờ.', version: target.version })).status).toBe(200);
    await dialog.getByLabel('Nội dung trả lời').fill('Xã sẽ bố trí thêm ghế chờ trong tháng này.');
    await dialog.getByRole('button', { name: 'Gửi trả lời' }).click();
    await dialog.getByTestId('answer-conflict').waitFor();
    expect(await dialog.getByTestId('answer-conflict').textContent()).toContain('Một lãnh đạo khác vừa trả lời');
    expect(await dialog.getByLabel('Nội dung trả lời').inputValue()).toBe('Xã sẽ bố trí thêm ghế chờ trong tháng này.');
    await shot(page, 'answer-conflict');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await expect.poll(() => suggestion.count(), { timeout: 10_000 }).toBe(0);
  });

  it('lets the applicant rate a returned dossier on a phone, from the lookup, with code and secret kept out of the URL', async () => {
    const phone = await browser.newContext({ viewport: PHONE, locale: 'vi-VN' });
    const citizen = await phone.newPage();
    try {
      await citizen.goto(`${server.url}/tra-cuu#code=${encodeURIComponent(online.code)}&secret=${encodeURIComponent(online.secret)}`);
      const rate = citizen.getByTestId('lookup-rate');
      await rate.waitFor();
      expect(await axeViolations(citizen)).toEqual([]);
      const href = (await rate.getByRole('link', { name: `Đánh giá hồ sơ ${online.code}` }).getAttribute('href')) ?? '';
      expect(href.split('#')[0]).toBe('/danh-gia');
      await rate.getByRole('link', { name: `Đánh giá hồ sơ ${online.code}` }).click();
      await citizen.getByTestId('rate-dossier').waitFor();
      expect(await citizen.getByTestId('rate-dossier').textContent()).toBe(`Hồ sơ ${online.code}`);
      expect(new URL(citizen.url()).hash).toBe('');
      expect(citizen.url()).not.toContain(online.secret);
      expect(await axeViolations(citizen)).toEqual([]);
      await noHorizontalScroll(citizen);
      await shot(citizen, 'rate-phone');

      // Nothing chosen: the form names what is missing and puts the focus on the first criterion.
      await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
      expect(await citizen.getByTestId('rating-missing').textContent()).toBe('Còn 5 tiêu chí chưa chọn mức đánh giá.');
      expect(await citizen.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute: (n: string) => string | null } | null } }).document.activeElement?.getAttribute('value'))).toBe('very_satisfied');
      expect(await axeViolations(citizen)).toEqual([]);

      // From the keyboard: Space takes the focused level, the arrow keys move within the criterion.
      await citizen.keyboard.press('Space');
      await citizen.keyboard.press('ArrowDown');
      expect(await criterion(citizen, CRITERIA[0] ?? '').getByRole('radio', { name: 'Hài lòng', exact: true }).isChecked()).toBe(true);
      await citizen.keyboard.press('Tab');
      await citizen.keyboard.press('Space');
      expect(await criterion(citizen, CRITERIA[1] ?? '').getByRole('radio', { name: 'Rất hài lòng', exact: true }).isChecked()).toBe(true);
      for (const name of CRITERIA.slice(2)) await criterion(citizen, name).getByRole('radio', { name: 'Bình thường', exact: true }).check();
      expect(await citizen.getByTestId('rating-missing').count()).toBe(0);
      await citizen.getByLabel('Ý kiến khác (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình.');
      await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
      const thanks = citizen.getByTestId('rate-thanks');
      await thanks.waitFor();
      expect(await thanks.textContent()).toContain(`Đánh giá về hồ sơ ${online.code} đã được ghi nhận`);
      expect(await axeViolations(citizen)).toEqual([]);

      // Once per dossier; and a wrong secret is told apart from a dossier not yet returned.
      await citizen.goto(`${server.url}/danh-gia`);
      await citizen.getByLabel('Mã hồ sơ').fill(online.code);
      await citizen.getByLabel('Mã tra cứu').fill(online.secret);
      for (const name of CRITERIA) await criterion(citizen, name).getByRole('radio', { name: 'Hài lòng', exact: true }).check();
      await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await expect.poll(() => citizen.getByTestId('rate-error').textContent(), { timeout: 10_000 }).toContain('Hồ sơ này đã được đánh giá');
      await citizen.getByLabel('Mã tra cứu').fill('AAAAA-BBBBB-CCCCC');
      await citizen.getByRole('button', { name: 'Gửi đánh giá' }).click();
      await expect.poll(() => citizen.getByTestId('rate-error').textContent(), { timeout: 10_000 }).toContain('Không tìm thấy hồ sơ');
      expect(await axeViolations(citizen)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('takes the rating on the counter tablet, with nothing of the staff workspace on it, and counts both in the summary', async () => {
    await signInAs(reception);
    await openDossier(atCounter.code);
    await page.getByRole('button', { name: 'Đánh giá tại quầy' }).click();
    const tablet = page.getByRole('dialog', { name: 'Đánh giá mức độ hài lòng' });
    await tablet.waitFor();
    const text = (await tablet.textContent()) ?? '';
    expect(text).toContain(atCounter.code);
    expect(text).not.toContain('Trần Văn Tiếp');
    expect(text).not.toContain('Nguyễn Thị Hồng Nhung');
    expect(await tablet.getByRole('navigation').count()).toBe(0);
    // Full screen: the dialog covers the page.
    const box = await tablet.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(1280 - 1);
    // Large targets for fingers.
    const option = await criterion(tablet, CRITERIA[0] ?? '').locator('label').first().boundingBox();
    expect(option?.height).toBeGreaterThanOrEqual(64);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'counter-tablet');

    for (const name of CRITERIA) await criterion(tablet, name).getByRole('radio', { name: 'Rất hài lòng', exact: true }).click();
    await criterion(tablet, 'Thời gian giải quyết').getByRole('radio', { name: 'Không hài lòng', exact: true }).click();
    await tablet.getByRole('button', { name: 'Gửi đánh giá' }).click();
    // The thanks stay on the tablet until "Done", though the page behind now knows the dossier is rated.
    await tablet.getByTestId('counter-rating-thanks').waitFor();
    await tablet.getByRole('button', { name: 'Xong' }).click();
    await tablet.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('action-notice').textContent()).toContain(`Đã ghi nhận đánh giá của người dân cho hồ sơ ${atCounter.code}`);
    await expect.poll(() => page.getByTestId('dossier-rated').textContent(), { timeout: 10_000 }).toContain('tại quầy');
    expect(await page.getByRole('button', { name: 'Đánh giá tại quầy' }).count()).toBe(0);

    // The summary (the unit's ratings of December): two ratings, the time judged satisfied in one of them.
    await page.getByRole('navigation', { name: 'Điều hướng khu làm việc' }).getByRole('link', { name: 'Đánh giá hài lòng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kết quả đánh giá mức độ hài lòng' }).waitFor();
    await page.getByLabel('Từ ngày').fill('2026-12-01');
    await page.getByLabel('Đến ngày').fill('2026-12-31');
    await expect.poll(() => page.getByTestId('ratings-count').textContent(), { timeout: 10_000 }).toBe('2 lượt đánh giá từ 01/12/2026 đến 31/12/2026.');
    const share = (criterionKey: string) => page.locator(`[data-testid="ratings-table"] tr[data-criterion="${criterionKey}"] [data-testid="satisfied-share"]`).textContent();
    expect((await share('time'))?.replace(/\s/g, '')).toBe('50%');
    expect((await share('attitude'))?.replace(/\s/g, '')).toBe('100%');
    expect((await share('ease'))?.replace(/\s/g, '')).toBe('50%');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'ratings-summary');
  });

  it('shows the leader the items still open after their due date as overdue, and filters them', async () => {
    server.clock.advance(16 * DAY);
    await signInAs(leader);
    await page.getByRole('navigation', { name: 'Điều hướng khu làm việc' }).getByRole('link', { name: 'Phản ánh, kiến nghị' }).click();
    const table = page.getByTestId('feedback-table');
    await table.waitFor();
    // Four suggestions are still open, all past 15 December.
    await expect.poll(() => table.locator('tr[data-overdue="true"]').count(), { timeout: 10_000 }).toBe(4);
    expect(await table.locator('tr[data-overdue="true"]').first().textContent()).toContain('Quá hạn');
    await page.getByLabel('Trạng thái').selectOption({ label: 'Tất cả' });
    await page.getByRole('checkbox', { name: 'Chỉ mục quá hạn' }).check();
    await expect.poll(() => page.getByTestId('feedback-count').textContent(), { timeout: 10_000 }).toBe('4 mục');
    expect(await table.locator('tr[data-overdue="false"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'feedback-overdue');
  });
});
