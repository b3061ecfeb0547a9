import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startMain, waitFor, type Running } from '../test/process.js';
import { currentCode } from './modules/auth/totp.js';

// The data directory does not exist yet, as on a fresh machine: the app makes it (the documents'
// secret key first, 0700) and, as root, PostgreSQL (run as `postgres`) must still reach its `pg/`.
const parent = mkdtempSync(join(tmpdir(), 'motcua-main-'));
chmodSync(parent, 0o755);
const dataDir = join(parent, 'data');
const running: Running[] = [];
afterAll(async () => {
  for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  rmSync(parent, { recursive: true, force: true });
});

type Session = { cookie: string; csrf: string };

async function call(base: string, s: Session | null, method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res;
}

async function login(base: string, username: string, password: string, totpCode?: string): Promise<Session> {
  const res = await call(base, null, 'POST', '/api/v1/auth/login', { username, password, ...(totpCode ? { totpCode } : {}) });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

describe('npm start', () => {
  it('prints the URL and a one-time admin password, serves the starter catalog, survives SIGTERM during writes with every acknowledged write kept', async () => {
    const env = { MOTCUA_DATA_DIR: dataDir, PORT: String(await freePort()), MOTCUA_EMBEDDED_PG_PORT: String(await freePort()) };
    const first = startMain(env);
    running.push(first);
    await waitFor(() => /password: (\S+)/.test(first.output()), 60_000, 'the first start', first.output);
    const base = /running at (http:\/\/\S+)/.exec(first.output())?.[1] ?? '';
    const password = /password: (\S+)/.exec(first.output())?.[1] ?? '';
    expect(base).toMatch(/^http:\/\/localhost:\d+$/);
    expect(password).toHaveLength(16);
    expect(await (await fetch(`${base}/api/health`)).json()).toMatchObject({ status: 'ok', database: 'embedded' });
    // The starter catalog is there on the first start.
    const found = (await (await fetch(`${base}/api/v1/procedures?q=khai%20sinh`)).json()) as { items: { code: string }[] };
    expect(found.items[0]?.code).toBe('1.001193');

    // First sign-in: change the printed password, enrol TOTP.
    const s = await login(base, 'admin', password);
    const newPassword = 'Quản trị viên tỉnh 2026';
    expect((await call(base, s, 'POST', '/api/v1/auth/password', { currentPassword: password, newPassword })).status).toBe(204);
    const { secret } = (await (await call(base, s, 'POST', '/api/v1/auth/totp/setup')).json()) as { secret: string };
    expect((await call(base, s, 'POST', '/api/v1/auth/totp/confirm', { code: currentCode(secret, new Date()) })).status).toBe(200);
    const root = ((await (await call(base, s, 'GET', '/api/v1/org/units')).json()) as { items: { id: string }[] }).items[0]?.id;

    // Writers keep creating units; SIGTERM arrives in the middle.
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i += 1) {
        const code = `W${w}-${i}`;
        try {
          const res = await call(base, s, 'POST', '/api/v1/org/units', { code, name: `Đơn vị ${code}`, kind: 'ward', parentId: root });
          if (res.status === 201) acknowledged.push(code);
          else if (res.status >= 500) stop = true;
        } catch {
          stop = true; // connection refused or reset: the server is going away
        }
      }
    };
    const writers = [writer(1), writer(2), writer(3), writer(4)];
    await waitFor(() => acknowledged.length >= 20, 30_000, 'writes');
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);

    // Restart on the same data directory: no new admin, every acknowledged unit is there.
    const second = startMain(env);
    running.push(second);
    await waitFor(() => /running at/.test(second.output()), 60_000, 'the restart', second.output);
    expect(second.output()).not.toMatch(/password:/);
    const again = await login(base, 'admin', newPassword, currentCode(secret, new Date(Date.now() + 30_000)));
    const codes = new Set(((await (await call(base, again, 'GET', '/api/v1/org/units')).json()) as { items: { code: string }[] }).items.map((u) => u.code));
    expect(acknowledged.filter((c) => !codes.has(c))).toEqual([]);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 180_000);
});
