/**
 * Journey: the reports on the demo data (`npm run demo`: its imported history
 * of the last 15 months and its live dossiers). The demo province's leader
 * signs in and reads the dashboard (the months' figures and the overdue
 * dossiers), downloads the year's statistics as XLSX, reads a commune's
 * service index; the public reads the commune's transparency board. Every
 * figure the pages show is checked against the API's own answer for the same
 * query, and the demo must give them something to show (not zeros).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Board, Dashboard, ServiceIndex, Statistics } from '../contracts/reports.js';
import { loadDemoData } from '../scripts/demo-data.js';
import { currentCode } from '../server/modules/auth/totp.js';
import { signIn, type Client } from '../test/harness.js';
import { axeViolations, browserJourney, staffPages } from './support.js';
import { sheetRows } from './xlsx.js';

const vi = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

describe('reports on the demo data', () => {
  const journey = browserJourney('demo-reports');
  let api: Client;
  let province: string;
  const get = async <T,>(url: string): Promise<T> => {
    const res = await api.request('GET', url);
    expect(res.status, url).toBe(200);
    return res.json() as T;
  };

  beforeAll(async () => {
    const t = journey.server.testApp;
    const demo = await loadDemoData(t.systemCtx());
    province = demo.province.code;
    const account = demo.accounts.find((a) => a.role === 'leader');
    if (!account?.password) throw new Error('no demo leader');
    // The leader's first sign-in enrols an authenticator, as the demo banner says.
    api = await signIn(t, account.username, account.password);
    const { secret } = (await api.request('POST', '/api/v1/auth/totp/setup')).json() as { secret: string };
    expect((await api.request('POST', '/api/v1/auth/totp/confirm', { code: currentCode(secret, t.clock.now()) })).status).toBe(200);
    t.clock.advance(30_000);
    await staffPages(journey).signInAs({ username: account.username, password: account.password, totpSecret: secret });
  });

  it('the dashboard shows the months of the imported history and the overdue live dossiers', async () => {
    const { page, server } = journey;
    const expected = await get<Dashboard>(`/api/v1/reports/dashboard?unit=${province}&includeDescendants=true`);
    const busiest = expected.months.reduce((a, b) => (b.received.total > a.received.total ? b : a));
    expect(busiest.received.total).toBeGreaterThan(0);
    expect(expected.overdue.total).toBeGreaterThan(0);

    await page.goto(`${server.url}/staff/dashboard?unit=${province}&includeDescendants=true`);
    await page.getByRole('heading', { level: 1, name: 'Bảng điều hành' }).waitFor();
    await page.getByTestId('dashboard-months').getByRole('button', { name: 'Xem số liệu dạng bảng' }).click();
    const row = page.locator(`tr[data-month="${busiest.month}"]`);
    await row.waitFor();
    expect(await row.getByTestId('received').textContent()).toBe(vi(busiest.received.total));
    expect(await row.getByTestId('online').textContent()).toBe(vi(busiest.received.online));
    expect(await page.getByTestId('dashboard-overdue-total').textContent()).toContain(`${vi(expected.overdue.total)} hồ sơ`);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the year’s statistics of the province download as XLSX with the figures of the API', async () => {
    const { page, server } = journey;
    const from = `${new Date(server.testApp.clock.now().getTime() + 7 * 3_600_000).getUTCFullYear()}-01-01`;
    const query = `unit=${province}&includeDescendants=true&period=year&from=${from}`;
    const expected = await get<Statistics>(`/api/v1/reports/statistics?${query}`);
    expect(expected.total.received.total).toBeGreaterThan(0);
    expect(expected.total.settled.total).toBeGreaterThan(0);

    await page.goto(`${server.url}/staff/statistics?${query}`);
    await page.getByTestId('statistics-table').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const rows = sheetRows(readFileSync(await download.path()));
    const header = rows[1] ?? [];
    const total = rows.find((r) => r[1] === 'Tổng cộng') ?? [];
    expect(total[header.indexOf('Tiếp nhận mới')]).toBe(expected.total.received.total);
    expect(total[header.indexOf('Đã giải quyết')]).toBe(expected.total.settled.total);
    expect(total[header.indexOf('Đúng hạn')]).toBe(expected.total.settled.onTime);
    // One line per commune, as the API's rows.
    for (const r of expected.rows.filter((x) => x.covers === 'subtree' && x.received.total > 0)) {
      const line = rows.find((cells) => cells.some((c) => typeof c === 'string' && r.unitName !== null && c.includes(r.unitName)));
      expect(line?.[header.indexOf('Tiếp nhận mới')]).toBe(r.received.total);
    }
  });

  it('a commune’s service index shows the score the API computes', async () => {
    const { page, server } = journey;
    const year = new Date(server.testApp.clock.now().getTime() + 7 * 3_600_000).getUTCFullYear();
    const expected = await get<ServiceIndex>(`/api/v1/reports/service-index?unit=DEMO-X01&year=${year}`);
    expect(expected.score.points).toBeGreaterThan(0);

    await page.goto(`${server.url}/staff/service-index`);
    await page.getByRole('heading', { level: 1, name: 'Bộ chỉ số phục vụ người dân, doanh nghiệp' }).waitFor();
    await page.getByRole('combobox', { name: /^Đơn vị/ }).click();
    await page.getByRole('option', { name: /^DEMO-X01 — / }).click();
    await page.getByRole('textbox', { name: /^Năm/ }).fill(String(year));
    await expect.poll(() => page.getByTestId('service-index-score').textContent(), { timeout: 10_000 }).toContain(`${vi(Math.round(expected.score.points * 100) / 100)} / ${vi(expected.score.measuredMax)} điểm`);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the public board of a commune shows this year’s figures', async () => {
    const { page, server } = journey;
    const expected = (await (await fetch(`${server.url}/api/v1/public/board/DEMO-X01`)).json()) as Board;
    expect(expected.year.received).toBeGreaterThan(0);

    await page.context().clearCookies();
    await page.goto(`${server.url}/cong-khai/DEMO-X01`);
    const year = page.getByTestId('period-year');
    await year.waitFor();
    expect(await year.getByTestId('figure-received').textContent()).toContain(vi(expected.year.received));
    expect(await year.getByTestId('figure-settled').textContent()).toContain(vi(expected.year.settled));
    expect(await axeViolations(page)).toEqual([]);
  });
});
