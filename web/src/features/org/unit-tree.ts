import type { Unit } from '../../api/schemas';

export interface UnitRow {
  unit: Unit;
  /** 0 for the top units in scope. */
  depth: number;
}

/**
 * Orders a flat list of units (as the API returns it) depth-first, each unit
 * followed by its sub-units sorted by code. Units whose parent is outside the
 * caller's scope are treated as top units.
 */
export function flattenUnitTree(units: readonly Unit[]): UnitRow[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId !== null && byId.has(unit.parentId) ? unit.parentId : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(unit);
    children.set(parent, siblings);
  }
  const byCode = (a: Unit, b: Unit) => a.code.localeCompare(b.code, 'vi', { numeric: true });

  const rows: UnitRow[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const unit of [...(children.get(parent) ?? [])].sort(byCode)) {
      if (seen.has(unit.id)) continue;
      seen.add(unit.id);
      rows.push({ unit, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  // A cycle in bad data would leave units unreached; show them rather than hide them.
  for (const unit of units) if (!seen.has(unit.id)) rows.push({ unit, depth: 0 });
  return rows;
}

/** Options for a unit picker, indented to show the tree. */
export function unitOptions(rows: readonly UnitRow[], opts: { activeOnly?: boolean } = {}) {
  return rows
    .filter((row) => !opts.activeOnly || row.unit.active)
    .map((row) => ({
      value: row.unit.id,
      label: `${'\u00a0\u00a0\u00a0'.repeat(row.depth)}${row.unit.name} (${row.unit.code})`,
    }));
}

/** The id of a unit and of every unit below it (rows in tree order, as from flattenUnitTree). */
export function subtreeIds(rows: readonly UnitRow[], id: string): Set<string> {
  const ids = new Set<string>();
  const start = rows.findIndex((row) => row.unit.id === id);
  const top = rows[start];
  if (!top) return ids;
  ids.add(id);
  for (const row of rows.slice(start + 1)) {
    if (row.depth <= top.depth) break;
    ids.add(row.unit.id);
  }
  return ids;
}
