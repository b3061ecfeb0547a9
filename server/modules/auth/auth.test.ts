import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, makeTestApp, signIn, type TestApp } from '../../../test/harness.js';
import { currentCode } from './totp.js';

let t: TestApp;
let rootId: string;

beforeAll(async () => {
  t = await makeTestApp();
  const admin = await adminClient(t);
  rootId = (await admin.request('GET', '/api/v1/org/units')).json().items[0].id;
});
afterAll(async () => t.close());

async function newStaff(username: string, role = 'viewer') {
  const admin = await signIn(t, t.admin.username, t.admin.password, await adminSecret());
  t.clock.advance(30_000);
  const res = await admin.request('POST', '/api/v1/org/staff', { username, fullName: 'Lê Văn C', unitId: rootId, roles: [{ role, unitId: rootId }] });
  expect(res.status).toBe(201);
  return res.json() as { staff: { id: string }; initialPassword: string };
}

let secret: string | undefined;
async function adminSecret(): Promise<string> {
  if (!secret) {
    const r = await t.db.pool.query(`SELECT c.totp_secret FROM staff_credentials c JOIN staff s ON s.id = c.staff_id WHERE s.username = 'admin'`);
    secret = r.rows[0].totp_secret as string;
  }
  return secret;
}

const login = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: body, headers });

describe('sign-in', () => {
  it('answers 429 with Retry-After on the 11th attempt in a minute, and lets the user in after the window', async () => {
    const { initialPassword } = await newStaff('rate.limited');
    for (let i = 0; i < 10; i += 1) {
      const res = await login({ username: 'rate.limited', password: `wrong-${i}-password` });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    const eleventh = await login({ username: 'rate.limited', password: initialPassword });
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().error.code).toBe('AUTH_RATE_LIMITED');
    const retryAfter = Number(eleventh.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Not locked out for long: after the window the right password works.
    t.clock.advance(61_000);
    expect((await login({ username: 'rate.limited', password: initialPassword })).statusCode).toBe(200);
  });

  it('limits by username whatever its case, without affecting other users', async () => {
    const { initialPassword } = await newStaff('other.user');
    for (let i = 0; i < 10; i += 1) await login({ username: 'VICTIM.USER', password: 'wrong password here' });
    expect((await login({ username: 'victim.user', password: 'x'.repeat(10) })).statusCode).toBe(429);
    expect((await login({ username: 'other.user', password: initialPassword })).statusCode).toBe(200);
    t.clock.advance(61_000);
  });

  it('answers the same for an unknown user and a wrong password, and audits both failures', async () => {
    const unknown = await login({ username: 'nobody.here', password: 'whatever-password' });
    const { staff } = await newStaff('known.user');
    const wrong = await login({ username: 'known.user', password: 'whatever-password' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    const rows = await t.db.pool.query(`SELECT outcome, object_id FROM audit_log WHERE action = 'auth.sign_in' AND details->>'username' IN ('nobody.here','known.user') ORDER BY seq`);
    expect(rows.rows).toEqual([
      { outcome: 'failure', object_id: null },
      { outcome: 'failure', object_id: staff.id },
    ]);
  });

  it('sets an HttpOnly SameSite=Lax session cookie, Secure with the __Host- prefix in production', async () => {
    const dev = await login({ username: t.admin.username, password: t.admin.password, totpCode: currentCode(await adminSecret(), t.clock.now()) });
    t.clock.advance(30_000);
    const devCookie = String(dev.headers['set-cookie']);
    expect(devCookie).toMatch(/^motcua_session=[A-Za-z0-9_-]{43};/);
    expect(devCookie).toContain('HttpOnly');
    expect(devCookie).toContain('SameSite=Lax');

    const prod = await makeTestApp({ secureCookies: true });
    try {
      const res = await prod.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: prod.admin.username, password: prod.admin.password } });
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/^__Host-motcua_session=/);
      expect(cookie).toContain('Secure');
      expect(cookie).toContain('Path=/');
      expect(res.headers['strict-transport-security']).toBeDefined();
    } finally {
      await prod.close();
    }
  });

  it('gives a new token at every sign-in and revokes it at sign-out', async () => {
    const { initialPassword } = await newStaff('token.user');
    const a = await signIn(t, 'token.user', initialPassword);
    const b = await signIn(t, 'token.user', initialPassword);
    expect(a.cookie).not.toBe(b.cookie);
    expect((await a.request('POST', '/api/v1/auth/logout')).status).toBe(204);
    expect((await a.request('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await b.request('GET', '/api/v1/auth/me')).status).toBe(200);
  });

  it('ends a session after 30 idle minutes and after 12 hours whatever the activity', async () => {
    const { initialPassword } = await newStaff('timeout.user');
    const idle = await signIn(t, 'timeout.user', initialPassword);
    t.clock.advance(29 * 60_000);
    expect((await idle.request('GET', '/api/v1/auth/me')).status).toBe(200);
    t.clock.advance(31 * 60_000);
    expect((await idle.request('GET', '/api/v1/auth/me')).status).toBe(401);

    const busy = await signIn(t, 'timeout.user', initialPassword);
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      t.clock.advance(20 * 60_000);
      expect((await busy.request('GET', '/api/v1/auth/me')).status).toBe(200);
    }
    t.clock.advance(25 * 60_000);
    expect((await busy.request('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('refuses an unsafe request without the CSRF token, and a foreign Origin', async () => {
    const { initialPassword } = await newStaff('csrf.user');
    const c = await signIn(t, 'csrf.user', initialPassword);
    const noToken = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: c.cookie } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, origin: 'https://evil.example', host: 'motcua.local' },
    });
    expect(foreign.statusCode).toBe(403);
    expect((await c.request('GET', '/api/v1/auth/me')).status).toBe(200);
  });
});

describe('second factor and first-time setup', () => {
  it('keeps an admin without TOTP to the enrolment routes, then requires the code at sign-in', async () => {
    const { initialPassword } = await newStaff('new.leader', 'leader');
    const c = await signIn(t, 'new.leader', initialPassword);
    const me = (await c.request('GET', '/api/v1/auth/me')).json();
    expect(me).toMatchObject({ totpEnrolmentRequired: true, mustChangePassword: true, totpEnabled: false });
    expect((await c.request('GET', '/api/v1/org/units')).json().error.code).toBe('AUTH_TOTP_ENROLMENT_REQUIRED');

    const { secret: s, otpauthUrl, qrDataUrl } = (await c.request('POST', '/api/v1/auth/totp/setup')).json();
    expect(otpauthUrl).toContain('otpauth://totp/Motcua:new.leader');
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect((await c.request('POST', '/api/v1/auth/totp/confirm', { code: '000000' })).json().error.code).toBe('AUTH_TOTP_INVALID');
    const confirmed = await c.request('POST', '/api/v1/auth/totp/confirm', { code: currentCode(s, t.clock.now()) });
    expect(confirmed.json().totpEnabled).toBe(true);
    // Still must change the generated password.
    expect((await c.request('GET', '/api/v1/org/units')).json().error.code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    expect((await c.request('POST', '/api/v1/auth/password', { currentPassword: initialPassword, newPassword: 'Lãnh đạo xã mới 2026' })).status).toBe(204);
    expect((await c.request('GET', '/api/v1/org/units')).status).toBe(200);

    t.clock.advance(30_000);
    const noCode = await login({ username: 'new.leader', password: 'Lãnh đạo xã mới 2026' });
    expect(noCode.json().error.code).toBe('AUTH_TOTP_REQUIRED');
    const code = currentCode(s, t.clock.now());
    expect((await login({ username: 'new.leader', password: 'Lãnh đạo xã mới 2026', totpCode: code })).statusCode).toBe(200);
    // The same code is never accepted twice.
    const replay = await login({ username: 'new.leader', password: 'Lãnh đạo xã mới 2026', totpCode: code });
    expect(replay.json().error.code).toBe('AUTH_TOTP_INVALID');
    t.clock.advance(61_000);
  });

  it('refuses short, long, common and username-containing passwords with PASSWORD_POLICY', async () => {
    const { initialPassword } = await newStaff('policy.user');
    const c = await signIn(t, 'policy.user', initialPassword);
    const cases: [string, string][] = [
      ['short1!', 'too_short'],
      ['x'.repeat(129), 'too_long'],
      ['password123', 'too_common'],
      ['my policy.user pass', 'contains_username'],
    ];
    for (const [newPassword, reason] of cases) {
      const res = await c.request('POST', '/api/v1/auth/password', { currentPassword: initialPassword, newPassword });
      expect(res.status).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'PASSWORD_POLICY', details: { reason } });
    }
  });

  it('localises error messages: Vietnamese by default, English on request', async () => {
    const vi = await login({ username: 'nobody', password: 'nothing-here' });
    expect(vi.json().error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    const en = await login({ username: 'nobody', password: 'nothing-here' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.json().error.message).toBe('Wrong username or password.');
    const cookie = await login({ username: 'nobody', password: 'nothing-here' }, { cookie: 'lang=en', 'accept-language': 'vi' });
    expect(cookie.json().error.message).toBe('Wrong username or password.');
  });
});
