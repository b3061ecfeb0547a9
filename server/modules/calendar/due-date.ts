/**
 * Due-date arithmetic in a unit's working calendar: pure functions of the
 * calendar, an instant and a duration.
 *
 * Decisions:
 * - Working time is counted in working days, and a working hour is an eighth of
 *   one (Labour Code 2019 Art. 105: 8 normal hours a day; Decree 61/2018 counts
 *   settlement times in working days and hours). Within a day, clock time in the
 *   working spans maps proportionally onto those 8 hours: with the default
 *   07:30–11:30 and 13:30–17:00 (7½ clock hours) a working hour lasts 56¼
 *   minutes. So 8 working hours is exactly one working day, half a day is 4
 *   hours, and adding a then b equals adding a + b.
 * - A dossier received outside working time (evening, lunch break, weekend,
 *   holiday) starts at the next working moment (Decree 45/2020 Art. 13(2): what
 *   arrives outside working hours is received on the next working day).
 * - A period that ends exactly at the end of a working span ends there (17:00),
 *   not at the start of the next span: the earlier of two equal moments.
 * - Same day: due at the end of the working day of receipt, or of the next
 *   working day when received after the cut-off (default 15:00; e.g. Law on
 *   Civil Status 2014 Art. 16(1); Decree 123/2015).
 * - Calendar days (Civil Code 2015 Art. 147–148): the period starts on the day
 *   of receipt and ends at the end of working hours of its N-th following day,
 *   or of the next working day when that day is not one.
 * - Clock stops: shift the due date by the working time paused,
 *   `addWorkingTime(cal, due, workingTimeBetween(cal, pauseStart, pauseEnd))`.
 */
import type { SettlementTime } from '../../../contracts/catalog.js';
import type { WorkingCalendar } from './calendar.js';
import { minutesOf, type LocalDate } from './local-date.js';

/** Working time of one working day, in working ms (8 working hours). */
export const WORKING_DAY_MS = 8 * 3_600_000;
export const WORKING_HOUR_MS = 3_600_000;

/** A working moment: a working day and the clock ms of working time elapsed in it (0…dayLength). */
type Position = { day: LocalDate; clock: number };

function clockAt(cal: WorkingCalendar, msOfDay: number): number {
  let clock = 0;
  for (const s of cal.spans) clock += Math.min(Math.max(msOfDay - s.start, 0), s.end - s.start);
  return clock;
}

/** The local time at which `clock` of working time has elapsed; at a span boundary, the end of the earlier span or the start of the later one. */
function timeAt(cal: WorkingCalendar, clock: number, boundary: 'earlier' | 'later'): number {
  let left = clock;
  const spans = cal.spans;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    if (!s) break;
    const length = s.end - s.start;
    if (left < length || (left === length && (boundary === 'earlier' || i === spans.length - 1))) return s.start + left;
    left -= length;
  }
  return spans[spans.length - 1]?.end ?? 0;
}

/** Where working time resumes at or after `instant`: clock < dayLength. */
function startPosition(cal: WorkingCalendar, instant: number): Position {
  const { day, ms } = cal.toLocal(instant);
  if (cal.isWorkingDay(day)) {
    const clock = clockAt(cal, ms);
    if (clock < cal.dayLengthMs) return { day, clock };
  }
  return { day: cal.nextWorkingDay(day), clock: 0 };
}

function lastSpanEnd(cal: WorkingCalendar): number {
  return cal.spans[cal.spans.length - 1]?.end ?? 0;
}

/** The end of working hours of a day. */
export function endOfWorkingDay(cal: WorkingCalendar, day: LocalDate): Date {
  return new Date(cal.toInstant(day, lastSpanEnd(cal)));
}

/** The instant itself when it is in working time, else the next moment that is. */
export function nextWorkingMoment(cal: WorkingCalendar, instant: Date): Date {
  const p = startPosition(cal, instant.getTime());
  return new Date(cal.toInstant(p.day, timeAt(cal, p.clock, 'later')));
}

/** Whether the instant lies in working time (span ends included). */
export function isWorkingTime(cal: WorkingCalendar, instant: Date): boolean {
  const { day, ms } = cal.toLocal(instant.getTime());
  return cal.isWorkingDay(day) && cal.spans.some((s) => ms >= s.start && ms <= s.end);
}

/** Adds working time (working ms; one working day = WORKING_DAY_MS) to an instant. */
export function addWorkingTime(cal: WorkingCalendar, start: Date, workingMs: number): Date {
  if (!Number.isFinite(workingMs) || workingMs < 0) throw new RangeError(`working time must be ≥ 0, got ${workingMs}`);
  const p = startPosition(cal, start.getTime());
  const length = cal.dayLengthMs;
  const total = p.clock + Math.round((workingMs * length) / WORKING_DAY_MS);
  if (total === 0) return new Date(cal.toInstant(p.day, timeAt(cal, 0, 'later')));
  // The working day the period ends in, counted from p.day, and the clock in it: (0, length].
  const days = Math.ceil(total / length) - 1;
  const clock = total - days * length;
  return new Date(cal.toInstant(cal.addWorkingDays(p.day, days), timeAt(cal, clock, 'earlier')));
}

/** Adds N working days (N may be fractional: 0.5 = 4 working hours). */
export function addWorkingDays(cal: WorkingCalendar, start: Date, days: number): Date {
  return addWorkingTime(cal, start, days * WORKING_DAY_MS);
}

export function addWorkingHours(cal: WorkingCalendar, start: Date, hours: number): Date {
  return addWorkingTime(cal, start, hours * WORKING_HOUR_MS);
}

/** Working time (working ms) between two instants; 0 when `to` is not after `from`. */
export function workingTimeBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  const a = startPosition(cal, from.getTime());
  const b = startPosition(cal, to.getTime());
  const clock = cal.workingDaysBetween(a.day, b.day) * cal.dayLengthMs + b.clock - a.clock;
  return Math.round((clock * WORKING_DAY_MS) / cal.dayLengthMs);
}

/** When a settlement time received at `start` runs out. */
export function dueDate(cal: WorkingCalendar, start: Date, settlement: SettlementTime): Date {
  switch (settlement.kind) {
    case 'working_days':
      return addWorkingDays(cal, start, settlement.amount);
    case 'working_hours':
      return addWorkingHours(cal, start, settlement.amount);
    case 'same_day': {
      const p = startPosition(cal, start.getTime());
      const cutoff = settlement.cutoff ? minutesOf(settlement.cutoff) * 60_000 : cal.cutoffMs;
      const late = timeAt(cal, p.clock, 'later') > cutoff;
      return endOfWorkingDay(cal, late ? cal.nextWorkingDay(p.day) : p.day);
    }
    case 'calendar_days': {
      const p = startPosition(cal, start.getTime());
      return endOfWorkingDay(cal, cal.workingDayFrom(p.day + settlement.amount));
    }
  }
}
