/** SQL over the calendar tables. Nothing outside the calendar module touches these tables. */
import { and, asc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { calendarDecisions, calendarSettings, type CalendarDecisionRow, type CalendarSettingsRow } from './schema.js';

/** `unit_id IS NULL` (national) for null, else `unit_id = id`. */
function ofUnit(column: typeof calendarSettings.unitId | typeof calendarDecisions.unitId, unitId: string | null): SQL {
  return unitId === null ? isNull(column) : eq(column, unitId);
}

/** Rows of the national calendar and of the given units (a unit's chain of ancestors). */
function ofChain(column: typeof calendarSettings.unitId | typeof calendarDecisions.unitId, chain: readonly string[]): SQL {
  return chain.length === 0 ? isNull(column) : (or(isNull(column), inArray(column, [...chain])) ?? sql`false`);
}

export function settingsOfChain(db: DbOrTx, chain: readonly string[]): Promise<CalendarSettingsRow[]> {
  return db.select().from(calendarSettings).where(ofChain(calendarSettings.unitId, chain));
}

export async function settingsOf(db: DbOrTx, unitId: string | null, lock = false): Promise<CalendarSettingsRow | undefined> {
  const q = db.select().from(calendarSettings).where(ofUnit(calendarSettings.unitId, unitId));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertSettings(db: DbOrTx, row: typeof calendarSettings.$inferInsert): Promise<CalendarSettingsRow> {
  const [created] = await db.insert(calendarSettings).values(row).returning();
  if (!created) throw new Error('insert returned nothing');
  return created;
}

export async function updateSettingsVersioned(
  db: DbOrTx,
  id: string,
  version: number,
  set: Pick<typeof calendarSettings.$inferInsert, 'timeZone' | 'workingHours' | 'workingWeekdays' | 'sameDayCutoff'>,
  now: Date,
): Promise<CalendarSettingsRow | undefined> {
  const [row] = await db
    .update(calendarSettings)
    .set({ ...set, version: sql`${calendarSettings.version} + 1`, updatedAt: now })
    .where(and(eq(calendarSettings.id, id), eq(calendarSettings.version, version)))
    .returning();
  return row;
}

export async function deleteSettingsVersioned(db: DbOrTx, id: string, version: number): Promise<boolean> {
  const rows = await db
    .delete(calendarSettings)
    .where(and(eq(calendarSettings.id, id), eq(calendarSettings.version, version)))
    .returning({ id: calendarSettings.id });
  return rows.length > 0;
}

/** Decisions of the national calendar and of the chain's units; optionally of one year only. */
export function decisionsOfChain(db: DbOrTx, chain: readonly string[], year?: number): Promise<CalendarDecisionRow[]> {
  const conditions: SQL[] = [ofChain(calendarDecisions.unitId, chain)];
  if (year !== undefined) conditions.push(gte(calendarDecisions.day, `${year}-01-01`), lte(calendarDecisions.day, `${year}-12-31`));
  return db
    .select()
    .from(calendarDecisions)
    .where(and(...conditions))
    .orderBy(asc(calendarDecisions.day));
}

export async function insertDecision(db: DbOrTx, row: typeof calendarDecisions.$inferInsert): Promise<CalendarDecisionRow> {
  const [created] = await db.insert(calendarDecisions).values(row).returning();
  if (!created) throw new Error('insert returned nothing');
  return created;
}

/** Deletes a decision of exactly this calendar (national for null); returns it, or undefined when there is none. */
export async function deleteDecision(db: DbOrTx, id: string, unitId: string | null): Promise<CalendarDecisionRow | undefined> {
  const [row] = await db
    .delete(calendarDecisions)
    .where(and(eq(calendarDecisions.id, id), ofUnit(calendarDecisions.unitId, unitId)))
    .returning();
  return row;
}
