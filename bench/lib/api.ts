/**
 * A small HTTP client for set-up work over the real API (fetch, JSON, the
 * session cookie and the CSRF token): the bootstrap admin's first sign-in with
 * TOTP enrolment, and officers created by the admin who change their generated
 * password, as people do. Used by the benchmarks and scripts/crash-intake.ts.
 */
import { randomBytes } from 'node:crypto';
import { ROLES_REQUIRING_TOTP, type Role } from '../../contracts/roles.js';
import { currentCode } from '../../server/modules/auth/totp.js';

export type Reply = { status: number; body: unknown; cookie: string | undefined };

/** A signed-in client: what a request needs to pass the access hook. */
export type Session = { cookie: string; csrf: string };

export async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  opts: { cookie?: string; csrf?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.csrf) headers['x-csrf-token'] = opts.csrf;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  const text = await res.text();
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null, cookie };
}

export function expect(reply: Reply, status: number, what: string): void {
  if (reply.status !== status) throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
}

type Me = { staff: { id: string; unitId: string }; csrfToken: string };

async function signIn(base: string, username: string, password: string, totpSecret?: string): Promise<{ session: Session; me: Me }> {
  const body = { username, password, ...(totpSecret ? { totpCode: currentCode(totpSecret, new Date()) } : {}) };
  const login = await call(base, 'POST', '/api/v1/auth/login', { body });
  expect(login, 200, `sign-in of ${username}`);
  const me = login.body as Me;
  return { session: { cookie: login.cookie ?? '', csrf: me.csrfToken }, me };
}

/** Enrols TOTP for a freshly signed-in account; returns the secret. */
async function enrolTotp(base: string, session: Session): Promise<string> {
  const setup = await call(base, 'POST', '/api/v1/auth/totp/setup', session);
  expect(setup, 200, 'TOTP setup');
  const { secret } = setup.body as { secret: string };
  expect(await call(base, 'POST', '/api/v1/auth/totp/confirm', { ...session, body: { code: currentCode(secret, new Date()) } }), 200, 'TOTP confirm');
  return secret;
}

/** The bootstrap admin signed in (password known from MOTCUA_ADMIN_PASSWORD), TOTP enrolled. */
export async function adminSession(base: string, adminPassword: string): Promise<Session & { staffId: string; rootUnitId: string }> {
  const { session, me } = await signIn(base, 'admin', adminPassword);
  await enrolTotp(base, session);
  return { ...session, staffId: me.staff.id, rootUnitId: me.staff.unitId };
}

/**
 * A new officer with these grants, created by the admin, signed in with a
 * changed password (and TOTP enrolled when a role requires it).
 */
export async function officerSession(
  base: string,
  admin: Session,
  input: { username: string; fullName: string; unitId: string; roles: { role: Role; unitId: string }[] },
): Promise<Session & { staffId: string }> {
  const created = await call(base, 'POST', '/api/v1/org/staff', { ...admin, body: input });
  expect(created, 201, `create ${input.username}`);
  const { initialPassword } = created.body as { initialPassword: string };
  return firstSignIn(base, input.username, initialPassword, input.roles, true);
}

/**
 * The first sign-in of an officer: the password changed when it must be, TOTP
 * enrolled when a role requires it (also for officers created without the API).
 */
export async function firstSignIn(
  base: string,
  username: string,
  password: string,
  roles: readonly { role: Role }[],
  mustChangePassword: boolean,
): Promise<Session & { staffId: string }> {
  const { session, me } = await signIn(base, username, password);
  if (mustChangePassword) {
    const newPassword = `Bench-${randomBytes(15).toString('base64url')}`;
    expect(await call(base, 'POST', '/api/v1/auth/password', { ...session, body: { currentPassword: password, newPassword } }), 204, 'password change');
  }
  if (roles.some((r) => ROLES_REQUIRING_TOTP.includes(r.role))) await enrolTotp(base, session);
  return { ...session, staffId: me.staff.id };
}

/** Creates a unit under `parentId` (admin); returns its id. */
export async function createUnit(base: string, admin: Session, input: { code: string; name: string; kind: string; parentId: string; address?: string }): Promise<string> {
  const res = await call(base, 'POST', '/api/v1/org/units', { ...admin, body: input });
  expect(res, 201, `create unit ${input.code}`);
  return (res.body as { id: string }).id;
}

export async function createCounter(base: string, admin: Session, unitId: string, code: string): Promise<void> {
  expect(await call(base, 'POST', `/api/v1/org/units/${unitId}/counters`, { ...admin, body: { code, name: `Quầy ${code}` } }), 201, `create counter ${code}`);
}
