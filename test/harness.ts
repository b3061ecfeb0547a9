/**
 * Test harness: the real app on a real database of its own, driven through
 * Fastify's `inject` or, for browser journeys, listening on a random port.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../server/app.js';
import { bootstrap } from '../server/bootstrap.js';
import { loadConfig, type Config } from '../server/config.js';
import type { AppDeps, Clock, ServiceContext } from '../server/http/context.js';
import { currentCode } from '../server/modules/auth/totp.js';
import { documentDeps } from '../server/modules/documents/deps.js';
import { createTestDatabase, type TestDatabase } from './db.js';

/** A clock tests can move. */
export class TestClock implements Clock {
  private offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export type TestApp = {
  app: App;
  deps: AppDeps;
  db: TestDatabase;
  clock: TestClock;
  admin: { username: string; password: string };
  systemCtx: () => ServiceContext;
  close: () => Promise<void>;
};

export async function makeTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const clock = new TestClock();
  const adminPassword = `Adm-${randomBytes(12).toString('base64url')}`;
  // Files (scans, signed documents) and the secret key go to a directory of this app's own, removed at close.
  const dataDir = mkdtempSync(join(tmpdir(), 'motcua-files-'));
  const config: Config = { ...loadConfig({ LOG_LEVEL: 'silent' }), adminPassword, dataDir, ...overrides };
  const deps: AppDeps = { config, database: db, clock, ...documentDeps(config) };
  const admin = await bootstrap(deps);
  if (!admin) throw new Error('bootstrap did nothing on a fresh database');
  const app = await buildApp(deps, { logger: false });
  await app.ready();
  return {
    app,
    deps,
    db,
    clock,
    admin: { username: admin.username, password: admin.password },
    systemCtx: () => ({ database: db, clock, actor: { kind: 'system' }, ip: null }),
    close: async () => {
      await app.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * For browser journeys: the app with the built web client, on a random port;
 * its clock (to move time) and the test app (for API set-up through `inject`).
 */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<{
  url: string;
  admin: { username: string; password: string };
  clock: TestClock;
  testApp: TestApp;
  close: () => Promise<void>;
}> {
  const t = await makeTestApp(overrides);
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, admin: t.admin, clock: t.clock, testApp: t, close: t.close };
}

/** A signed-in API client over `inject`, carrying the cookie and the CSRF token. */
export type Client = {
  csrfToken: string;
  cookie: string;
  request: (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; json: () => any; headers: Record<string, unknown>; raw: Buffer }>; // eslint-disable-line @typescript-eslint/no-explicit-any
};

export async function signIn(t: TestApp, username: string, password: string, totpSecret?: string): Promise<Client> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password, ...(totpSecret ? { totpCode: currentCode(totpSecret, t.clock.now()) } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  const cookie = (raw ?? '').split(';')[0] ?? '';
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  return clientOf(t, cookie, csrfToken);
}

/** An API client over `inject` sending the given session cookie (`name=value`) and CSRF token. */
export function clientOf(t: TestApp, cookie: string, csrfToken: string): Client {
  return {
    csrfToken,
    cookie,
    request: async (method, url, body, headers = {}) => {
      const r = await t.app.inject({
        method,
        url,
        headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }), ...headers },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      });
      return { status: r.statusCode, json: () => r.json(), headers: r.headers, raw: r.rawPayload };
    },
  };
}

/** Signs the bootstrap admin in with TOTP enrolled, ready for admin work. */
export async function adminClient(t: TestApp): Promise<Client & { totpSecret: string }> {
  const first = await signIn(t, t.admin.username, t.admin.password);
  const setup = await first.request('POST', '/api/v1/auth/totp/setup');
  const { secret } = setup.json() as { secret: string };
  const confirm = await first.request('POST', '/api/v1/auth/totp/confirm', { code: currentCode(secret, t.clock.now()) });
  if (confirm.status !== 200) throw new Error(`totp confirm failed: ${confirm.status}`);
  // Codes are single-use: the next sign-in needs the next time step.
  t.clock.advance(30_000);
  return { ...first, totpSecret: secret };
}
