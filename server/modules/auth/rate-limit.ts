/**
 * Sign-in rate limits, kept in PostgreSQL so every app process shares them.
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
import { loginAttempts } from './schema.js';

export const WINDOW_MS = 60_000;
export const LIMITS = { user: 10, ip: 100 } as const;

export const userKey = (username: string): string => `user:${username}`;
export const ipKey = (ip: string): string => `ip:${ip}`;

/** Seconds until `key` may try again, or 0 when it may now. */
export async function retryAfter(db: DbOrTx, key: string, limit: number, now: Date): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const rows = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, key), gt(loginAttempts.at, since)))
    .orderBy(sql`${loginAttempts.at} DESC`)
    .limit(limit);
  if (rows.length < limit) return 0;
  const oldestCounted = rows[rows.length - 1]?.at ?? now;
  return Math.max(1, Math.ceil((oldestCounted.getTime() + WINDOW_MS - now.getTime()) / 1000));
}

export async function countAttempt(db: DbOrTx, key: string, now: Date): Promise<void> {
  await db.insert(loginAttempts).values({ key, at: now });
}

/** Drops attempts older than a day; called now and then, not on every request. */
export async function pruneAttempts(db: DbOrTx, now: Date): Promise<void> {
  await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(now.getTime() - 86_400_000)));
}
