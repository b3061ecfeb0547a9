import { z } from 'zod';

/** Staff roles. Each grant of a role is scoped to a unit and its descendants. */
export const ROLES = [
  'admin',
  'receptionist',
  'specialist',
  'leader',
  'inspector',
  'mobilization_officer',
  'viewer',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles that must enrol a TOTP second factor before doing anything else. */
export const ROLES_REQUIRING_TOTP: readonly Role[] = ['admin', 'leader'];

/** Kinds of unit in the organisation tree (district kept for pre-2025 data). */
export const UNIT_KINDS = ['province', 'district', 'commune', 'ward', 'department', 'service_centre'] as const;
export const UnitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKind>;
