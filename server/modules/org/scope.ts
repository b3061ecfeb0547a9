/**
 * Unit scope in SQL. Every query over unit-owned rows filters with
 * `inUnitScope(column, roots)`, so another unit's rows are never read, and an
 * object outside the scope is indistinguishable from a missing one (404).
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid[] parameter (drizzle would expand a JS array into a list). */
export function uuidArray(ids: readonly string[]): SQL {
  for (const id of ids) if (!UUID.test(id)) throw new TypeError('not a uuid');
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

/** `column` holds the id of a unit that is one of `roots` or under one of them. */
export function inUnitScope(column: SQLWrapper, roots: readonly string[]): SQL {
  if (roots.length === 0) return sql`false`;
  return sql`${column} IN (SELECT id FROM units WHERE ancestors && ${uuidArray(roots)})`;
}
