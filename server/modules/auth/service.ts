/**
 * Staff sign-in, sessions, TOTP and password changes.
 *
 * Decisions:
 * - one request signs in: username + password (+ `totpCode` when the account
 *   has TOTP); without a code the answer is `AUTH_TOTP_REQUIRED`;
 * - admin and leader must enrol TOTP: until they do, their session can reach
 *   only the enrolment routes (`totpEnrolmentRequired` in `me`);
 * - a generated password (new or reset account) must be changed first;
 * - every sign-in creates a new token (no fixation); sign-out, password reset
 *   and disabling the account revoke sessions;
 * - failed sign-ins are audited and counted for the rate limit.
 */
import { and, eq } from 'drizzle-orm';
import { ROLES_REQUIRING_TOTP } from '../../../contracts/roles.js';
import type { Database, DbOrTx } from '../../db/client.js';
import type { Clock, ServiceContext, StaffActor } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { permissionsOf, scopeRoots, type Permission, type RoleGrant } from '../../http/permissions.js';
import { recordAudit } from '../audit/service.js';
import * as org from '../org/service.js';
import * as cred from './credentials.js';
import { decoyHash, verifyPassword } from './passwords.js';
import * as limits from './rate-limit.js';
import { sessions, staffCredentials } from './schema.js';
import { acceptedStep, enrolment, newTotpSecret } from './totp.js';

export type Me = {
  staff: {
    id: string;
    username: string;
    fullName: string;
    title: string | null;
    position: string | null;
    unitId: string;
    unitName: string;
  };
  roles: (RoleGrant & { unitName: string })[];
  permissions: Permission[];
  totpEnabled: boolean;
  totpEnrolmentRequired: boolean;
  mustChangePassword: boolean;
  csrfToken: string;
};

/** What the HTTP layer knows about a request's session after `authenticate`. */
export type SessionState = {
  actor: StaffActor;
  csrfToken: string;
  totpEnrolmentRequired: boolean;
  mustChangePassword: boolean;
};

function totpRequiredFor(grants: RoleGrant[]): boolean {
  return grants.some((g) => ROLES_REQUIRING_TOTP.includes(g.role));
}

export function makeActor(staffId: string, username: string, unitId: string, sessionId: string, grants: RoleGrant[]): StaffActor {
  return { kind: 'staff', staffId, username, unitId, sessionId, grants, scope: (p) => scopeRoots(grants, p) };
}

export async function signIn(
  ctx: ServiceContext,
  input: { username: string; password: string; totpCode?: string | undefined },
): Promise<{ token: string; me: Me }> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const username = input.username.trim().toLowerCase();
  const userKey = limits.userKey(username);
  const ipKey = ctx.ip ? limits.ipKey(ctx.ip) : undefined;

  const wait = Math.max(
    await limits.retryAfter(db, userKey, limits.LIMITS.user, now),
    ipKey ? await limits.retryAfter(db, ipKey, limits.LIMITS.ip, now) : 0,
  );
  if (wait > 0) {
    await recordAudit(db, ctx, { action: 'auth.sign_in', outcome: 'denied', details: { username, reason: 'rate_limited' } });
    throw new DomainError('AUTH_RATE_LIMITED', { retryAfter: wait }, { 'retry-after': String(wait) });
  }
  if (ipKey) await limits.countAttempt(db, ipKey, now);

  const fail = async (code: 'AUTH_INVALID_CREDENTIALS' | 'AUTH_TOTP_INVALID', staffId?: string): Promise<never> => {
    await db.transaction(async (tx) => {
      await limits.countAttempt(tx, userKey, now);
      await recordAudit(tx, ctx, {
        action: 'auth.sign_in',
        outcome: 'failure',
        objectType: staffId ? 'staff' : undefined,
        objectId: staffId,
        details: { username, reason: code === 'AUTH_TOTP_INVALID' ? 'totp' : 'password' },
      });
    });
    throw new DomainError(code);
  };

  const account = await org.findStaffByUsername(db, username);
  const creds = account ? await cred.credentialsOf(db, account.id) : undefined;
  const passwordOk = creds
    ? await verifyPassword(creds.passwordHash, input.password)
    : (await verifyPassword(await decoyHash(), input.password), false);
  if (!account || !creds || !passwordOk || !account.active) return fail('AUTH_INVALID_CREDENTIALS', account?.id);

  let totpStep: number | null = null;
  if (creds.totpEnabled && creds.totpSecret) {
    if (!input.totpCode) throw new DomainError('AUTH_TOTP_REQUIRED');
    totpStep = acceptedStep(creds.totpSecret, input.totpCode, now, creds.totpLastStep);
    if (totpStep === null) return fail('AUTH_TOTP_INVALID', account.id);
  }

  return db.transaction(async (tx) => {
    if (totpStep !== null) await tx.update(staffCredentials).set({ totpLastStep: totpStep }).where(eq(staffCredentials.staffId, account.id));
    const session = await cred.createSession(tx, account.id, totpStep !== null, now);
    const actorCtx: ServiceContext = { ...ctx, actor: makeActor(account.id, username, account.unitId, session.sessionId, []) };
    await recordAudit(tx, actorCtx, { action: 'auth.sign_in', objectType: 'staff', objectId: account.id, details: { totp: totpStep !== null } });
    const me = await buildMe(tx, account.id, session.csrfToken);
    if (!me) throw new DomainError('AUTH_INVALID_CREDENTIALS');
    return { token: session.token, me };
  });
}

/** Resolves a cookie token to the signed-in staff member, or undefined. */
export async function authenticate(database: Database, clock: Clock, token: string): Promise<SessionState | undefined> {
  const { db } = database;
  const now = clock.now();
  const p = await cred.principalOf(db, token, now);
  if (!p) return undefined;
  await cred.touchSession(db, p.sessionId, p.lastSeenAt, now);
  return {
    actor: makeActor(p.staffId, p.username, p.unitId, p.sessionId, p.grants),
    csrfToken: p.csrfToken,
    totpEnrolmentRequired: totpRequiredFor(p.grants) && !p.totpEnabled,
    mustChangePassword: p.mustChangePassword,
  };
}

async function buildMe(db: DbOrTx, staffId: string, csrfToken: string): Promise<Me | undefined> {
  const who = await org.staffIdentity(db, staffId);
  const creds = await cred.credentialsOf(db, staffId);
  if (!who || !creds) return undefined;
  const name = (id: string): string => who.unitNames.get(id) ?? '';
  return {
    staff: {
      id: who.staff.id,
      username: who.staff.username,
      fullName: who.staff.fullName,
      title: who.staff.title,
      position: who.staff.position,
      unitId: who.staff.unitId,
      unitName: name(who.staff.unitId),
    },
    roles: who.grants.map((g) => ({ ...g, unitName: name(g.unitId) })),
    permissions: permissionsOf(who.grants),
    totpEnabled: creds.totpEnabled,
    totpEnrolmentRequired: totpRequiredFor(who.grants) && !creds.totpEnabled,
    mustChangePassword: creds.mustChangePassword,
    csrfToken,
  };
}

export async function me(ctx: ServiceContext, session: SessionState): Promise<Me> {
  const result = await buildMe(ctx.database.db, session.actor.staffId, session.csrfToken);
  if (!result) throw new DomainError('AUTH_REQUIRED');
  return result;
}

export async function signOut(ctx: ServiceContext, session: SessionState): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    await cred.revokeSession(tx, session.actor.sessionId, ctx.clock.now());
    await recordAudit(tx, ctx, { action: 'auth.sign_out', objectType: 'staff', objectId: session.actor.staffId });
  });
}

export async function startTotpEnrolment(
  ctx: ServiceContext,
  session: SessionState,
): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
  const secret = newTotpSecret();
  await ctx.database.db.transaction(async (tx) => {
    await tx.update(staffCredentials).set({ totpPendingSecret: secret }).where(eq(staffCredentials.staffId, session.actor.staffId));
    await recordAudit(tx, ctx, { action: 'auth.totp_setup', objectType: 'staff', objectId: session.actor.staffId });
  });
  return { secret, ...(await enrolment(secret, session.actor.username)) };
}

export async function confirmTotpEnrolment(ctx: ServiceContext, session: SessionState, code: string): Promise<Me> {
  const now = ctx.clock.now();
  const staffId = session.actor.staffId;
  const creds = await cred.credentialsOf(ctx.database.db, staffId);
  if (!creds?.totpPendingSecret) throw new DomainError('AUTH_TOTP_NOT_STARTED');
  const step = acceptedStep(creds.totpPendingSecret, code, now, null);
  if (step === null) {
    await recordAudit(ctx.database.db, ctx, { action: 'auth.totp_confirm', outcome: 'failure', objectType: 'staff', objectId: staffId });
    throw new DomainError('AUTH_TOTP_INVALID');
  }
  return ctx.database.db.transaction(async (tx) => {
    const updated = await tx
      .update(staffCredentials)
      .set({ totpSecret: creds.totpPendingSecret, totpPendingSecret: null, totpEnabled: true, totpLastStep: step })
      .where(and(eq(staffCredentials.staffId, staffId), eq(staffCredentials.totpPendingSecret, creds.totpPendingSecret ?? '')))
      .returning({ staffId: staffCredentials.staffId });
    // A second setup started meanwhile replaced the secret this code was made from.
    if (updated.length === 0) throw new DomainError('AUTH_TOTP_NOT_STARTED');
    await tx.update(sessions).set({ mfaVerified: true }).where(eq(sessions.id, session.actor.sessionId));
    await recordAudit(tx, ctx, { action: 'auth.totp_confirm', objectType: 'staff', objectId: staffId });
    const result = await buildMe(tx, staffId, session.csrfToken);
    if (!result) throw new DomainError('AUTH_REQUIRED');
    return result;
  });
}

export async function changePassword(
  ctx: ServiceContext,
  session: SessionState,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const now = ctx.clock.now();
  const staffId = session.actor.staffId;
  const creds = await cred.credentialsOf(ctx.database.db, staffId);
  if (!creds || !(await verifyPassword(creds.passwordHash, input.currentPassword))) {
    await recordAudit(ctx.database.db, ctx, { action: 'auth.password_change', outcome: 'failure', objectType: 'staff', objectId: staffId });
    throw new DomainError('AUTH_INVALID_CREDENTIALS');
  }
  await ctx.database.db.transaction(async (tx) => {
    await cred.setPassword(tx, staffId, { password: input.newPassword, username: session.actor.username, mustChange: false, now });
    // Other sessions (a stolen cookie, another browser) end with the old password.
    await cred.revokeSessions(tx, staffId, now, session.actor.sessionId);
    await recordAudit(tx, ctx, { action: 'auth.password_change', objectType: 'staff', objectId: staffId });
  });
}
