import { useState } from 'react';
import { useSignedInMe } from '../../app/me-context';
import { useStaffList, useUnits } from '../../api/org';
import type { Staff } from '../../api/schemas';
import { flattenUnitTree, subtreeIds, unitOptions } from '../org/unit-tree';

/**
 * The unit a staff page works on (the member's own unit at first, any unit in
 * scope after) and the active officers who may sit at its counters or host its
 * reception sessions: members of the unit or of a unit under it, as the server
 * requires.
 */
export function useUnitOfficers() {
  const me = useSignedInMe();
  const units = useUnits();
  const rows = flattenUnitTree(units.data ?? []);
  const [chosen, setUnitId] = useState<string | null>(null);
  const unitId = chosen ?? (rows.some((row) => row.unit.id === me.staff.unitId) ? me.staff.unitId : rows[0]?.unit.id);
  const unit = rows.find((row) => row.unit.id === unitId)?.unit;
  const staff = useStaffList({ active: 'true' });
  const subtree = unitId ? subtreeIds(rows, unitId) : new Set<string>();
  const officers: Staff[] = (staff.data ?? []).filter((member) => subtree.has(member.unitId));
  return { units, rows, options: unitOptions(rows), unitId, unit, setUnitId, officers, staff };
}

/** "Nguyễn Văn A — Công chức Tư pháp" for an officer picker. */
export function officerLabel(member: Pick<Staff, 'fullName' | 'title' | 'position'>): string {
  const title = member.title ?? member.position;
  return title ? `${member.fullName} — ${title}` : member.fullName;
}
