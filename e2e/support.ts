/** Shared pieces of the browser journeys: Chromium, axe-core checks, optional screenshots. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import type { AxeResults } from 'axe-core';
import * as OTPAuth from 'otpauth';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Config } from '../server/config.js';
import { currentCode } from '../server/modules/auth/totp.js';
import { startTestServer } from '../test/harness.js';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export type AxeViolation = { id: string; impact: string | null; help: string; targets: string[] };

/** Runs axe-core in the page against WCAG 2.1 A and AA; returns the violations in a readable form. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline scripts) stays as users get it.
  await page.evaluate(axe.source);
  const results = await page.evaluate(async (tags) => {
    const injected = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> } }).axe;
    return injected.run({ exclude: [] }, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  }, WCAG_21_AA);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/** Saves a screenshot when E2E_SHOTS_DIR is set (to look at layouts by eye); a no-op otherwise. */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

export const PHONE = { width: 375, height: 667 };

/** Waits until the page, laid out again (after a viewport change), no longer scrolls sideways. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = () =>
    page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
  await expect.poll(overflow, { timeout: 10_000 }).toBeLessThanOrEqual(0);
}
export const DESKTOP = { width: 1280, height: 800 };

/** The current code of an authenticator enrolled with `secret`. */
export function totpNow(secret: string): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate();
}

export type Journey = { server: Awaited<ReturnType<typeof startTestServer>>; browser: Browser; context: BrowserContext; page: Page };

export type JourneyOptions = {
  /** Configuration of the journey's server (e.g. an SMTP sink's URL), read when its `beforeAll` runs. */
  config?: () => Partial<Config> | Promise<Partial<Config>>;
};

/**
 * Registers the hooks of one browser journey (call inside `describe`): a fresh
 * server and database, Chromium with a Vietnamese desktop page, a screenshot of
 * any failing step (E2E_SHOTS_DIR), and the clean-up. Its fields are set once
 * the `beforeAll` hooks have run.
 */
export function browserJourney(name: string, options: JourneyOptions = {}): Journey {
  const journey = {} as Journey;
  beforeAll(async () => {
    journey.server = await startTestServer((await options.config?.()) ?? {});
    journey.browser = await launchBrowser();
    journey.context = await journey.browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    journey.page = await journey.context.newPage();
    journey.page.setDefaultTimeout(15_000);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(journey.page, `${name}-failed-${ctx.task.name.slice(0, 40)}`);
  });
  afterAll(async () => {
    await journey.browser.close();
    await journey.server.close();
  });
  return journey;
}

/** Who signs in through the sign-in page: a leader or an admin also has a TOTP secret. */
export type SignInAccount = { username: string; password: string; totpSecret?: string };

/**
 * The staff pages every dossier journey walks through, on the journey's page:
 * sign in (with the TOTP code of the server's clock), open a dossier, take an
 * action through its dialog.
 */
export function staffPages(journey: Journey) {
  return {
    async signInAs(who: SignInAccount): Promise<void> {
      const { page, server } = journey;
      await page.context().clearCookies();
      await page.goto(`${server.url}/staff/login`);
      await page.getByLabel('Tên đăng nhập').fill(who.username);
      await page.getByRole('textbox', { name: 'Mật khẩu', exact: true }).fill(who.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      if (who.totpSecret) {
        server.clock.advance(30_000); // a TOTP code is good once
        await page.getByLabel('Mã xác thực (6 chữ số)').fill(currentCode(who.totpSecret, server.clock.now()));
        await page.getByRole('button', { name: 'Xác nhận' }).click();
      }
      await page.waitForURL((url) => url.pathname === '/staff');
    },

    async openDossier(code: string): Promise<void> {
      const { page, server } = journey;
      await page.goto(`${server.url}/staff/dossiers/${encodeURIComponent(code)}`);
      await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    },

    /** Clicks an action button, fills its dialog and submits it; waits for the confirmation. */
    async act(action: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => {}): Promise<void> {
      const { page } = journey;
      await page.getByTestId('dossier-action-buttons').getByRole('button', { name: action, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: action });
      await dialog.waitFor();
      await fill(dialog);
      await dialog.getByRole('button', { name: action, exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('action-notice').waitFor();
    },
  };
}
