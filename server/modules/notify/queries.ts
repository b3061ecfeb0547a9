/**
 * SQL of the notify module. Besides its own delivery log it reads the queue
 * the dossiers module fills (`applicant_notices`) and, to write the message,
 * the few things of the dossier a message names: code, applicant contact and
 * language, dates, fees, and the procedure's and units' names. Read-only,
 * apart from stamping the notice's `sent_at`.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Applicant } from '../../../contracts/dossiers.js';
import type { DbOrTx } from '../../db/client.js';
import type { PaymentItem } from '../dossiers/schema.js';
import { noticeDeliveries, type NoticeChannel } from './schema.js';

export type NoticeRow = {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  code: string;
  applicant: Applicant;
  dueAt: Date | null;
  supplementDeadline: Date | null;
  supplementMissing: string[] | null;
  paymentItems: PaymentItem[] | null;
  returnedAt: Date | null;
  procedure: { name: string; nameEn: string | null };
  unit: { name: string; nameEn: string | null };
  receiving: { name: string; nameEn: string | null; address: string | null };
};

type Raw = {
  id: string | number;
  kind: string;
  payload: Record<string, unknown>;
  code: string;
  applicant: Applicant;
  due_at: Date | null;
  supplement_deadline: Date | null;
  supplement_missing: string[] | null;
  payment_items: PaymentItem[] | null;
  returned_at: Date | null;
  procedure_name: string;
  procedure_name_en: string | null;
  unit_name: string;
  unit_name_en: string | null;
  receiving_name: string;
  receiving_name_en: string | null;
  receiving_address: string | null;
};

const date = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

/** A notice with what its message needs; the unit is the one a transfer named, else the settling unit. */
export async function noticeById(db: DbOrTx, id: number): Promise<NoticeRow | undefined> {
  const result = await db.execute<Raw>(sql`
    SELECT n.id, n.kind, n.payload, d.code, d.applicant, d.due_at, d.supplement_deadline, d.supplement_missing, d.payment_items, d.returned_at,
      p.name AS procedure_name, p.name_en AS procedure_name_en,
      su.name AS unit_name, su.name_en AS unit_name_en,
      ru.name AS receiving_name, ru.name_en AS receiving_name_en, ru.address AS receiving_address
    FROM applicant_notices n
    JOIN dossiers d ON d.id = n.dossier_id
    JOIN procedures p ON p.id = d.procedure_id
    JOIN units su ON su.id = CASE WHEN n.kind = 'transferred' AND n.payload ? 'toUnitId' THEN (n.payload->>'toUnitId')::uuid ELSE d.settling_unit_id END
    JOIN units ru ON ru.id = d.receiving_unit_id
    WHERE n.id = ${id}`);
  const r = result.rows[0];
  if (!r) return undefined;
  return {
    id: Number(r.id),
    kind: r.kind,
    payload: r.payload,
    code: r.code,
    applicant: r.applicant,
    dueAt: date(r.due_at),
    supplementDeadline: date(r.supplement_deadline),
    supplementMissing: r.supplement_missing,
    paymentItems: r.payment_items,
    returnedAt: date(r.returned_at),
    procedure: { name: r.procedure_name, nameEn: r.procedure_name_en },
    unit: { name: r.unit_name, nameEn: r.unit_name_en },
    receiving: { name: r.receiving_name, nameEn: r.receiving_name_en, address: r.receiving_address },
  };
}

/**
 * Notices never tried (no delivery row), oldest first, queued within the
 * last `since`: the sweep's work. Served by the partial index on unsent
 * notices, so the scan stays as short as the window.
 */
export async function untriedNotices(db: DbOrTx, since: Date, limit: number): Promise<number[]> {
  const result = await db.execute<{ id: string | number }>(sql`
    SELECT n.id FROM applicant_notices n
    WHERE n.sent_at IS NULL AND n.created_at > ${since}
      AND NOT EXISTS (SELECT 1 FROM notice_deliveries d WHERE d.notice_id = n.id)
    ORDER BY n.created_at, n.id
    LIMIT ${limit}`);
  return result.rows.map((r) => Number(r.id));
}

/** The channel's row if it is still to be sent and no other run holds it; locked until the transaction ends. */
export async function claimDelivery(tx: DbOrTx, noticeId: number, channel: NoticeChannel) {
  const [row] = await tx
    .select()
    .from(noticeDeliveries)
    .where(and(eq(noticeDeliveries.noticeId, noticeId), eq(noticeDeliveries.channel, channel), inArray(noticeDeliveries.status, ['pending', 'failed'])))
    .for('update', { skipLocked: true });
  return row;
}

export async function markNoticeSent(tx: DbOrTx, noticeId: number, at: Date): Promise<void> {
  await tx.execute(sql`UPDATE applicant_notices SET sent_at = ${at} WHERE id = ${noticeId} AND sent_at IS NULL`);
}
