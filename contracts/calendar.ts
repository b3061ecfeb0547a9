/**
 * Working calendar DTOs, shared by the server (validation, OpenAPI) and the
 * web client. The calendar `default` is the national one that every unit
 * inherits before its own settings and decisions.
 */
import { z } from 'zod';

/** Dates the calendar can compute (the lunar tables and the rules cover these years). */
export const CALENDAR_MIN_YEAR = 1900;
export const CALENDAR_MAX_YEAR = 2199;
/** The unit code that names the national calendar. */
export const NATIONAL_CALENDAR = 'default';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** A calendar's code in a path: `default` or a unit code. */
export const CalendarCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'default or a unit code');

export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM');

export const WorkingSpan = z
  .strictObject({ start: LocalTime, end: LocalTime })
  .refine((s) => s.start < s.end, { message: 'a span must end after it starts', path: ['end'] });
export type WorkingSpan = z.infer<typeof WorkingSpan>;

/** The spans of a working day, in order and not overlapping (e.g. 07:30–11:30 and 13:30–17:00). */
export const WorkingHours = z
  .array(WorkingSpan)
  .min(1)
  .max(4)
  .superRefine((spans, ctx) => {
    spans.forEach((s, i) => {
      const previous = spans[i - 1];
      if (previous && s.start < previous.end) ctx.addIssue({ code: 'custom', path: [i, 'start'], message: 'spans must be in order and not overlap' });
    });
  });

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WorkingWeekdays = z
  .array(z.number().int().min(1).max(7))
  .min(1)
  .max(7)
  .refine((days) => new Set(days).size === days.length, { message: 'each weekday at most once' });

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
export const TimeZone = z.string().min(1).max(64).refine(isTimeZone, { message: 'an IANA time zone such as Asia/Ho_Chi_Minh' });

const inRange = (iso: string) => {
  const year = Number(iso.slice(0, 4));
  return year >= CALENDAR_MIN_YEAR && year <= CALENDAR_MAX_YEAR;
};
const RANGE_MESSAGE = `a date from ${CALENDAR_MIN_YEAR}-01-01 to ${CALENDAR_MAX_YEAR}-12-31`;

/** A calendar date "YYYY-MM-DD" within the supported years. */
export const CalendarDate = z.iso.date().refine(inRange, { message: RANGE_MESSAGE });
/** An instant with its offset ("2025-01-03T16:00:00+07:00" or "…Z") within the supported years. */
export const CalendarInstant = z.iso.datetime({ offset: true }).refine(inRange, { message: RANGE_MESSAGE });
export const CalendarYear = z.coerce
  .number()
  .int()
  .min(CALENDAR_MIN_YEAR, { message: `a year from ${CALENDAR_MIN_YEAR} to ${CALENDAR_MAX_YEAR}` })
  .max(CALENDAR_MAX_YEAR, { message: `a year from ${CALENDAR_MIN_YEAR} to ${CALENDAR_MAX_YEAR}` });

export const CalendarSettingsFields = z.strictObject({
  timeZone: TimeZone,
  workingHours: WorkingHours,
  workingWeekdays: WorkingWeekdays,
  /** "Same day" procedures received after this local time are due the next working day. */
  sameDayCutoff: LocalTime,
});
export type CalendarSettingsFields = z.infer<typeof CalendarSettingsFields>;

/** PUT body: `version` of the unit's own settings as read, or null when it had none (it inherited). */
export const CalendarSettingsUpdate = CalendarSettingsFields.extend({ version: z.number().int().min(1).nullable() });
export type CalendarSettingsUpdate = z.infer<typeof CalendarSettingsUpdate>;

export const CalendarSettings = z.object({
  unitCode: z.string(),
  /** True when the unit has settings of its own; false when it inherits them. */
  own: z.boolean(),
  /** Where inherited settings come from: an ancestor's unit code or `default`; null when own. */
  inheritedFrom: z.string().nullable(),
  /** Version of the unit's own settings (send it back with an edit); null when inherited. */
  version: z.number().int().nullable(),
  timeZone: z.string(),
  workingHours: z.array(z.object({ start: z.string(), end: z.string() })),
  workingWeekdays: z.array(z.number().int()),
  sameDayCutoff: z.string(),
  updatedAt: z.iso.datetime().nullable(),
});
export type CalendarSettings = z.infer<typeof CalendarSettings>;

export const DECISION_KINDS = ['day_off', 'working_day'] as const;
export const DecisionKind = z.enum(DECISION_KINDS);
export type DecisionKind = z.infer<typeof DecisionKind>;

export const CalendarDecisionCreate = z.strictObject({
  date: CalendarDate,
  kind: DecisionKind,
  /** Vietnamese text shown with the day, e.g. "Nghỉ Tết Nguyên đán". */
  reason: text(300),
  reasonEn: optionalText(300),
  /** The official document, e.g. "Công văn 8119/VPCP-KGVX". */
  reference: optionalText(200),
});
export type CalendarDecisionCreate = z.infer<typeof CalendarDecisionCreate>;

export const CalendarDecision = z.object({
  id: z.uuid(),
  /** Whose decision: a unit code, or `default` for a national one. */
  unitCode: z.string(),
  date: z.iso.date(),
  kind: DecisionKind,
  reason: z.string(),
  reasonEn: z.string().nullable(),
  reference: z.string().nullable(),
  /** True when it comes from the national calendar or an ancestor, not from this calendar itself. */
  inherited: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type CalendarDecision = z.infer<typeof CalendarDecision>;

/** Why a day is not worked. Weekly rest days are implied by `workingWeekdays` and not listed. */
export const HOLIDAY_REASONS = ['new_year', 'tet', 'hung_kings', 'reunification', 'labour_day', 'national_day', 'in_lieu', 'decision'] as const;
export const HolidayReason = z.enum(HOLIDAY_REASONS);
export type HolidayReason = z.infer<typeof HolidayReason>;

export const NonWorkingDay = z.object({
  date: z.iso.date(),
  reason: HolidayReason,
  /** `rule`: the Labour Code's holidays and days in lieu; `decision`: an official decision recorded here. */
  source: z.enum(['rule', 'decision']),
  /** For a day in lieu: the holiday it makes up for. */
  inLieuOf: z.iso.date().nullable(),
  decision: CalendarDecision.nullable(),
});
export type NonWorkingDay = z.infer<typeof NonWorkingDay>;

export const CalendarDays = z.object({
  unitCode: z.string(),
  year: z.number().int(),
  timeZone: z.string(),
  workingHours: z.array(z.object({ start: z.string(), end: z.string() })),
  workingWeekdays: z.array(z.number().int()),
  sameDayCutoff: z.string(),
  /** Holidays, days in lieu and decided days off of the year, by date. */
  days: z.array(NonWorkingDay),
  /** Decisions of the year that make a day a working day (a Saturday worked in exchange). */
  workingDays: z.array(CalendarDecision),
});
export type CalendarDays = z.infer<typeof CalendarDays>;

export const CalendarDaysQuery = z.strictObject({ year: CalendarYear });
export const CalendarDecisionsQuery = z.strictObject({ year: CalendarYear.optional() });

const DURATION_KEYS = ['days', 'hours', 'sameDay', 'calendarDays'] as const;

/** `start` (default: now) and exactly one of `days`, `hours`, `sameDay=true`, `calendarDays`. */
export const DueQuery = z
  .strictObject({
    start: CalendarInstant.optional(),
    days: z.coerce.number().positive().max(365).multipleOf(0.5).optional(),
    hours: z.coerce.number().int().positive().max(2920).optional(),
    sameDay: z.literal('true').optional(),
    calendarDays: z.coerce.number().int().positive().max(730).optional(),
  })
  .superRefine((q, ctx) => {
    const given = DURATION_KEYS.filter((k) => q[k] !== undefined);
    if (given.length === 0) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give one of days, hours, sameDay=true or calendarDays' });
    }
    for (const extra of given.slice(1)) {
      ctx.addIssue({ code: 'custom', path: [extra], message: `give only one of days, hours, sameDay, calendarDays (${given[0] ?? ''} is given)` });
    }
  });
export type DueQuery = z.infer<typeof DueQuery>;

export const DueAnswer = z.object({ due: z.iso.datetime() });
