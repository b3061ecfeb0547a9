/**
 * Response shapes of the staff API (docs/api.md), parsed at the boundary.
 * DTOs and enums come from contracts/, shared with the server; `Me` is
 * declared by the server's auth routes and mirrored here.
 */
import { z } from 'zod';
import { type RoleGrant, Staff, Unit } from '../../../contracts/org';
import { Role } from '../../../contracts/roles';

export type { Staff, Unit } from '../../../contracts/org';
export type RoleGrant = z.infer<typeof RoleGrant>;

export const MeSchema = z.object({
  staff: z.object({
    id: z.string(),
    username: z.string(),
    fullName: z.string(),
    title: z.string().nullable(),
    position: z.string().nullable(),
    unitId: z.string(),
    unitName: z.string(),
  }),
  roles: z.array(z.object({ role: Role, unitId: z.string(), unitName: z.string() })),
  permissions: z.array(z.string()),
  totpEnabled: z.boolean(),
  totpEnrolmentRequired: z.boolean(),
  mustChangePassword: z.boolean(),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof MeSchema>;

export const TotpSetupSchema = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrDataUrl: z.string(),
});

export const UnitSchema = Unit;
export const UnitListSchema = z.object({ items: z.array(Unit) });
export const StaffSchema = Staff;
export const StaffListSchema = z.object({ items: z.array(Staff) });
export const InitialPasswordSchema = z.object({ initialPassword: z.string() });
export const StaffCreatedSchema = z.object({ staff: Staff, initialPassword: z.string() });
export type StaffCreated = z.infer<typeof StaffCreatedSchema>;

/** Permission names the web app branches on (granted by the server in `Me.permissions`). */
export const PERMISSIONS = {
  unitsRead: 'org.units.read',
  unitsWrite: 'org.units.write',
  staffRead: 'org.staff.read',
  staffWrite: 'org.staff.write',
  receptionWrite: 'org.reception.write',
  catalogRead: 'catalog.read',
  catalogWrite: 'catalog.write',
  calendarWrite: 'calendar.write',
  dossierRead: 'dossier.read',
  dossierIntake: 'dossier.intake',
  dossierProcess: 'dossier.process',
  dossierImport: 'dossier.import',
  documentsAdmin: 'documents.admin',
  feedbackWrite: 'feedback.write',
  feedbackAnswer: 'feedback.answer',
  reportsRead: 'reports.read',
} as const;
export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

export function can(me: Me, permission: Permission): boolean {
  return me.permissions.includes(permission);
}
