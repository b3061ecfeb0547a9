/**
 * Pure rules of the counters' nameplates and of the day ranges the roster and
 * the reception schedule are read by: which officer sits at a counter on a
 * day, a unit's local date, and a requested range of days.
 */
import { MAX_RANGE_DAYS } from '../../../contracts/contacts.js';

const DAY_MS = 86_400_000;

/** One line of a counter's roster: who sits there on a day (YYYY-MM-DD, the unit's local date). */
export type DutyLine = { day: string; staffId: string };

/**
 * The officer at a counter on `day`: that day's roster entry, else the
 * counter's regular officer; someone who may no longer sit there (a disabled
 * account, an officer moved out of the unit) is passed over, so the nameplate
 * never names a person who cannot be at the desk.
 */
export function officerOnDuty(
  regularOfficerId: string | null,
  roster: readonly DutyLine[],
  day: string,
  mayServe: (staffId: string) => boolean,
): string | null {
  const entry = roster.find((line) => line.day === day);
  if (entry && mayServe(entry.staffId)) return entry.staffId;
  if (regularOfficerId !== null && mayServe(regularOfficerId)) return regularOfficerId;
  return null;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function partsIn(instant: number, timeZone: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    dateFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), h: Number(parts.hour), min: Number(parts.minute), s: Number(parts.second) };
}

const isoOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** The date (YYYY-MM-DD) an instant falls on in an IANA time zone: Vietnam's "today" is `localDate(now, 'Asia/Ho_Chi_Minh')`. */
export function localDate(instant: Date, timeZone: string): string {
  const p = partsIn(instant.getTime(), timeZone);
  return isoOf(p.y, p.m, p.d);
}

/** The instant a local date begins in the zone (midnight there). */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // The zone's offset at that moment, then once more at the corrected moment (an offset change near midnight).
  let guess = utcMidnight;
  for (let i = 0; i < 2; i += 1) {
    const p = partsIn(guess, timeZone);
    const offset = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - guess;
    guess = utcMidnight - offset;
  }
  return new Date(guess);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (1 for a single day). */
export function daysIncluded(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

export type DayRange = { from: string; to: string };
export type RangeProblem = { reason: 'before_from' | 'too_long'; maxDays: number };

/**
 * A requested range of days: `from` defaults to today, `to` to the default
 * length from `from`. A range that ends before it starts or spans more than
 * MAX_RANGE_DAYS days is a problem, not silently cut.
 */
export function dayRange(query: { from?: string | undefined; to?: string | undefined }, today: string, defaultDays: number): DayRange | RangeProblem {
  const from = query.from ?? today;
  const to = query.to ?? addDays(from, defaultDays - 1);
  if (to < from) return { reason: 'before_from', maxDays: MAX_RANGE_DAYS };
  if (daysIncluded(from, to) > MAX_RANGE_DAYS) return { reason: 'too_long', maxDays: MAX_RANGE_DAYS };
  return { from, to };
}
