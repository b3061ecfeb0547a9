/**
 * Credentials and sessions of staff accounts: the auth module's tables, behind
 * functions the org module calls when it creates, resets or disables accounts.
 */
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Role } from '../../../contracts/roles.js';
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

export type Principal = {
  sessionId: string;
  staffId: string;
  csrfToken: string;
  lastSeenAt: Date;
  username: string;
  unitId: string;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  grants: { role: Role; unitId: string }[];
};

/**
 * Everything a request needs to know about its signed-in staff member, in one
 * statement (this runs on every staff request): the live session, the active
 * account, its second-factor and password state, and its role grants.
 */
export async function principalOf(db: DbOrTx, token: string, now: Date): Promise<Principal | undefined> {
  const idleSince = new Date(now.getTime() - IDLE_TIMEOUT_MS);
  const result = await db.execute<{
    session_id: string;
    staff_id: string;
    csrf_token: string;
    last_seen_at: Date | string;
    username: string;
    unit_id: string;
    totp_enabled: boolean;
    must_change_password: boolean;
    grants: { role: Role; unitId: string }[];
  }>(sql`
    SELECT s.id AS session_id, s.staff_id, s.csrf_token, s.last_seen_at, st.username, st.unit_id,
           c.totp_enabled, c.must_change_password,
           coalesce((SELECT json_agg(json_build_object('role', r.role, 'unitId', r.unit_id)) FROM staff_roles r WHERE r.staff_id = s.staff_id), '[]'::json) AS grants
    FROM sessions s
    JOIN staff st ON st.id = s.staff_id AND st.active
    JOIN staff_credentials c ON c.staff_id = s.staff_id
    WHERE s.token_hash = ${sha256(token)} AND s.revoked_at IS NULL AND s.expires_at > ${now} AND s.last_seen_at > ${idleSince}`);
  const r = result.rows[0];
  if (!r) return undefined;
  return {
    sessionId: r.session_id,
    staffId: r.staff_id,
    csrfToken: r.csrf_token,
    lastSeenAt: new Date(r.last_seen_at),
    username: r.username,
    unitId: r.unit_id,
    totpEnabled: r.totp_enabled,
    mustChangePassword: r.must_change_password,
    grants: r.grants,
  };
}

/** Records activity; written at most once a minute per session to spare the database. */
export async function touchSession(db: DbOrTx, sessionId: string, lastSeenAt: Date, now: Date): Promise<void> {
  if (now.getTime() - lastSeenAt.getTime() < 60_000) return;
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
}

export async function revokeSession(db: DbOrTx, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
}
