/**
 * The audit log: who did what to which object, from where, with what outcome.
 * Written in the same transaction as the change it records (pass the `tx`).
 * Refused authorizations and failed sign-ins are recorded on their own.
 * Details must name objects, never copy personal data into the log.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../http/context.js';
import { auditLog } from './schema.js';

export type AuditEntry = {
  action: string;
  objectType?: string;
  objectId?: string;
  unitId?: string | null;
  outcome?: 'success' | 'denied' | 'failure';
  details?: Record<string, unknown>;
};

export async function recordAudit(
  db: DbOrTx,
  who: { actor: Actor; ip: string | null },
  entry: AuditEntry,
): Promise<void> {
  const actorId = who.actor.kind === 'staff' ? who.actor.staffId : who.actor.kind === 'citizen' ? who.actor.citizenId : null;
  const unitId = entry.unitId ?? (who.actor.kind === 'staff' ? who.actor.unitId : null);
  await db.insert(auditLog).values({
    actorId,
    actorKind: who.actor.kind,
    unitId,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    ip: who.ip,
    outcome: entry.outcome ?? 'success',
    details: entry.details ?? {},
  });
}

export type ChainReport =
  | { ok: true; rows: number; head: string | null }
  | { ok: false; rows: number; brokenAtSeq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' };

const GENESIS = '0'.repeat(64);
type ChainRow = {
  seq: string;
  prev_hash: string;
  at: string;
  actor_id: string | null;
  actor_kind: string;
  unit_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  ip: string | null;
  outcome: string;
  details: string;
  hash: string;
};

/** The canonical text a row's hash covers; must match `audit_log_canonical` in SQL. */
export function canonicalAuditText(r: Omit<ChainRow, 'hash'>): string {
  return [
    r.seq,
    r.prev_hash,
    r.at,
    r.actor_id ?? '',
    r.actor_kind,
    r.unit_id ?? '',
    r.action,
    r.object_type ?? '',
    r.object_id ?? '',
    r.ip ?? '',
    r.outcome,
    r.details,
  ].join('\x1f');
}

/**
 * Recomputes the whole chain outside the database (so a tampered SQL function
 * cannot vouch for itself). Deleting the newest rows leaves a valid shorter
 * chain: anchor the reported `head` hash elsewhere to detect that too.
 */
export async function verifyAuditChain(db: DbOrTx, batch = 5000): Promise<ChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let rows = 0;
  for (;;) {
    const result = await db.execute<ChainRow>(sql`
      SELECT seq::text, prev_hash,
             to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
             actor_id::text, actor_kind, unit_id::text, action, object_type, object_id, ip,
             outcome::text, details::text, hash
        FROM audit_log WHERE audit_log.seq >= ${expectedSeq} ORDER BY audit_log.seq LIMIT ${batch}`);
    if (result.rows.length === 0) break;
    for (const r of result.rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return { ok: false, rows, brokenAtSeq: expectedSeq, reason: 'sequence_gap' };
      if (r.prev_hash !== prevHash) return { ok: false, rows, brokenAtSeq: seq, reason: 'prev_hash_mismatch' };
      const hash = createHash('sha256').update(canonicalAuditText(r), 'utf8').digest('hex');
      // A public hash chain, not a secret: a timing difference reveals nothing.
      // eslint-disable-next-line security/detect-possible-timing-attacks
      if (hash !== r.hash) return { ok: false, rows, brokenAtSeq: seq, reason: 'hash_mismatch' };
      prevHash = r.hash;
      expectedSeq += 1;
      rows += 1;
    }
  }
  return { ok: true, rows, head: rows === 0 ? null : prevHash };
}
