/**
 * Citizens' accounts on the portal: sign-up, password sign-in, the profile,
 * password changes and sign-out. The one-time codes by e-mail are in
 * citizen-otp.ts, the OpenID Connect sign-in in citizen-oidc.ts, the
 * sessions in citizen-sessions.ts; routes in citizen-routes.ts.
 *
 * Decisions:
 * - An account signs in with its e-mail or its phone (either or both given at
 *   sign-up) and a password, with a code sent to its e-mail, or through the
 *   configured OpenID Connect provider (VNeID). Identifiers are stored in a
 *   normal form (contracts/citizens.ts: e-mail lower-cased, phone `0…`) and
 *   are unique in it: a second sign-up with the same e-mail or phone in any
 *   spelling is 409 CITIZEN_EMAIL_TAKEN / CITIZEN_PHONE_TAKEN (the unique
 *   indexes decide under concurrency; nothing is stored twice). Sign-up says
 *   that an address is taken — unavoidable for a sign-up form — but sign-in
 *   never does: an unknown login, a wrong password, an account without a
 *   password and a disabled account all answer the same 401
 *   AUTH_INVALID_CREDENTIALS after the same argon2 work (decoy hash).
 * - Limits (login_attempts, shared by all processes): sign-in 10 failures a
 *   minute per login (kept as a hash, not the address) and 100 attempts a
 *   minute per address (429 AUTH_RATE_LIMITED with Retry-After); sign-up 10
 *   per 10 minutes per address; code requests and checks in citizen-otp.ts.
 * - Passwords follow the staff policy (8–128 characters, not a common one,
 *   not containing the e-mail's name or the phone). A password change needs
 *   the current password, except within 30 minutes of a sign-in by an e-mail
 *   code: that is how a forgotten password is reset (sign in with a code,
 *   set a new password). A change ends the account's other sessions.
 * - The profile (name, e-mail, phone, ID number, birth date, address,
 *   language) pre-fills online applications. Updates send the version read
 *   (409 VERSION_CONFLICT when stale), change only the fields sent, keep at
 *   least one way to sign in (422 CITIZEN_CONTACT_REQUIRED), check the ID
 *   number against the birth date as the desk does (422 CITIZEN_ID_INVALID);
 *   a changed e-mail is unverified again.
 * - Every sign-up, sign-in (failed ones too), profile change, password change
 *   and sign-out is audited with the citizen as the actor, naming fields,
 *   never their values. The citizen reading their own profile is not audited
 *   (it is no disclosure, and the portal reads it on every page).
 * - A citizen's session reaches only `{ citizen: true }` routes and a staff
 *   session only staff routes (http/access.ts): the cookies differ.
 */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { loginKind, normaliseEmail, normalisePhone, type CitizenMe, type CitizenPasswordChangeInput, type PasswordSignInInput, type ProfileUpdateInput, type SignUpInput } from '../../../contracts/citizens.js';
import type { Config } from '../../config.js';
import type { DbOrTx } from '../../db/client.js';
import { citizenActor, type CitizenActor, type ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { citizenIdProblem } from '../dossiers/rules.js';
import { createCitizenSession, revokeCitizenSession, type CitizenSignInMethod } from './citizen-sessions.js';
import * as q from './citizen-queries.js';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import * as limits from './rate-limit.js';
import { citizens } from './schema.js';

export const SIGN_UP_LIMIT = { count: 10, windowMs: 10 * 60_000 } as const;
export const SIGN_IN_LIMITS = { login: 10, ip: 100 } as const;
/** How long after a sign-in by e-mail code the password may be set without the current one. */
export const CODE_SESSION_RESET_MS = 30 * 60_000;

export type SignedIn = { token: string; me: CitizenMe };

/** A short, stable name of personal data for rate-limit keys: the table never holds the address itself. */
export function keyHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 32);
}

/** The service context acting as the citizen of a new session (for the audit rows of a sign-in). */
export function asCitizen(ctx: ServiceContext, citizenId: string, sessionId: string): ServiceContext {
  const actor: CitizenActor = { kind: 'citizen', citizenId, sessionId };
  return { ...ctx, actor };
}

/** Opens a session for the account and records the sign-in, in the caller's transaction. */
export async function openSession(
  tx: DbOrTx,
  ctx: ServiceContext,
  config: Config,
  row: q.CitizenRow,
  method: CitizenSignInMethod,
  details: Record<string, unknown> = {},
): Promise<SignedIn & { actorCtx: ServiceContext }> {
  const session = await createCitizenSession(tx, row.id, method, ctx.clock.now());
  const actorCtx = asCitizen(ctx, row.id, session.sessionId);
  await recordAudit(tx, actorCtx, { action: 'citizen.sign_in', objectType: 'citizen', objectId: row.id, details: { method, ...details } });
  return { token: session.token, me: await q.buildCitizenMe(tx, config.oidc, row, session.csrfToken), actorCtx };
}

function checkPassword(password: string, hint: string | undefined): void {
  const problem = passwordProblem(password, hint);
  if (problem) throw new DomainError('PASSWORD_POLICY', { reason: problem });
}

/** What the password must not contain: the e-mail's name, else the phone. */
function passwordHint(email: string | null | undefined, phone: string | null | undefined): string | undefined {
  return email ? email.slice(0, email.indexOf('@')) : (phone ?? undefined);
}

export async function signUp(ctx: ServiceContext, config: Config, input: SignUpInput): Promise<SignedIn> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  await limits.limitRequests(db, `citizen-sign-up:${ctx.ip ?? 'unknown'}`, SIGN_UP_LIMIT.count, now, SIGN_UP_LIMIT.windowMs);
  const email = input.email ?? null;
  const phone = input.phone ?? null;
  // Early answers for the common case; the unique indexes decide under concurrency.
  if (email && (await q.citizenByEmail(db, email))) throw new DomainError('CITIZEN_EMAIL_TAKEN');
  if (phone && (await q.citizenByPhone(db, phone))) throw new DomainError('CITIZEN_PHONE_TAKEN');
  checkPassword(input.password, passwordHint(email, phone));
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const row = await q.insertCitizen(tx, {
        fullName: input.fullName,
        email,
        phone,
        passwordHash,
        language: input.language ?? 'vi',
        createdAt: now,
        updatedAt: now,
      });
      const { token, me: signedInMe, actorCtx } = await openSession(tx, ctx, config, row, 'password', { signUp: true });
      await recordAudit(tx, actorCtx, {
        action: 'citizen.sign_up',
        objectType: 'citizen',
        objectId: row.id,
        details: { method: 'password', email: email !== null, phone: phone !== null },
      });
      return { token, me: signedInMe };
    });
  } catch (err) {
    throw q.takenError(err) ?? err;
  }
}

export async function signIn(ctx: ServiceContext, config: Config, input: PasswordSignInInput): Promise<SignedIn> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const kind = loginKind(input.login);
  const login = kind === 'email' ? normaliseEmail(input.login) : normalisePhone(input.login);
  const loginKey = `citizen-login:${keyHash(login)}`;
  const ipKey = `citizen-ip:${ctx.ip ?? 'unknown'}`;

  const wait = Math.max(
    await limits.retryAfter(db, loginKey, SIGN_IN_LIMITS.login, now),
    await limits.retryAfter(db, ipKey, SIGN_IN_LIMITS.ip, now),
  );
  if (wait > 0) {
    await recordAudit(db, ctx, { action: 'citizen.sign_in', outcome: 'denied', details: { method: 'password', reason: 'rate_limited' } });
    throw new DomainError('AUTH_RATE_LIMITED', { retryAfter: wait }, { 'retry-after': String(wait) });
  }
  await limits.countAttempt(db, ipKey, now);

  const row = kind === 'email' ? await q.citizenByEmail(db, login) : await q.citizenByPhone(db, login);
  const ok = row?.passwordHash ? await verifyPassword(row.passwordHash, input.password) : (await verifyPassword(await decoyHash(), input.password), false);
  if (!row || !ok || !row.active) {
    await db.transaction(async (tx) => {
      await limits.countAttempt(tx, loginKey, now);
      await recordAudit(tx, ctx, {
        action: 'citizen.sign_in',
        outcome: 'failure',
        objectType: row ? 'citizen' : undefined,
        objectId: row?.id,
        details: { method: 'password', by: kind },
      });
    });
    throw new DomainError('AUTH_INVALID_CREDENTIALS');
  }
  const { token, me: signedInMe } = await db.transaction((tx) => openSession(tx, ctx, config, row, 'password', { by: kind }));
  return { token, me: signedInMe };
}

/** The signed-in citizen, with the session's CSRF token. */
export async function me(ctx: ServiceContext, config: Config, csrfToken: string): Promise<CitizenMe> {
  const actor = citizenActor(ctx);
  const row = await q.citizenById(ctx.database.db, actor.citizenId);
  if (!row) throw new DomainError('AUTH_REQUIRED');
  return q.buildCitizenMe(ctx.database.db, config.oidc, row, csrfToken);
}

export async function signOut(ctx: ServiceContext): Promise<void> {
  const actor = citizenActor(ctx);
  await ctx.database.db.transaction(async (tx) => {
    await revokeCitizenSession(tx, actor.sessionId, ctx.clock.now());
    await recordAudit(tx, ctx, { action: 'citizen.sign_out', objectType: 'citizen', objectId: actor.citizenId });
  });
}

const PROFILE_FIELDS = ['fullName', 'email', 'phone', 'idNumber', 'birthDate', 'address', 'language'] as const;

export async function updateProfile(ctx: ServiceContext, config: Config, csrfToken: string, input: ProfileUpdateInput): Promise<CitizenMe> {
  const actor = citizenActor(ctx);
  const now = ctx.clock.now();
  try {
    return await ctx.database.db.transaction(async (tx) => {
      const row = await q.citizenById(tx, actor.citizenId, true);
      if (!row) throw new DomainError('AUTH_REQUIRED');
      if (row.version !== input.version) throw new DomainError('VERSION_CONFLICT', { version: row.version });
      const next = { ...row };
      const changed: string[] = [];
      for (const field of PROFILE_FIELDS) {
        const value = input[field];
        if (value === undefined || value === row[field]) continue;
        (next as Record<string, unknown>)[field] = value;
        changed.push(field);
      }
      if (changed.length === 0) return q.buildCitizenMe(tx, config.oidc, row, csrfToken);

      if (!next.email && !next.phone && (await q.identitiesOf(tx, row.id)).length === 0) throw new DomainError('CITIZEN_CONTACT_REQUIRED');
      if (next.idNumber && next.birthDate) {
        const problem = citizenIdProblem(next.idNumber, next.birthDate);
        if (problem) throw new DomainError('CITIZEN_ID_INVALID', { reason: problem });
      }
      const [updated] = await tx
        .update(citizens)
        .set({
          fullName: next.fullName,
          email: next.email,
          phone: next.phone,
          idNumber: next.idNumber,
          birthDate: next.birthDate,
          address: next.address,
          language: next.language,
          emailVerifiedAt: changed.includes('email') ? null : row.emailVerifiedAt,
          version: sql`${citizens.version} + 1`,
          updatedAt: now,
        })
        .where(eq(citizens.id, row.id))
        .returning();
      if (!updated) throw new DomainError('AUTH_REQUIRED');
      await recordAudit(tx, ctx, { action: 'citizen.profile_update', objectType: 'citizen', objectId: row.id, details: { fields: changed } });
      return q.buildCitizenMe(tx, config.oidc, updated, csrfToken);
    });
  } catch (err) {
    throw q.takenError(err) ?? err;
  }
}

export async function changePassword(ctx: ServiceContext, config: Config, csrfToken: string, input: CitizenPasswordChangeInput): Promise<CitizenMe> {
  const actor = citizenActor(ctx);
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const row = await q.citizenById(db, actor.citizenId);
  if (!row) throw new DomainError('AUTH_REQUIRED');
  const session = await q.sessionOf(db, actor.sessionId);
  const resetByCode = session?.method === 'otp' && now.getTime() - session.createdAt.getTime() <= CODE_SESSION_RESET_MS;

  if (row.passwordHash && !resetByCode) {
    const key = `citizen-password:${row.id}`;
    const wait = await limits.retryAfter(db, key, SIGN_IN_LIMITS.login, now);
    if (wait > 0) throw new DomainError('AUTH_RATE_LIMITED', { retryAfter: wait }, { 'retry-after': String(wait) });
    const ok = input.currentPassword !== undefined && (await verifyPassword(row.passwordHash, input.currentPassword));
    if (!ok) {
      await db.transaction(async (tx) => {
        await limits.countAttempt(tx, key, now);
        await recordAudit(tx, ctx, { action: 'citizen.password_change', outcome: 'failure', objectType: 'citizen', objectId: row.id });
      });
      throw new DomainError('AUTH_INVALID_CREDENTIALS');
    }
  }
  checkPassword(input.newPassword, passwordHint(row.email, row.phone));
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(citizens)
      .set({ passwordHash, version: sql`${citizens.version} + 1`, updatedAt: now })
      .where(eq(citizens.id, row.id))
      .returning();
    if (!updated) throw new DomainError('AUTH_REQUIRED');
    // Other sessions (a stolen cookie, another browser) end with the old password.
    await q.revokeCitizenSessions(tx, row.id, now, actor.sessionId);
    await recordAudit(tx, ctx, {
      action: 'citizen.password_change',
      objectType: 'citizen',
      objectId: row.id,
      details: { first: row.passwordHash === null, byCode: resetByCode && row.passwordHash !== null },
    });
    return q.buildCitizenMe(tx, config.oidc, updated, csrfToken);
  });
}
