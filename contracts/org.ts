/** Organisation DTOs shared by the server (validation, OpenAPI) and the web client. */
import { z } from 'zod';
import { Role, UnitKind } from './roles.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const UnitCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'letters, digits, dot, dash or underscore; at most 32');

export const Unit = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: UnitKind,
  parentId: z.uuid().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  hotline: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Unit = z.infer<typeof Unit>;

export const UnitCreate = z.strictObject({
  code: UnitCode,
  name: text(200),
  nameEn: optionalText(200),
  kind: UnitKind,
  parentId: z.uuid(),
  address: optionalText(300),
  phone: optionalText(30),
  email: z.email().max(200).nullable().optional(),
  hotline: optionalText(30),
});
export type UnitCreate = z.infer<typeof UnitCreate>;

export const UnitUpdate = z.strictObject({
  version: z.number().int().min(1),
  code: UnitCode.optional(),
  name: text(200).optional(),
  nameEn: optionalText(200),
  kind: UnitKind.optional(),
  parentId: z.uuid().optional(),
  address: optionalText(300),
  phone: optionalText(30),
  email: z.email().max(200).nullable().optional(),
  hotline: optionalText(30),
  active: z.boolean().optional(),
});
export type UnitUpdate = z.infer<typeof UnitUpdate>;

export const Counter = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  code: z.string(),
  name: z.string(),
  /** Catalog field codes the counter serves; empty = every field. */
  fields: z.array(z.string()),
  active: z.boolean(),
  /** Who usually sits at the counter (its nameplate); a duty-roster entry for a day wins over it. */
  regularOfficerId: z.uuid().nullable(),
  version: z.number().int(),
});
export type Counter = z.infer<typeof Counter>;

export const CounterCreate = z.strictObject({
  code: UnitCode,
  name: text(200),
  fields: z.array(z.string().trim().regex(/^[a-z][a-z0-9_]{1,47}$/)).max(50).default([]),
});

export const RoleGrant = z.strictObject({ role: Role, unitId: z.uuid() });

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, '3–64 letters, digits, dot, dash or underscore');

export const Staff = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  title: z.string().nullable(),
  position: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  unitId: z.uuid(),
  active: z.boolean(),
  roles: z.array(z.object({ role: Role, unitId: z.uuid() })),
  totpEnabled: z.boolean(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Staff = z.infer<typeof Staff>;

const staffFields = {
  fullName: text(200),
  title: optionalText(200),
  position: optionalText(200),
  email: z.email().max(200).nullable().optional(),
  phone: optionalText(30),
  unitId: z.uuid(),
};

export const StaffCreate = z.strictObject({
  username: Username,
  ...staffFields,
  roles: z.array(RoleGrant).max(20),
});
export type StaffCreate = z.infer<typeof StaffCreate>;

export const StaffUpdate = z.strictObject({
  version: z.number().int().min(1),
  fullName: staffFields.fullName.optional(),
  title: staffFields.title,
  position: staffFields.position,
  email: staffFields.email,
  phone: staffFields.phone,
  unitId: staffFields.unitId.optional(),
  roles: z.array(RoleGrant).max(20).optional(),
});
export type StaffUpdate = z.infer<typeof StaffUpdate>;

export const StaffListQuery = z.strictObject({
  unitId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type StaffListQuery = z.infer<typeof StaffListQuery>;
