/**
 * Every public page of the portal, on a 375 px phone, in Vietnamese and in
 * English: axe-core finds no serious or critical WCAG 2.1 A/AA violation, and
 * the page never scrolls sideways. Then the contact-page journey: from the
 * home page to a unit's contacts (hotline as a tel: link, the nameplates of
 * today's officers, the reception schedule with a cancelled session), and from
 * a procedure's "where to apply" block to the same page.
 *
 * ADDING A PUBLIC PAGE: append an entry to PUBLIC_PAGES below (path, and what
 * shows the page is ready if a level-1 heading is not enough). Data the page
 * needs goes into `seed()` (through the API, as a user would create it). Every
 * page in the list is checked in both languages; nothing else to write.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type TestApp } from '../test/harness.js';
import { createUnit } from '../test/staff.js';
import { axeViolations, browserJourney, PHONE, shot, type Journey } from './support.js';

type Seeded = { unitCode: string; unitName: string };

type PublicPage = {
  /** A short name, for the test title and screenshots. */
  name: string;
  path: string | ((seeded: Seeded) => string);
  /** Waits until the page shows its content; default: a level-1 heading, then no network traffic. */
  ready?: (page: Page) => Promise<void>;
};

const BIRTH = '1.001193';

const PUBLIC_PAGES: PublicPage[] = [
  { name: 'home', path: '/' },
  { name: 'procedure search', path: '/thu-tuc', ready: async (page) => void (await page.locator('[data-testid="search-results"][aria-busy="false"]').waitFor()) },
  { name: 'procedure page', path: `/thu-tuc/${BIRTH}` },
  { name: 'dossier lookup', path: '/tra-cuu' },
  { name: 'document verification', path: '/verify' },
  { name: 'catalog statistics', path: '/thong-ke/thu-tuc', ready: async (page) => void (await page.getByTestId('coverage').waitFor()) },
  { name: 'unit finder', path: '/don-vi', ready: async (page) => void (await page.getByTestId('unit-count').filter({ hasText: /\d/ }).waitFor()) },
  { name: 'unit contacts', path: (s) => `/don-vi/${s.unitCode}`, ready: async (page) => void (await page.getByTestId('reception-schedule').waitFor()) },
  { name: 'not found', path: '/trang-khong-co-that' },
  { name: 'apply online', path: '/nop-truc-tuyen' },
  { name: 'citizen sign-up', path: '/dang-ky' },
  { name: 'citizen sign-in', path: '/dang-nhap' },
  { name: 'province board', path: '/cong-khai', ready: async (page) => void (await page.getByTestId('apologies-total').waitFor()) },
  { name: 'unit board', path: (s) => `/cong-khai/${s.unitCode}`, ready: async (page) => void (await page.getByTestId('apologies-total').waitFor()) },
  { name: 'unit board, large screen', path: (s) => `/cong-khai/${s.unitCode}?tv=1`, ready: async (page) => void (await page.getByTestId('apologies-total').waitFor()) },
  // Other engineers: add /dang-ky, /dang-nhap, /gop-y, /danh-gia, /nop-truc-tuyen/… here.
];

const SERIOUS = new Set(['serious', 'critical']);

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

/** A commune with contacts, two counters (one with a regular officer, one with today's stand-in) and a reception schedule. */
async function seed(t: TestApp): Promise<Seeded> {
  const admin = await adminClient(t);
  const units = (await admin.request('GET', '/api/v1/org/units')).json() as { items: { id: string; parentId: string | null }[] };
  const root = units.items.find((u) => u.parentId === null);
  if (!root) throw new Error('no root unit');
  const unit = await createUnit(admin, { code: 'X-HV', name: 'Ủy ban nhân dân xã Hòa Vang', kind: 'commune', parentId: root.id, address: 'Thôn Dương Lâm 1, xã Hòa Vang, thành phố Đà Nẵng' });
  const current = (await admin.request('GET', `/api/v1/org/units/${unit.id}`)).json() as { version: number };
  const patched = await admin.request('PATCH', `/api/v1/org/units/${unit.id}`, { version: current.version, nameEn: 'Hoa Vang Commune People’s Committee', phone: '0236 3846 111', hotline: '0236 1022', email: 'hoavang@danang.gov.vn' });
  if (patched.status !== 200) throw new Error(`unit: ${patched.status}`);

  const member = async (fullName: string, extra: Record<string, string>) => {
    const res = await admin.request('POST', '/api/v1/org/staff', { username: `nv.${fullName.length}.${Object.keys(extra).join('')}.${Math.random().toString(36).slice(2, 6)}`, fullName, unitId: unit.id, roles: [], ...extra });
    if (res.status !== 201) throw new Error(`staff: ${res.status}`);
    return (res.json() as { staff: { id: string } }).staff.id;
  };
  const counter = async (code: string, name: string, fields: string[]) => {
    const res = await admin.request('POST', `/api/v1/org/units/${unit.id}/counters`, { code, name, fields });
    if (res.status !== 201) throw new Error(`counter: ${res.status}`);
    return res.json() as { id: string; version: number };
  };
  const civil = await counter('Q01', 'Quầy 1 — Tư pháp, hộ tịch', ['civil_status', 'certification']);
  const land = await counter('Q02', 'Quầy 2 — Đất đai, xây dựng', ['land', 'construction']);
  const thu = await member('Trần Thị Thu', { title: 'Công chức Tư pháp – Hộ tịch' });
  const minh = await member('Lê Văn Minh', { title: 'Công chức Địa chính – Xây dựng' });
  const chair = await member('Nguyễn Văn Hùng', { position: 'Chủ tịch UBND xã' });
  await admin.request('PATCH', `/api/v1/org/counters/${civil.id}`, { version: civil.version, regularOfficerId: thu });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(t.clock.now());
  await admin.request('PUT', `/api/v1/org/counters/${land.id}/duties/${today}`, { staffId: minh });

  const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const session = async (n: number, body: Record<string, unknown>) => {
    const res = await admin.request('POST', `/api/v1/org/units/${unit.id}/reception-schedule`, { startsAt: `${day(n)}T07:30:00+07:00`, endsAt: `${day(n)}T11:30:00+07:00`, place: 'Phòng tiếp công dân, UBND xã', ...body });
    if (res.status !== 201) throw new Error(`reception: ${res.status} ${JSON.stringify(res.json())}`);
    return res.json() as { id: string; version: number };
  };
  await session(2, { leaderId: chair, note: 'Người dân mang theo giấy tờ tùy thân.' });
  const cancelled = await session(9, { leaderId: chair });
  await admin.request('POST', `/api/v1/org/reception-schedule/${cancelled.id}/cancel`, { version: cancelled.version, reason: 'Chủ tịch họp Hội đồng nhân dân thành phố' });
  await session(16, { hostName: 'Bà Phạm Thị Lan', hostTitle: 'Phó Chủ tịch UBND xã' });
  return { unitCode: unit.code, unitName: 'Ủy ban nhân dân xã Hòa Vang' };
}

describe('every public page on a phone', () => {
  const journey = browserJourney('public-pages');
  let server: Journey['server'];
  let page: Page;
  let seeded: Seeded;

  beforeAll(async () => {
    ({ server, page } = journey);
    seeded = await seed(server.testApp);
    await page.setViewportSize(PHONE);
  });

  for (const language of ['vi', 'en'] as const) {
    describe(language === 'vi' ? 'in Vietnamese' : 'in English', () => {
      beforeAll(async () => {
        await page.context().addCookies([{ name: 'lang', value: language, url: server.url }]);
      });

      for (const entry of PUBLIC_PAGES) {
        it(`${entry.name}: no serious or critical axe violation, no sideways scrolling at 375 px`, async () => {
          const path = typeof entry.path === 'function' ? entry.path(seeded) : entry.path;
          await page.goto(`${server.url}${path}`);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          if (entry.ready) await entry.ready(page);
          await page.waitForLoadState('networkidle');
          expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe(language);
          const violations = (await axeViolations(page)).filter((v) => v.impact !== null && SERIOUS.has(v.impact));
          expect(violations).toEqual([]);
          expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
          await shot(page, `public-${language}-${entry.name.replace(/\s+/g, '-')}`);
        });
      }
    });
  }
});

describe('a unit’s contact page', () => {
  const journey = browserJourney('unit-contacts');
  let server: Journey['server'];
  let page: Page;
  let seeded: Seeded;

  beforeAll(async () => {
    ({ server, page } = journey);
    seeded = await seed(server.testApp);
    await page.setViewportSize(PHONE);
  });

  it('is found from the home page by a name typed without diacritics', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Địa chỉ và giờ làm việc các đơn vị' }).click();
    await page.waitForURL('**/don-vi');
    await page.getByRole('heading', { level: 1, name: 'Đơn vị và địa chỉ liên hệ' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Thông tin công khai' }).getByRole('link', { name: 'Đơn vị, liên hệ' }).getAttribute('aria-current')).toBe('page');
    const box = page.getByRole('searchbox', { name: 'Tên, mã hoặc địa chỉ đơn vị' });
    await box.fill('hoa vang');
    await box.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === 'hoa vang');
    await expect.poll(() => page.getByTestId('unit-count').textContent()).toBe('Tìm thấy 1 đơn vị');
    await page.getByRole('link', { name: seeded.unitName }).click();
    await page.waitForURL(`**/don-vi/${seeded.unitCode}`);
    await page.getByRole('heading', { level: 1, name: seeded.unitName }).waitFor();
  });

  it('shows the hotline as a tel: link, the hours, and today’s nameplate at each counter', async () => {
    const contacts = page.getByRole('region', { name: 'Địa chỉ liên hệ' });
    expect(await contacts.getByRole('link', { name: '0236 1022' }).getAttribute('href')).toBe('tel:02361022');
    expect(await contacts.getByRole('link', { name: 'hoavang@danang.gov.vn' }).getAttribute('href')).toBe('mailto:hoavang@danang.gov.vn');
    expect(await page.getByRole('region', { name: 'Giờ làm việc' }).textContent()).toContain('Thứ Hai đến Thứ Sáu: 07:30–11:30, 13:30–17:00');

    const counters = page.getByRole('region', { name: 'Quầy tiếp nhận và cán bộ trực hôm nay' });
    const civil = counters.getByRole('listitem', { name: 'Quầy 1 — Tư pháp, hộ tịch' });
    expect(await civil.textContent()).toContain('Hộ tịch');
    expect(await civil.getByTestId('nameplate').textContent()).toContain('Trần Thị Thu');
    expect(await civil.getByTestId('nameplate').textContent()).toContain('Công chức Tư pháp – Hộ tịch');
    // The stand-in of today, entered in the roster.
    expect(await counters.getByRole('listitem', { name: 'Quầy 2 — Đất đai, xây dựng' }).getByTestId('nameplate').textContent()).toContain('Lê Văn Minh');
  });

  it('lists the coming reception sessions, a cancelled one marked with its reason', async () => {
    const schedule = page.getByTestId('reception-schedule');
    const sessions = schedule.getByRole('listitem');
    expect(await sessions.count()).toBe(3);
    expect(await sessions.nth(0).textContent()).toContain('Nguyễn Văn Hùng — Chủ tịch UBND xã');
    expect(await sessions.nth(0).textContent()).toContain('07:30–11:30');
    expect(await sessions.nth(1).getAttribute('data-cancelled')).toBe('true');
    expect(await sessions.nth(1).textContent()).toContain('Đã hủy — Lý do: Chủ tịch họp Hội đồng nhân dân thành phố');
    expect(await sessions.nth(2).textContent()).toContain('Bà Phạm Thị Lan — Phó Chủ tịch UBND xã');
  });

  it('reads in English, with the Vietnamese names marked as Vietnamese', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hoa Vang Commune People’s Committee' }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'Counters and today’s officers on duty' }).isVisible()).toBe(true);
    expect(await page.getByText('Trần Thị Thu').getAttribute('lang')).toBe('vi');
    expect(await page.getByTestId('reception-schedule').textContent()).toContain('Cancelled');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { level: 1, name: seeded.unitName }).waitFor();
  });

  it('is linked from a procedure’s “where to apply” block', async () => {
    await page.goto(`${server.url}/thu-tuc/${BIRTH}`);
    await page.getByRole('heading', { level: 2, name: 'Nơi nộp hồ sơ và thời gian tiếp nhận' }).waitFor();
    await page.getByRole('link', { name: `Quầy tiếp nhận, cán bộ trực và lịch tiếp công dân của ${seeded.unitName}` }).click();
    await page.waitForURL(`**/don-vi/${seeded.unitCode}`);
    await page.getByRole('heading', { level: 1, name: seeded.unitName }).waitFor();
  });

  it('answers an unknown unit with a friendly page', async () => {
    await page.goto(`${server.url}/don-vi/KHONG-CO`);
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy đơn vị' }).waitFor();
    expect(await page.getByRole('link', { name: 'Tìm đơn vị' }).count()).toBe(1);
    expect((await axeViolations(page)).filter((v) => v.impact !== null && SERIOUS.has(v.impact))).toEqual([]);
  });
});
