/**
 * Permissions and which roles grant them. A route declares one permission (or
 * that it is public, or that it only needs a session); a staff member holds it
 * in the units where they were granted a role that includes it, and in those
 * units' descendants.
 */
import type { Role } from '../../contracts/roles.js';

export const PERMISSIONS = [
  'org.units.read',
  'org.units.write',
  'org.staff.read',
  'org.staff.write',
  /** The leaders' citizen-reception schedule of a unit (Law on Citizen Reception 2013). */
  'org.reception.write',
  'audit.read',
  'catalog.read',
  'catalog.write',
  'calendar.write',
  'dossier.read',
  'dossier.intake',
  'dossier.process',
  /** The historical import of dossiers from a previous system (administrators; units in their scope). */
  'dossier.import',
  /** Signing certificates and document templates of a unit. */
  'documents.admin',
  /** Logging hotline calls (feedback module). */
  'feedback.write',
  /** Reading and answering suggestions and hotline calls (feedback module). */
  'feedback.answer',
  /** The statistics of a unit and its exports (reports module). */
  'reports.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERY_STAFF: Permission[] = ['org.units.read', 'org.staff.read', 'catalog.read'];
/** Who acts on which dossier is decided per action by the workflow table (dossiers/workflow.ts). */
const DOSSIER_WORK: Permission[] = ['dossier.read', 'dossier.process'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['org.units.read', 'org.units.write', 'org.staff.read', 'org.staff.write', 'audit.read', 'catalog.read', 'catalog.write', 'calendar.write', 'documents.admin', 'org.reception.write', 'reports.read', 'dossier.import'],
  leader: [...EVERY_STAFF, ...DOSSIER_WORK, 'audit.read', 'feedback.write', 'feedback.answer', 'org.reception.write', 'reports.read'],
  inspector: [...EVERY_STAFF, 'dossier.read', 'audit.read', 'reports.read'],
  receptionist: [...EVERY_STAFF, ...DOSSIER_WORK, 'dossier.intake', 'feedback.write'],
  specialist: [...EVERY_STAFF, ...DOSSIER_WORK],
  mobilization_officer: EVERY_STAFF,
  viewer: EVERY_STAFF,
};

export type RoleGrant = { role: Role; unitId: string };

/** The unit ids (scope roots) in which the grants give `permission`. */
export function scopeRoots(grants: readonly RoleGrant[], permission: Permission): string[] {
  const roots = new Set<string>();
  for (const g of grants) if (ROLE_PERMISSIONS[g.role].includes(permission)) roots.add(g.unitId);
  return [...roots];
}

export function permissionsOf(grants: readonly RoleGrant[]): Permission[] {
  return PERMISSIONS.filter((p) => grants.some((g) => ROLE_PERMISSIONS[g.role].includes(p)));
}

/**
 * How a route is reached: `public` (anyone), `citizen` (a signed-in citizen), `session` (any signed-in staff;
 * `pending` also while TOTP enrolment or a password change is outstanding), or
 * a `permission`.
 */
export type Access =
  | { public: true }
  /** A signed-in citizen (portal): the citizen session cookie, not a staff one. */
  | { citizen: true }
  | { session: true; pending?: boolean }
  | { permission: Permission };
