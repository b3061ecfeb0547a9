/**
 * One-time codes by e-mail: signing in without a password, and confirming
 * the signed-in citizen's own e-mail.
 *
 * Decisions:
 * - A code is 6 digits from `crypto.randomInt`, good for 10 minutes and 5
 *   tries; only its HMAC-SHA-256 (with the purpose and the address) under a
 *   key derived from the master secret key is stored, so a copy of the table
 *   without the key cannot be searched through the million codes of a live
 *   one (and sessions are separate tokens). A new request replaces the live code of
 *   the same address and purpose (one live code per e-mail; an advisory lock
 *   serialises two requests at once). The fifth wrong try spends the code.
 *   A wrong, spent, expired or replaced code answers the same 401
 *   CITIZEN_OTP_INVALID.
 * - Requests are limited to 5 per 10 minutes per e-mail and 30 per 10 minutes
 *   per client address; checks to 60 per 10 minutes per address (429
 *   RATE_LIMITED with Retry-After) — with 5 tries a code and a fresh code at
 *   most every 2 minutes, guessing takes ~10^5 requests per hit.
 * - A request answers the same whether an account has the address or not
 *   (the mail is sent either way), so it tells nobody who has an account.
 *   The code goes out at once through the notify module's SMTP transport
 *   (`sendOneTimeCode`); without `MOTCUA_SMTP_URL` the option is off (404
 *   CITIZEN_OTP_NOT_AVAILABLE, and `auth-options` says so); a send the SMTP
 *   server refuses answers 503 CITIZEN_OTP_SEND_FAILED and spends the code.
 * - Signing in with a code proves the e-mail: an address without an account
 *   gets a new passwordless account (its name is empty until the citizen
 *   fills in the profile; `created: true` tells the page); an account whose
 *   e-mail was not verified yet becomes verified — and since whoever set its
 *   password never proved the address (an attacker may sign up with someone
 *   else's e-mail and wait for them to use it: "pre-hijacking"), that password
 *   is removed and the account's other sessions end. The citizen sets a new
 *   password on the account page (no current password asked within 30
 *   minutes of a code sign-in). A signed-in citizen confirms their own e-mail
 *   with a code of purpose `verify_email` instead, which keeps everything.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { CitizenMe, OtpSent } from '../../../contracts/citizens.js';
import type { Language } from '../../../contracts/dossiers.js';
import type { DbOrTx } from '../../db/client.js';
import { citizenActor, type AppDeps, type ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { canSendOneTimeCodes, sendOneTimeCode, type OneTimeCodePurpose } from '../notify/one-time-code.js';
import * as q from './citizen-queries.js';
import { asCitizen, keyHash, openSession, type SignedIn } from './citizens.js';
import * as limits from './rate-limit.js';
import { citizenOtps, citizens } from './schema.js';

export const OTP_TTL_MS = 10 * 60_000;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_LIMITS = {
  perEmail: { count: 5, windowMs: 10 * 60_000 },
  perIp: { count: 30, windowMs: 10 * 60_000 },
  checksPerIp: { count: 60, windowMs: 10 * 60_000 },
} as const;

/** What sending and checking codes needs of the app: the mail settings and the master secret key. */
export type OtpDeps = Pick<AppDeps, 'config' | 'secretKey'>;

/**
 * A code's digest: HMAC-SHA-256 under a key derived from the master secret key
 * (MOTCUA_SECRET_KEY), so a copy of the table alone cannot be searched through
 * the million possible codes of a live one.
 */
function codeHash(secretKey: Buffer, purpose: OneTimeCodePurpose, email: string, code: string): Buffer {
  const key = createHmac('sha256', secretKey).update('motcua/citizen-otp/v1').digest();
  return createHmac('sha256', key).update(`${purpose}:${email}:${code}`).digest();
}

function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Several limits at once: counted only when none is reached, so one refusal does not use up the others. */
async function limitAll(db: DbOrTx, checks: { key: string; count: number; windowMs: number }[], now: Date): Promise<void> {
  let wait = 0;
  for (const c of checks) wait = Math.max(wait, await limits.retryAfter(db, c.key, c.count, now, c.windowMs));
  if (wait > 0) throw new DomainError('RATE_LIMITED', { retryAfter: wait }, { 'retry-after': String(wait) });
  for (const c of checks) await limits.countAttempt(db, c.key, now);
}

/** Stores a fresh code for the address (replacing its live one) and mails it. */
async function issueCode(ctx: ServiceContext, deps: OtpDeps, email: string, purpose: OneTimeCodePurpose, language: Language): Promise<OtpSent> {
  const { config } = deps;
  if (!canSendOneTimeCodes(config.notify)) throw new DomainError('CITIZEN_OTP_NOT_AVAILABLE');
  const { db } = ctx.database;
  const now = ctx.clock.now();
  await limitAll(
    db,
    [
      { key: `citizen-otp-email:${keyHash(email)}`, ...OTP_LIMITS.perEmail },
      { key: `citizen-otp-ip:${ctx.ip ?? 'unknown'}`, ...OTP_LIMITS.perIp },
    ],
    now,
  );
  const code = newCode();
  const id = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`citizen-otp:${email}`}))`);
    // The live code is replaced; codes older than a day are of no use to anyone.
    await tx
      .update(citizenOtps)
      .set({ usedAt: now })
      .where(and(eq(citizenOtps.email, email), eq(citizenOtps.purpose, purpose), isNull(citizenOtps.usedAt)));
    await tx.delete(citizenOtps).where(and(eq(citizenOtps.email, email), lt(citizenOtps.createdAt, new Date(now.getTime() - 86_400_000))));
    const [row] = await tx
      .insert(citizenOtps)
      .values({ email, purpose, codeHash: codeHash(deps.secretKey, purpose, email, code), createdAt: now, expiresAt: new Date(now.getTime() + OTP_TTL_MS) })
      .returning({ id: citizenOtps.id });
    const account = await q.citizenByEmail(tx, email);
    await recordAudit(tx, ctx, { action: 'citizen.code_request', objectType: account ? 'citizen' : undefined, objectId: account?.id, details: { purpose } });
    if (!row) throw new Error('insert returned nothing');
    return row.id;
  });
  try {
    await sendOneTimeCode(config.notify, { to: email, code, language, purpose, minutes: OTP_TTL_MS / 60_000 });
  } catch {
    await db.update(citizenOtps).set({ usedAt: now }).where(eq(citizenOtps.id, id));
    throw new DomainError('CITIZEN_OTP_SEND_FAILED');
  }
  return { sent: true, expiresIn: OTP_TTL_MS / 1000 };
}

/**
 * Checks a code in one transaction with `onValid` (which runs only for the
 * right code, after it is spent). A wrong code counts a try, and that count
 * is committed; the answer is then 401 CITIZEN_OTP_INVALID.
 */
async function consumeCode<T>(ctx: ServiceContext, secretKey: Buffer, email: string, purpose: OneTimeCodePurpose, code: string, onValid: (tx: DbOrTx) => Promise<T>): Promise<T> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  await limits.limitRequests(db, `citizen-otp-check:${ctx.ip ?? 'unknown'}`, OTP_LIMITS.checksPerIp.count, now, OTP_LIMITS.checksPerIp.windowMs);
  const outcome = await db.transaction(async (tx): Promise<{ ok: true; value: T } | { ok: false }> => {
    const [row] = await tx
      .select()
      .from(citizenOtps)
      .where(and(eq(citizenOtps.email, email), eq(citizenOtps.purpose, purpose), isNull(citizenOtps.usedAt), gt(citizenOtps.expiresAt, now)))
      .orderBy(desc(citizenOtps.createdAt))
      .limit(1)
      .for('update');
    if (!row || row.attempts >= OTP_MAX_ATTEMPTS) return { ok: false };
    const expected = codeHash(secretKey, purpose, email, code);
    if (!timingSafeEqual(row.codeHash, expected)) {
      const attempts = row.attempts + 1;
      await tx
        .update(citizenOtps)
        .set({ attempts, ...(attempts >= OTP_MAX_ATTEMPTS ? { usedAt: now } : {}) })
        .where(eq(citizenOtps.id, row.id));
      return { ok: false };
    }
    await tx.update(citizenOtps).set({ usedAt: now }).where(eq(citizenOtps.id, row.id));
    return { ok: true, value: await onValid(tx) };
  });
  if (!outcome.ok) {
    const account = await q.citizenByEmail(db, email);
    await recordAudit(db, ctx, {
      action: purpose === 'sign_in' ? 'citizen.sign_in' : 'citizen.email_verify',
      outcome: 'failure',
      objectType: account ? 'citizen' : undefined,
      objectId: account?.id,
      details: { method: 'otp' },
    });
    throw new DomainError('CITIZEN_OTP_INVALID');
  }
  return outcome.value;
}

export async function requestSignInCode(ctx: ServiceContext, deps: OtpDeps, input: { email: string; language?: Language | undefined }): Promise<OtpSent> {
  const account = await q.citizenByEmail(ctx.database.db, input.email);
  return issueCode(ctx, deps, input.email, 'sign_in', input.language ?? (account ? q.languageOf(account) : 'vi'));
}

export async function signInWithCode(ctx: ServiceContext, deps: OtpDeps, input: { email: string; code: string }): Promise<SignedIn & { created: boolean }> {
  const now = ctx.clock.now();
  try {
    return await consumeCode(ctx, deps.secretKey, input.email, 'sign_in', input.code, async (tx) => {
      let row = await q.citizenByEmail(tx, input.email);
      let created = false;
      if (!row) {
        row = await q.insertCitizen(tx, { fullName: '', email: input.email, emailVerifiedAt: now, createdAt: now, updatedAt: now });
        created = true;
      } else if (!row.active) {
        throw new DomainError('CITIZEN_OTP_INVALID');
      } else if (row.emailVerifiedAt === null) {
        const [verified] = await tx
          .update(citizens)
          .set({ emailVerifiedAt: now, passwordHash: null, version: sql`${citizens.version} + 1`, updatedAt: now })
          .where(eq(citizens.id, row.id))
          .returning();
        await q.revokeCitizenSessions(tx, row.id, now);
        await recordAudit(tx, ctx, { action: 'citizen.email_verify', objectType: 'citizen', objectId: row.id, details: { method: 'otp', passwordRemoved: row.passwordHash !== null } });
        row = verified ?? row;
      }
      const { token, me, actorCtx } = await openSession(tx, ctx, deps.config, row, 'otp', { created });
      if (created) await recordAudit(tx, actorCtx, { action: 'citizen.sign_up', objectType: 'citizen', objectId: row.id, details: { method: 'otp', email: true, phone: false } });
      return { token, me, created };
    });
  } catch (err) {
    // A sign-up with this e-mail at the same instant: its account wins, this code is spent.
    if (q.takenError(err)) throw new DomainError('CITIZEN_OTP_INVALID');
    throw err;
  }
}

/** The signed-in citizen's own e-mail, not yet verified. */
async function ownUnverifiedEmail(ctx: ServiceContext): Promise<q.CitizenRow & { email: string }> {
  const actor = citizenActor(ctx);
  const row = await q.citizenById(ctx.database.db, actor.citizenId);
  if (!row) throw new DomainError('AUTH_REQUIRED');
  if (!row.email) throw new DomainError('CITIZEN_NO_EMAIL');
  if (row.emailVerifiedAt) throw new DomainError('CITIZEN_EMAIL_ALREADY_VERIFIED');
  return { ...row, email: row.email };
}

export async function requestEmailCode(ctx: ServiceContext, deps: OtpDeps): Promise<OtpSent> {
  const row = await ownUnverifiedEmail(ctx);
  return issueCode(ctx, deps, row.email, 'verify_email', q.languageOf(row));
}

export async function confirmEmail(ctx: ServiceContext, deps: OtpDeps, csrfToken: string, code: string): Promise<CitizenMe> {
  const row = await ownUnverifiedEmail(ctx);
  const now = ctx.clock.now();
  return consumeCode(ctx, deps.secretKey, row.email, 'verify_email', code, async (tx) => {
    const [updated] = await tx
      .update(citizens)
      .set({ emailVerifiedAt: now, version: sql`${citizens.version} + 1`, updatedAt: now })
      // The e-mail may have changed since the code was sent: only that address is confirmed.
      .where(and(eq(citizens.id, row.id), eq(citizens.email, row.email), isNull(citizens.emailVerifiedAt)))
      .returning();
    if (!updated) throw new DomainError('CITIZEN_OTP_INVALID');
    await recordAudit(tx, asCitizen(ctx, row.id, citizenActor(ctx).sessionId), { action: 'citizen.email_verify', objectType: 'citizen', objectId: row.id, details: { method: 'code' } });
    return q.buildCitizenMe(tx, deps.config.oidc, updated, csrfToken);
  });
}

