/** SQL of the dossier module. Every read of dossiers filters by the caller's unit scope. */
import { and, asc, desc, eq, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { procedures } from '../catalog/schema.js';
import { counters, staff, units } from '../org/schema.js';
import { uuidArray } from '../org/scope.js';
import {
  dossierConsultations,
  dossierFiles,
  dossierHistory,
  dossierImports,
  dossiers,
  dossierSequences,
  dossierTransfers,
  intakeKeys,
  type DossierRow,
} from './schema.js';

/** Dossiers any of whose taking-part units lies under one of the roots. */
export function visibleTo(roots: readonly string[]): SQL {
  return sql`${dossiers.scopeUnits} && ${uuidArray(roots)}`;
}

export async function dossierByCode(db: DbOrTx, code: string, roots?: readonly string[]): Promise<DossierRow | undefined> {
  const where = roots ? and(eq(dossiers.code, code), visibleTo(roots)) : eq(dossiers.code, code);
  const [row] = await db.select().from(dossiers).where(where);
  return row;
}

export async function nextSequence(db: DbOrTx, unitId: string, day: string): Promise<number> {
  const [row] = await db
    .insert(dossierSequences)
    .values({ unitId, day, last: 1 })
    .onConflictDoUpdate({ target: [dossierSequences.unitId, dossierSequences.day], set: { last: sql`${dossierSequences.last} + 1` } })
    .returning({ last: dossierSequences.last });
  if (!row) throw new Error('sequence upsert returned nothing');
  return row.last;
}

/** Claims an idempotency key; undefined when another request already holds it (waits for that one to commit). */
export async function claimIntakeKey(db: DbOrTx, staffId: string, key: string, requestHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .insert(intakeKeys)
    .values({ staffId, key, requestHash, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: intakeKeys.key });
  return rows.length === 1;
}

export async function intakeKey(db: DbOrTx, staffId: string, key: string) {
  const [row] = await db.select().from(intakeKeys).where(and(eq(intakeKeys.staffId, staffId), eq(intakeKeys.key, key)));
  return row;
}

export async function pruneIntakeKeys(db: DbOrTx, before: Date): Promise<void> {
  await db.delete(intakeKeys).where(lt(intakeKeys.createdAt, before));
}

export async function procedureById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(procedures).where(eq(procedures.id, id));
  return row;
}

export function proceduresByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select({ id: procedures.id, code: procedures.code, name: procedures.name, nameEn: procedures.nameEn }).from(procedures).where(inArray(procedures.id, ids));
}

export function unitRefs(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({ id: units.id, code: units.code, name: units.name, nameEn: units.nameEn, ancestors: units.ancestors, address: units.address, kind: units.kind, active: units.active })
    .from(units)
    .where(inArray(units.id, ids));
}

export async function unitByCode(db: DbOrTx, code: string) {
  const [row] = await db
    .select({ id: units.id, code: units.code, name: units.name, nameEn: units.nameEn, ancestors: units.ancestors, address: units.address, kind: units.kind, active: units.active })
    .from(units)
    .where(eq(units.code, code));
  return row;
}

export function staffNames(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.select({ id: staff.id, fullName: staff.fullName, unitId: staff.unitId, active: staff.active }).from(staff).where(inArray(staff.id, ids));
}

export async function counterOf(db: DbOrTx, unitId: string, code: string) {
  const [row] = await db
    .select()
    .from(counters)
    .where(and(eq(counters.unitId, unitId), eq(counters.code, code), eq(counters.active, true)));
  return row;
}

export async function counterById(db: DbOrTx, id: string) {
  const [row] = await db.select({ code: counters.code, name: counters.name }).from(counters).where(eq(counters.id, id));
  return row;
}

export function historyOf(db: DbOrTx, dossierId: string) {
  return db.select().from(dossierHistory).where(eq(dossierHistory.dossierId, dossierId)).orderBy(asc(dossierHistory.id));
}

export function consultationsOf(db: DbOrTx, dossierId: string) {
  return db.select().from(dossierConsultations).where(eq(dossierConsultations.dossierId, dossierId)).orderBy(asc(dossierConsultations.askedAt));
}

export function transfersOf(db: DbOrTx, dossierId: string) {
  return db.select().from(dossierTransfers).where(eq(dossierTransfers.dossierId, dossierId)).orderBy(asc(dossierTransfers.at));
}

export function filesOf(db: DbOrTx, dossierId: string) {
  return db
    .select({ id: dossierFiles.id, documentIndex: dossierFiles.documentIndex, fileName: dossierFiles.fileName, contentType: dossierFiles.contentType, size: dossierFiles.size, sha256: dossierFiles.sha256 })
    .from(dossierFiles)
    .where(eq(dossierFiles.dossierId, dossierId))
    .orderBy(asc(dossierFiles.createdAt));
}

export async function fileContent(db: DbOrTx, dossierId: string, id: string) {
  const [row] = await db
    .select()
    .from(dossierFiles)
    .where(and(eq(dossierFiles.dossierId, dossierId), eq(dossierFiles.id, id)));
  return row;
}

export type ListFilter = { where: SQL; orderBy: 'due' | 'received' };

export async function listDossiers(db: DbOrTx, f: ListFilter, limit: number, offset: number): Promise<{ total: number; rows: DossierRow[] }> {
  const order =
    f.orderBy === 'due'
      ? [sql`${dossiers.stepDueAt} ASC NULLS LAST`, asc(dossiers.receivedAt)]
      : [desc(dossiers.receivedAt)];
  const [rows, [count]] = await Promise.all([
    db.select().from(dossiers).where(f.where).orderBy(...order).limit(limit).offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(dossiers).where(f.where),
  ]);
  return { total: count?.n ?? 0, rows };
}

/** One pass over the officer's open dossiers for the inbox counts. */
export async function inboxCounts(db: DbOrTx, visible: SQL, parts: Record<string, SQL>): Promise<Record<string, number>> {
  const entries = Object.entries(parts);
  if (entries.length === 0) return {};
  const columns = sql.join(
    entries.map(([name, cond]) => sql`count(*) FILTER (WHERE ${cond})::int AS ${sql.identifier(name)}`),
    sql`, `,
  );
  const result = await db.execute<Record<string, number>>(sql`SELECT ${columns} FROM ${dossiers} WHERE ${visible}`);
  return result.rows[0] ?? {};
}

export function openConsultationUnits(db: DbOrTx, dossierId: string) {
  return db
    .select({ id: dossierConsultations.id, unitId: dossierConsultations.unitId })
    .from(dossierConsultations)
    .where(and(eq(dossierConsultations.dossierId, dossierId), isNull(dossierConsultations.answeredAt)));
}

/** The previous system an imported dossier came from (its import's `source_system`). */
export async function importSource(db: DbOrTx, importId: string): Promise<string | null> {
  const [row] = await db.select({ sourceSystem: dossierImports.sourceSystem }).from(dossierImports).where(eq(dossierImports.id, importId));
  return row?.sourceSystem ?? null;
}
