/**
 * The public portal as a citizen's phone meets it.
 *
 * - pages: each public page loaded cold (a new browser context: empty cache)
 *   in the system Chromium at a phone's viewport, from the app serving this
 *   tree's fresh web build. Measured in the page (Navigation and Resource
 *   Timing): time to first byte of the document, when the page's main heading
 *   is on screen, bytes transferred in all (as sent: brotli where the browser
 *   accepts it), and the JavaScript of the first load gzipped (the sizes of
 *   the build's `.gz` copies of exactly the scripts the page fetched — the
 *   figure the aim of < 200 KB is stated in). Medians of `BENCH_PAGE_LOADS`.
 * - lookup: `POST /api/v1/public/lookup` with the code and secret of dossiers
 *   received at the desk, under `BENCH_LOOKUP_CONNECTIONS` (50) concurrent
 *   clients, each request from an address of its own (the lookup's limit is
 *   per address), against the health check under the same load, in rotating
 *   rounds.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { INTAKE_BODY, PROCEDURE } from './dossiers.js';
import { adminSession, call, createCounter, createUnit, expect, officerSession } from './lib/api.js';
import { startBenchApp } from './lib/app.js';
import { printComparison, runLoad, runRounds, type LoadOptions } from './lib/load.js';
import { envInt, fmtInt, fmtMs, log, median, onCleanup, ROOT, table, type Benchmark } from './lib/util.js';

const PAGE_LOADS = envInt('BENCH_PAGE_LOADS', 5, 1, 50);
const CONNECTIONS = envInt('BENCH_LOOKUP_CONNECTIONS', 50, 1, 256);
const WARMUP_MS = envInt('BENCH_WARMUP_MS', 1_000, 0, 10_000);
const DURATION_MS = envInt('BENCH_DURATION_MS', 5_000, 500, 30_000);
const ROUNDS = envInt('BENCH_ROUNDS', 3, 1, 9);
const DOSSIERS = envInt('BENCH_PORTAL_DOSSIERS', 300, 10, 5_000);
const JS_AIM_BYTES = 200 * 1024;
const ASSETS = join(ROOT, 'web', 'dist', 'assets');

/** The public pages, as a citizen reaches them (the procedure page of the intake's procedure). */
const PAGES: { path: string; label: string }[] = [
  { path: '/', label: 'home' },
  { path: '/thu-tuc', label: 'catalog search' },
  { path: `/thu-tuc/${PROCEDURE}`, label: 'procedure page' },
  { path: '/tra-cuu', label: 'dossier lookup' },
  { path: '/nop-truc-tuyen', label: 'apply online' },
  { path: '/dang-nhap', label: 'citizen sign-in' },
  { path: '/don-vi', label: 'unit finder' },
  { path: '/gop-y', label: 'suggestion box' },
];

type PageLoad = { ttfbMs: number; headingMs: number; transferred: number; jsGzip: number; scripts: number };

/** The size a script has gzipped: its build's `.gz` copy, or the file itself when too small to be compressed. */
function gzipSize(url: string): number {
  const name = new URL(url).pathname.split('/').pop() ?? '';
  const file = join(ASSETS, name);
  if (existsSync(`${file}.gz`)) return statSync(`${file}.gz`).size;
  return existsSync(file) ? statSync(file).size : 0;
}

async function loadCold(browser: Browser, url: string): Promise<PageLoad> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'networkidle' });
    await page.locator('main h1').first().waitFor({ state: 'visible' });
    const headingMs = await page.evaluate(() => performance.now());
    const timing = await page.evaluate(() => {
      // In the page (this file is type-checked without the DOM library): Navigation and Resource Timing entries.
      type Entry = { name: string; startTime: number; responseStart: number; transferSize: number };
      const [nav] = (performance.getEntriesByType as (type: string) => unknown[])('navigation') as Entry[];
      const resources = (performance.getEntriesByType as (type: string) => unknown[])('resource') as Entry[];
      return {
        ttfb: nav ? nav.responseStart - nav.startTime : Number.NaN,
        transferred: (nav?.transferSize ?? 0) + resources.reduce((sum, r) => sum + r.transferSize, 0),
        scripts: resources.filter((r) => new URL(r.name).pathname.endsWith('.js')).map((r) => r.name),
      };
    });
    return { ttfbMs: timing.ttfb, headingMs, transferred: timing.transferred, jsGzip: timing.scripts.reduce((sum, s) => sum + gzipSize(s), 0), scripts: timing.scripts.length };
  } finally {
    await context.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export const portalBench: Benchmark = {
  name: 'portal',
  title: `The public portal on a phone: first byte, bytes and JavaScript of each page; the lookup under ${CONNECTIONS} clients`,
  run: async () => {
    log('building the web app (this tree)…');
    await build({ configFile: fileURLToPath(new URL('../web/vite.config.ts', import.meta.url)), logLevel: 'warn' });
    const { base, port, adminPassword } = await startBenchApp({ prefix: 'motcua-bench-portal-', config: { serveWeb: true, trustProxy: true } });

    log(`setting up a ward, a counter, a receptionist and ${fmtInt(DOSSIERS)} dossiers received at the desk…`);
    const admin = await adminSession(base, adminPassword);
    const wardId = await createUnit(base, admin, { code: 'H55.300', name: 'Ủy ban nhân dân phường Hàng Bông', kind: 'ward', parentId: admin.rootUnitId, address: '1 Hàng Bông' });
    await createCounter(base, admin, wardId, 'Q1');
    const receptionist = await officerSession(base, admin, { username: 'bench.portal', fullName: 'Trần Văn Tiếp', unitId: wardId, roles: [{ role: 'receptionist', unitId: wardId }] });
    const lookupBodies: string[] = [];
    for (let i = 0; i < DOSSIERS; i += 1) {
      const reply = await call(base, 'POST', '/api/v1/dossiers', { ...receptionist, body: INTAKE_BODY, headers: { 'idempotency-key': `portal-bench-${i}` } });
      expect(reply, 201, 'an intake');
      const { dossier, secret } = reply.body as { dossier: { code: string }; secret: string };
      lookupBodies.push(JSON.stringify({ code: dossier.code, secret }));
    }

    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    onCleanup('close Chromium', () => browser.close());
    log(`loading ${PAGES.length} pages ${PAGE_LOADS} times each, cold…`);
    const pageRows: string[][] = [];
    let worstJs = 0;
    for (const { path, label } of PAGES) {
      await loadCold(browser, base + path); // not counted: the server's first answers pay one-off costs (JIT, file handles)
      const loads: PageLoad[] = [];
      for (let i = 0; i < PAGE_LOADS; i += 1) loads.push(await loadCold(browser, base + path));
      const js = median(loads.map((l) => l.jsGzip));
      worstJs = Math.max(worstJs, js);
      pageRows.push([
        label,
        path,
        fmtMs(median(loads.map((l) => l.ttfbMs))),
        fmtMs(median(loads.map((l) => l.headingMs)), 0),
        kb(median(loads.map((l) => l.transferred))),
        kb(js),
        String(median(loads.map((l) => l.scripts))),
        js <= JS_AIM_BYTES ? 'yes' : 'NO',
      ]);
    }
    await browser.close();

    const health: LoadOptions = { port, path: '/api/health', headers: { accept: 'application/json' }, connections: CONNECTIONS, warmupMs: WARMUP_MS, durationMs: DURATION_MS, maxRequests: 2_000_000, responseTimeoutMs: 30_000 };
    let addressOffset = 0;
    const samples = await runRounds(ROUNDS, ['health', 'lookup'] as const, async (target) => {
      if (target === 'health') return runLoad(health);
      const result = await runLoad({ ...health, path: '/api/v1/public/lookup', method: 'POST', bodies: lookupBodies, vary: { name: 'x-forwarded-for', kind: 'ipv4', offset: addressOffset } });
      addressOffset += result.totalResponses + 1_000;
      return result;
    });

    console.log('');
    console.log(`▸ public pages, cold loads at 375 × 812 (median of ${PAGE_LOADS}); aim: < ${kb(JS_AIM_BYTES)} of JavaScript gzipped on first load`);
    console.log(table(['page', 'path', 'TTFB ms', 'heading ms', 'transferred', 'JS gzipped', 'scripts', 'within aim'], pageRows));
    console.log(`  largest first-load JavaScript: ${kb(worstJs)} gzipped (${worstJs <= JS_AIM_BYTES ? 'within' : 'OVER'} the aim)`);
    console.log('');
    console.log(`▸ public lookup: POST /api/v1/public/lookup over ${fmtInt(lookupBodies.length)} dossiers, ${CONNECTIONS} concurrent clients, an address of its own per request`);
    printComparison(samples, ROUNDS, { target: 'health', label: 'health' }, { target: 'lookup', label: 'public lookup' });
  },
};
