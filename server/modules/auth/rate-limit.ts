/**
 * Rate limits, kept in PostgreSQL so every app process shares them: sign-in,
 * and the public routes (`limitRequests`).
 *
 * - per username: 10 failed attempts in a sliding minute;
 * - per client IP: 100 attempts (failed or not) in a sliding minute — a
 *   service centre's staff often share one address, so this cap is loose.
 *
 * A refused attempt is not itself counted, so an attacker cannot keep a real
 * user locked out: the lock lifts at most a minute after the oldest counted
 * attempt, and the `Retry-After` header says when.
 */
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { DomainError } from '../../http/errors.js';
import { loginAttempts } from './schema.js';

export const WINDOW_MS = 60_000;
export const LIMITS = { user: 10, ip: 100 } as const;

export const userKey = (username: string): string => `user:${username}`;
export const ipKey = (ip: string): string => `ip:${ip}`;

/** Seconds until `key` may try again (at most `limit` in a sliding `windowMs`), or 0 when it may now. */
export async function retryAfter(db: DbOrTx, key: string, limit: number, now: Date, windowMs = WINDOW_MS): Promise<number> {
  const since = new Date(now.getTime() - windowMs);
  const rows = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, key), gt(loginAttempts.at, since)))
    .orderBy(sql`${loginAttempts.at} DESC`)
    .limit(limit);
  if (rows.length < limit) return 0;
  const oldestCounted = rows[rows.length - 1]?.at ?? now;
  return Math.max(1, Math.ceil((oldestCounted.getTime() + windowMs - now.getTime()) / 1000));
}

/**
 * A public route's limit: at most `limit` requests under `key` (e.g. the
 * client address) in a sliding `windowMs`; beyond it 429 RATE_LIMITED with
 * Retry-After. Every request let through is counted.
 */
export async function limitRequests(db: DbOrTx, key: string, limit: number, now: Date, windowMs = WINDOW_MS): Promise<void> {
  const wait = await retryAfter(db, key, limit, now, windowMs);
  if (wait > 0) throw new DomainError('RATE_LIMITED', { retryAfter: wait }, { 'retry-after': String(wait) });
  await countAttempt(db, key, now);
}

export async function countAttempt(db: DbOrTx, key: string, now: Date): Promise<void> {
  await db.insert(loginAttempts).values({ key, at: now });
}

/** Drops attempts older than a day; called now and then, not on every request. */
export async function pruneAttempts(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(now.getTime() - 86_400_000)));
}
