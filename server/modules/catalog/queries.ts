/** SQL over the catalog tables. Nothing outside the catalog module touches these tables. */
import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { OnlineLevel, ProcedureLevel } from '../../../contracts/catalog.js';
import type { DbOrTx } from '../../db/client.js';
import { uuidArray } from '../org/scope.js';
import { catalogFields, procedureForms, procedures, procedureUnits, type ProcedureRow } from './schema.js';

/** A unit the catalog is asked about: its id and the procedure level its kind implements by default. */
export type UnitLevel = { id: string; level: ProcedureLevel | null };

/**
 * `procedures` rows implemented by the unit: listed for it explicitly, or
 * listing no unit at all and of the level the unit's kind implements.
 */
function implementedBy(unit: UnitLevel): SQL {
  const listed = sql`EXISTS (SELECT 1 FROM ${procedureUnits} pu WHERE pu.procedure_id = ${procedures.id} AND pu.unit_id = ${unit.id}::uuid)`;
  if (!unit.level) return listed;
  return sql`(${listed} OR (NOT EXISTS (SELECT 1 FROM ${procedureUnits} pu WHERE pu.procedure_id = ${procedures.id}) AND ${procedures.level} = ${unit.level}))`;
}

export type SearchFilter = {
  text?: string | undefined;
  field?: string | undefined;
  level?: ProcedureLevel | undefined;
  online?: OnlineLevel | undefined;
  unit?: UnitLevel | undefined;
  /** undefined = active and inactive (staff), true = active only (public). */
  active?: boolean | undefined;
  limit: number;
  offset: number;
};

/**
 * Search ignoring diacritics and tolerating typos: a row matches when the
 * unaccented query is word-similar to its unaccented text (pg_trgm `<%`,
 * threshold 0.6; a contained phrase scores 1), through the trigram index. Ranking: exact code, then name containing the phrase, then trigram
 * similarity to the name (shorter, closer names first).
 */
export async function searchProcedures(db: DbOrTx, f: SearchFilter): Promise<{ total: number; rows: ProcedureRow[] }> {
  const conditions: SQL[] = [];
  if (f.active !== undefined) conditions.push(eq(procedures.active, f.active));
  if (f.field) conditions.push(eq(procedures.fieldCode, f.field));
  if (f.level) conditions.push(eq(procedures.level, f.level));
  if (f.online) conditions.push(eq(procedures.onlineLevel, f.online));
  if (f.unit) conditions.push(implementedBy(f.unit));
  let order: SQL[] = [asc(procedures.fieldCode), asc(procedures.name)];
  if (f.text) {
    const q = sql`motcua_unaccent(lower(${f.text}))`;
    // One indexable operator: a phrase the text contains has word similarity 1,
    // so `<%` covers both the exact and the misspelt query (an OR with LIKE made
    // the planner scan the whole table).
    conditions.push(sql`${q} <% ${procedures.searchText}`);
    const name = sql`motcua_unaccent(lower(${procedures.name}))`;
    order = [
      sql`lower(${procedures.code}) = lower(${f.text}) DESC`,
      sql`${name} LIKE '%' || ${q} || '%' DESC`,
      sql`word_similarity(${q}, ${name}) DESC`,
      sql`similarity(${q}, ${name}) DESC`,
      sql`length(${procedures.name})`,
      asc(procedures.code),
    ];
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  // The total comes with the page (a window count), not from a second pass over the table.
  const page = async (tx: DbOrTx) => {
    const found = await tx
      .select({ row: procedures, total: sql<number>`count(*) OVER ()`.mapWith(Number) })
      .from(procedures)
      .where(where)
      .orderBy(...order)
      .limit(f.limit)
      .offset(f.offset);
    if (found.length === 0 && f.offset > 0) {
      const [n] = await tx.select({ n: count() }).from(procedures).where(where);
      return { total: n?.n ?? 0, rows: [] };
    }
    return { total: found[0]?.total ?? 0, rows: found.map((r) => r.row) };
  };
  if (!f.text) return page(db);
  // The planner cannot price `<%` (word_similarity on every row) and picks a
  // sequential scan, ~8x slower than the trigram index on 5,000 procedures
  // (bench/catalog-search.ts): for text searches, the index is required.
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL enable_seqscan = off`);
    return page(tx);
  });
}

export async function procedureByCode(db: DbOrTx, code: string, lock = false): Promise<ProcedureRow | undefined> {
  const q = db.select().from(procedures).where(eq(procedures.code, code));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export function proceduresByCodes(db: DbOrTx, codes: string[]): Promise<ProcedureRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return db.select().from(procedures).where(inArray(procedures.code, codes));
}

export function proceduresOfField(db: DbOrTx, fieldCode: string): Promise<ProcedureRow[]> {
  return db.select().from(procedures).where(eq(procedures.fieldCode, fieldCode));
}

export function allProcedures(db: DbOrTx): Promise<ProcedureRow[]> {
  return db.select().from(procedures).orderBy(asc(procedures.code));
}

export async function countProcedures(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(procedures);
  return row?.n ?? 0;
}

export async function insertProcedure(db: DbOrTx, row: typeof procedures.$inferInsert): Promise<ProcedureRow> {
  const [created] = await db.insert(procedures).values(row).returning();
  if (!created) throw new Error('insert returned nothing');
  return created;
}

export async function updateProcedure(db: DbOrTx, id: string, set: Partial<typeof procedures.$inferInsert>, now: Date): Promise<ProcedureRow> {
  const [row] = await db
    .update(procedures)
    .set({ ...set, version: sql`${procedures.version} + 1`, updatedAt: now })
    .where(eq(procedures.id, id))
    .returning();
  if (!row) throw new Error('update returned nothing');
  return row;
}

// ---------------------------------------------------------------- implementing units

export async function unitIdsOf(db: DbOrTx, procedureIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (procedureIds.length === 0) return map;
  const rows = await db.select().from(procedureUnits).where(inArray(procedureUnits.procedureId, procedureIds));
  for (const r of rows) map.set(r.procedureId, [...(map.get(r.procedureId) ?? []), r.unitId]);
  return map;
}

export async function replaceUnits(db: DbOrTx, procedureId: string, unitIds: string[]): Promise<void> {
  await db.delete(procedureUnits).where(eq(procedureUnits.procedureId, procedureId));
  if (unitIds.length > 0) await db.insert(procedureUnits).values(unitIds.map((unitId) => ({ procedureId, unitId })));
}

// ---------------------------------------------------------------- fields

export function listFields(db: DbOrTx) {
  return db
    .select({
      code: catalogFields.code,
      name: catalogFields.name,
      nameEn: catalogFields.nameEn,
      procedures: sql<number>`(SELECT count(*)::int FROM ${procedures} p WHERE p.field_code = ${catalogFields.code} AND p.active)`,
    })
    .from(catalogFields)
    .orderBy(asc(catalogFields.position), asc(catalogFields.code));
}

export async function fieldsByCodes(db: DbOrTx, codes: string[]) {
  if (codes.length === 0) return [];
  return db.select().from(catalogFields).where(inArray(catalogFields.code, codes));
}

export async function upsertField(db: DbOrTx, field: { code: string; name: string; nameEn: string | null; position?: number }) {
  const [row] = await db
    .insert(catalogFields)
    .values(field)
    .onConflictDoUpdate({ target: catalogFields.code, set: { name: field.name, nameEn: field.nameEn } })
    .returning();
  if (!row) throw new Error('upsert returned nothing');
  return row;
}

// ---------------------------------------------------------------- forms

export function formsOf(db: DbOrTx, procedureId: string) {
  return db
    .select({ id: procedureForms.id, fileName: procedureForms.fileName, contentType: procedureForms.contentType, size: procedureForms.size, sha256: procedureForms.sha256 })
    .from(procedureForms)
    .where(eq(procedureForms.procedureId, procedureId))
    .orderBy(asc(procedureForms.createdAt));
}

export async function formContent(db: DbOrTx, procedureId: string, formId: string) {
  const [row] = await db
    .select()
    .from(procedureForms)
    .where(and(eq(procedureForms.procedureId, procedureId), eq(procedureForms.id, formId)));
  return row;
}

export async function insertForm(db: DbOrTx, row: typeof procedureForms.$inferInsert) {
  const [created] = await db.insert(procedureForms).values(row).returning({ id: procedureForms.id });
  if (!created) throw new Error('insert returned nothing');
  return created;
}

export async function deleteForm(db: DbOrTx, procedureId: string, formId: string): Promise<boolean> {
  const rows = await db
    .delete(procedureForms)
    .where(and(eq(procedureForms.procedureId, procedureId), eq(procedureForms.id, formId)))
    .returning({ id: procedureForms.id });
  return rows.length > 0;
}

// ---------------------------------------------------------------- statistics

export type StatsRow = { unitId: string | null; field: string; online: OnlineLevel; n: number };

/** Active procedures counted by field and online level: overall (unitId null) and for each given unit. */
export async function catalogCounts(db: DbOrTx, unitsAsked: UnitLevel[]): Promise<StatsRow[]> {
  const overall = await db.execute<StatsRow>(sql`
    SELECT NULL AS "unitId", field_code AS field, online_level AS online, count(*)::int AS n
      FROM ${procedures} WHERE active GROUP BY field_code, online_level`);
  if (unitsAsked.length === 0) return overall.rows;
  const ids = uuidArray(unitsAsked.map((u) => u.id));
  const levels = sql`${`{${unitsAsked.map((u) => u.level ?? 'none').join(',')}}`}::text[]`;
  const perUnit = await db.execute<StatsRow>(sql`
    SELECT u.id::text AS "unitId", p.field_code AS field, p.online_level AS online, count(*)::int AS n
      FROM unnest(${ids}, ${levels}) AS u(id, level)
      JOIN ${procedures} p ON p.active AND (
        EXISTS (SELECT 1 FROM ${procedureUnits} pu WHERE pu.procedure_id = p.id AND pu.unit_id = u.id)
        OR (NOT EXISTS (SELECT 1 FROM ${procedureUnits} pu WHERE pu.procedure_id = p.id) AND p.level::text = u.level))
     GROUP BY u.id, p.field_code, p.online_level`);
  return [...overall.rows, ...perUnit.rows];
}
