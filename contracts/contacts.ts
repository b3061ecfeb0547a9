/**
 * A unit's public contacts (address, hours, hotline, the counters with the
 * officer on duty) and the leaders' citizen-reception schedule, with the
 * staff's editing of the counters' roster and of the schedule. Shared by the
 * server (validation, OpenAPI) and the web client.
 */
import { z } from 'zod';
import { CalendarDate, CalendarInstant } from './calendar.js';
import { UnitCode } from './org.js';
import { UnitKind } from './roles.js';

/** The longest range, in days (both ends included), a roster or schedule read may span: about a quarter. */
export const MAX_RANGE_DAYS = 93;
/** Days the public schedule shows by default, from today (four weeks). */
export const DEFAULT_SCHEDULE_DAYS = 28;
/** Days a roster read shows by default, from its first day (a week). */
export const DEFAULT_ROSTER_DAYS = 7;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const UnitCodeParams = z.strictObject({ code: UnitCode });

/** A range of days in the unit's time zone; `from` defaults to today there. */
export const DayRangeQuery = z.strictObject({
  from: CalendarDate.optional().describe('first day, YYYY-MM-DD (default: today in the unit’s time zone)'),
  to: CalendarDate.optional().describe(`last day, included (at most ${String(MAX_RANGE_DAYS)} days after from)`),
});
export type DayRangeQuery = z.infer<typeof DayRangeQuery>;

// ---------------------------------------------------------------- public

export const PublicUnitListQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('words of the name, code or address; diacritics ignored'),
  kind: UnitKind.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type PublicUnitListQuery = z.infer<typeof PublicUnitListQuery>;

export const PublicUnitSummary = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: UnitKind,
  address: z.string().nullable(),
});
export type PublicUnitSummary = z.infer<typeof PublicUnitSummary>;

export const PublicUnitList = z.object({ total: z.number().int(), items: z.array(PublicUnitSummary) });
export type PublicUnitList = z.infer<typeof PublicUnitList>;

/** What a nameplate shows of an officer: the name and the title, public by law. */
export const Nameplate = z.object({ name: z.string(), title: z.string().nullable() });
export type Nameplate = z.infer<typeof Nameplate>;

export const PublicCounter = z.object({
  code: z.string(),
  name: z.string(),
  /** The catalog fields the counter serves; empty with `allFields`. */
  fields: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() })),
  allFields: z.boolean(),
  /** Who sits there today: the day's roster entry, else the regular officer; null when nobody is named. */
  officer: Nameplate.nullable(),
});
export type PublicCounter = z.infer<typeof PublicCounter>;

export const PublicUnitContacts = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: UnitKind,
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  hotline: z.string().nullable(),
  /** The unit above, for "part of …"; null for the root. */
  parent: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() }).nullable(),
  /** The unit's local date the nameplates are for. */
  today: z.iso.date(),
  todayIsWorkingDay: z.boolean(),
  timeZone: z.string(),
  openingHours: z.array(z.object({ start: z.string(), end: z.string() })),
  /** ISO weekday numbers (1 = Monday … 7 = Sunday) the unit works. */
  workingWeekdays: z.array(z.number().int().min(1).max(7)),
  counters: z.array(PublicCounter),
});
export type PublicUnitContacts = z.infer<typeof PublicUnitContacts>;

export const PublicReceptionEntry = z.object({
  id: z.uuid(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  /** The receiving leader: the staff member's name and position, or the name and title typed in. */
  host: Nameplate,
  place: z.string(),
  note: z.string().nullable(),
  cancelled: z.boolean(),
  cancelReason: z.string().nullable(),
});
export type PublicReceptionEntry = z.infer<typeof PublicReceptionEntry>;

export const PublicReceptionSchedule = z.object({
  unitCode: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  timeZone: z.string(),
  items: z.array(PublicReceptionEntry),
});
export type PublicReceptionSchedule = z.infer<typeof PublicReceptionSchedule>;

// ---------------------------------------------------------------- staff: counters and their roster

export const CounterUpdate = z.strictObject({
  version: z.number().int().min(1),
  name: text(200).optional(),
  fields: z
    .array(z.string().trim().regex(/^[a-z][a-z0-9_]{1,47}$/))
    .max(50)
    .optional(),
  active: z.boolean().optional(),
  /** The officer who usually sits there: an active member of the counter's unit or of a unit under it; null for nobody. */
  regularOfficerId: z.uuid().nullable().optional(),
});
export type CounterUpdate = z.infer<typeof CounterUpdate>;

export const DutyParams = z.strictObject({ id: z.uuid(), date: CalendarDate });

export const DutySet = z.strictObject({
  /** An active member of the counter's unit or of a unit under it. */
  staffId: z.uuid(),
});
export type DutySet = z.infer<typeof DutySet>;

export const DutyEntry = z.object({
  counterId: z.uuid(),
  counterCode: z.string(),
  date: z.iso.date(),
  staffId: z.uuid(),
  fullName: z.string(),
  title: z.string().nullable(),
});
export type DutyEntry = z.infer<typeof DutyEntry>;

export const DutyRoster = z.object({
  unitId: z.uuid(),
  from: z.iso.date(),
  to: z.iso.date(),
  /** The unit's today, for telling past days (read-only) from the others. */
  today: z.iso.date(),
  items: z.array(DutyEntry),
});
export type DutyRoster = z.infer<typeof DutyRoster>;

// ---------------------------------------------------------------- staff: the reception schedule

const hostFields = {
  /** A staff member of the unit or a unit under it; their name and position are shown. */
  leaderId: z.uuid().nullable().optional(),
  /** For a host without an account (a guest leader): the name and title typed in. */
  hostName: optionalText(200),
  hostTitle: optionalText(200),
};

export const ReceptionCreate = z
  .strictObject({
    ...hostFields,
    startsAt: CalendarInstant,
    endsAt: CalendarInstant,
    place: text(300),
    note: optionalText(1000),
  })
  .refine((v) => (v.leaderId ?? null) !== null || (v.hostName ?? '') !== '', {
    message: 'a leaderId or a hostName',
    path: ['leaderId'],
  });
export type ReceptionCreate = z.infer<typeof ReceptionCreate>;

export const ReceptionUpdate = z.strictObject({
  version: z.number().int().min(1),
  ...hostFields,
  startsAt: CalendarInstant.optional(),
  endsAt: CalendarInstant.optional(),
  place: text(300).optional(),
  note: optionalText(1000),
});
export type ReceptionUpdate = z.infer<typeof ReceptionUpdate>;

export const ReceptionCancel = z.strictObject({ version: z.number().int().min(1), reason: text(500) });
export type ReceptionCancel = z.infer<typeof ReceptionCancel>;

export const ReceptionEntry = PublicReceptionEntry.extend({
  unitId: z.uuid(),
  leaderId: z.uuid().nullable(),
  hostName: z.string().nullable(),
  hostTitle: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ReceptionEntry = z.infer<typeof ReceptionEntry>;

export const ReceptionList = z.object({ from: z.iso.date(), to: z.iso.date(), items: z.array(ReceptionEntry) });
export type ReceptionList = z.infer<typeof ReceptionList>;
