/**
 * Citizens' sessions: the portal's own cookie and table, apart from staff
 * sessions (a citizen never reaches a staff route and the other way round).
 * Only the token's SHA-256 is stored; CSRF as for staff (X-CSRF-Token).
 * Idle timeout 30 minutes, absolute 12 hours, like staff sessions.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { CitizenActor } from '../../http/context.js';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from './credentials.js';
import { citizenSessions } from './schema.js';
import { newToken, sha256 } from './tokens.js';

export type CitizenSignInMethod = 'password' | 'otp' | 'oidc';

/** What the HTTP layer knows about a request's citizen session. */
export type CitizenSessionState = { actor: CitizenActor; csrfToken: string };

export function citizenCookieName(secure: boolean): string {
  return secure ? '__Host-motcua_citizen' : 'motcua_citizen';
}

export async function createCitizenSession(
  db: DbOrTx,
  citizenId: string,
  method: CitizenSignInMethod,
  now: Date,
): Promise<{ token: string; sessionId: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const [row] = await db
    .insert(citizenSessions)
    .values({ tokenHash: sha256(token), citizenId, csrfToken, method, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS) })
    .returning({ id: citizenSessions.id });
  if (!row) throw new Error('insert returned nothing');
  return { token, sessionId: row.id, csrfToken };
}

/** The live session of an active account behind a cookie token, in one statement; touches it at most once a minute. */
export async function authenticateCitizen(db: DbOrTx, token: string, now: Date): Promise<CitizenSessionState | undefined> {
  const idleSince = new Date(now.getTime() - IDLE_TIMEOUT_MS);
  const result = await db.execute<{ session_id: string; citizen_id: string; csrf_token: string; last_seen_at: Date | string }>(sql`
    SELECT s.id AS session_id, s.citizen_id, s.csrf_token, s.last_seen_at
    FROM citizen_sessions s JOIN citizens c ON c.id = s.citizen_id AND c.active
    WHERE s.token_hash = ${sha256(token)} AND s.revoked_at IS NULL AND s.expires_at > ${now} AND s.last_seen_at > ${idleSince}`);
  const r = result.rows[0];
  if (!r) return undefined;
  if (now.getTime() - new Date(r.last_seen_at).getTime() >= 60_000) {
    await db.update(citizenSessions).set({ lastSeenAt: now }).where(eq(citizenSessions.id, r.session_id));
  }
  return { actor: { kind: 'citizen', citizenId: r.citizen_id, sessionId: r.session_id }, csrfToken: r.csrf_token };
}

export async function revokeCitizenSession(db: DbOrTx, sessionId: string, now: Date): Promise<void> {
  await db.update(citizenSessions).set({ revokedAt: now }).where(eq(citizenSessions.id, sessionId));
}
