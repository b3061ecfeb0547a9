/**
 * Credentials and sessions of staff accounts: the auth module's tables, behind
 * functions the org module calls when it creates, resets or disables accounts.
 */
import { and, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { DomainError } from '../../http/errors.js';
import { generatePassword, hashPassword, passwordProblem } from './passwords.js';
import { sessions, staffCredentials } from './schema.js';
import { newToken, sha256 } from './tokens.js';

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 3600_000;

/**
 * Sets (or generates, when `password` is absent) the account's password and
 * returns it. A given password must pass the policy.
 */
export async function setPassword(
  db: DbOrTx,
  staffId: string,
  opts: { password?: string | undefined; username: string; mustChange: boolean; now: Date },
): Promise<string> {
  const password = opts.password ?? generatePassword();
  const problem = passwordProblem(password, opts.username);
  if (problem) throw new DomainError('PASSWORD_POLICY', { reason: problem });
  const passwordHash = await hashPassword(password);
  await db
    .insert(staffCredentials)
    .values({ staffId, passwordHash, mustChangePassword: opts.mustChange, passwordChangedAt: opts.now })
    .onConflictDoUpdate({
      target: staffCredentials.staffId,
      set: { passwordHash, mustChangePassword: opts.mustChange, passwordChangedAt: opts.now },
    });
  return password;
}

export async function credentialsOf(db: DbOrTx, staffId: string) {
  const [row] = await db.select().from(staffCredentials).where(eq(staffCredentials.staffId, staffId));
  return row;
}

export async function totpEnabledOf(db: DbOrTx, staffIds: string[]): Promise<Set<string>> {
  if (staffIds.length === 0) return new Set();
  const rows = await db
    .select({ staffId: staffCredentials.staffId })
    .from(staffCredentials)
    .where(and(inArray(staffCredentials.staffId, staffIds), eq(staffCredentials.totpEnabled, true)));
  return new Set(rows.map((r) => r.staffId));
}

export async function revokeSessions(db: DbOrTx, staffId: string, now: Date, exceptSessionId?: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.staffId, staffId),
        isNull(sessions.revokedAt),
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    );
}

export async function createSession(
  db: DbOrTx,
  staffId: string,
  mfaVerified: boolean,
  now: Date,
): Promise<{ token: string; sessionId: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const [row] = await db
    .insert(sessions)
    .values({
      tokenHash: sha256(token),
      staffId,
      csrfToken,
      mfaVerified,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
    })
    .returning({ id: sessions.id });
  if (!row) throw new Error('insert returned nothing');
  return { token, sessionId: row.id, csrfToken };
}

/** The live session of a cookie token: not revoked, not past 12 h, used within 30 min. */
export async function liveSession(db: DbOrTx, token: string, now: Date) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.tokenHash, sha256(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, new Date(now.getTime() - IDLE_TIMEOUT_MS)),
      ),
    );
  return row;
}

/** Records activity; written at most once a minute per session to spare the database. */
export async function touchSession(db: DbOrTx, sessionId: string, lastSeenAt: Date, now: Date): Promise<void> {
  if (now.getTime() - lastSeenAt.getTime() < 60_000) return;
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
}

export async function revokeSession(db: DbOrTx, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
}
