/**
 * A unit's working calendar as a pure value: its settings, the official
 * decisions that apply to it, and the holiday rules (holidays.ts) filled in
 * lazily, one year at a time, and kept inside the object.
 *
 * Decisions:
 * - The calendar is a table the rules fill and decisions override: for a date,
 *   a decision (day off or working day) wins over the rules and the weekdays;
 *   among decisions, the one of the deepest unit wins (a commune's over its
 *   province's over the national one). Decisions change single dates; they do
 *   not re-run the rules (an official decision names every day it moves).
 * - Local time: the configured IANA zone through `Intl` (the platform's tzdata),
 *   taken once per local day at noon and cached. Working time never spans a
 *   zone's offset change (those happen at night; Vietnam has had none since
 *   1975), so one offset per day is exact for every working moment.
 * - Dates outside 1900-01-01…2199-12-31 throw CalendarRangeError: the lunar
 *   tables end there, and a deadline the calendar cannot compute must fail, not
 *   be guessed.
 */
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR, type DecisionKind } from '../../../contracts/calendar.js';
import { ruleHolidays, type RuleHoliday } from './holidays.js';
import { DAY_MS, fromYmd, isoWeekday, minutesOf, parseIsoDate, yearOf, type LocalDate } from './local-date.js';

export type CalendarSettings = {
  timeZone: string;
  workingHours: { start: string; end: string }[];
  workingWeekdays: number[];
  sameDayCutoff: string;
};

export const DEFAULT_SETTINGS: CalendarSettings = {
  timeZone: 'Asia/Ho_Chi_Minh',
  workingHours: [
    { start: '07:30', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
  workingWeekdays: [1, 2, 3, 4, 5],
  sameDayCutoff: '15:00',
};

export type Decision = {
  id: string;
  /** null: national. */
  unitId: string | null;
  day: string;
  kind: DecisionKind;
  reason: string;
  reasonEn: string | null;
  reference: string | null;
  createdAt: Date;
};

export class CalendarRangeError extends RangeError {
  constructor(what: string) {
    super(`calendar: ${what} is outside ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}`);
    this.name = 'CalendarRangeError';
  }
}

export const MIN_DAY = fromYmd(CALENDAR_MIN_YEAR, 1, 1);
export const MAX_DAY = fromYmd(CALENDAR_MAX_YEAR, 12, 31);

/**
 * For each date, the decision that applies to a unit whose chain (root first,
 * the unit last) is `chain`: the deepest unit's; national decisions (unitId
 * null) are the shallowest. Decisions of units outside the chain are ignored.
 */
export function effectiveDecisions(decisions: readonly Decision[], chain: readonly string[]): Decision[] {
  const depth = (d: Decision) => (d.unitId === null ? 0 : chain.indexOf(d.unitId) + 1);
  const byDay = new Map<string, Decision>();
  for (const d of decisions) {
    if (d.unitId !== null && !chain.includes(d.unitId)) continue;
    const current = byDay.get(d.day);
    if (!current || depth(d) > depth(current)) byDay.set(d.day, d);
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

type YearTable = { first: LocalDate; working: Uint8Array; holidays: Map<LocalDate, RuleHoliday> };

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(timeZone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const p of zoneFormatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

export class WorkingCalendar {
  readonly settings: CalendarSettings;
  /** Effective decisions by date (already resolved: one per date). */
  readonly decisions: ReadonlyMap<LocalDate, Decision>;
  /** Working spans of a working day, in ms after local midnight. */
  readonly spans: readonly { start: number; end: number }[];
  /** Clock length of a working day's spans, in ms. */
  readonly dayLengthMs: number;
  readonly cutoffMs: number;
  private readonly weekdays: readonly boolean[];
  private readonly years = new Map<number, YearTable>();
  /** The table used last: nearly every lookup hits the same year again. */
  private last: YearTable | undefined;
  private readonly offsets = new Map<LocalDate, number>();

  constructor(settings: CalendarSettings, decisions: readonly Decision[]) {
    this.settings = settings;
    this.decisions = new Map(decisions.map((d) => [parseIsoDate(d.day), d]));
    this.spans = settings.workingHours.map((s) => ({ start: minutesOf(s.start) * 60_000, end: minutesOf(s.end) * 60_000 }));
    this.dayLengthMs = this.spans.reduce((sum, s) => sum + s.end - s.start, 0);
    if (this.dayLengthMs <= 0) throw new RangeError('calendar: a working day needs working hours');
    this.cutoffMs = minutesOf(settings.sameDayCutoff) * 60_000;
    this.weekdays = [1, 2, 3, 4, 5, 6, 7].map((w) => settings.workingWeekdays.includes(w));
  }

  private table(year: number): YearTable {
    let t = this.years.get(year);
    if (t) return t;
    if (year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) throw new CalendarRangeError(`year ${year}`);
    const first = fromYmd(year, 1, 1);
    const length = fromYmd(year + 1, 1, 1) - first;
    const working = new Uint8Array(length);
    const holidays = new Map(ruleHolidays(year, this.settings.workingWeekdays).map((h) => [h.day, h]));
    for (let i = 0; i < length; i++) {
      const day = first + i;
      const decision = this.decisions.get(day);
      const works = decision ? decision.kind === 'working_day' : this.weekdays[isoWeekday(day) - 1] === true && !holidays.has(day);
      working[i] = works ? 1 : 0;
    }
    t = { first, working, holidays };
    this.years.set(year, t);
    return t;
  }

  private tableOf(day: LocalDate): YearTable {
    const last = this.last;
    if (last && day >= last.first && day < last.first + last.working.length) return last;
    if (day < MIN_DAY || day > MAX_DAY) throw new CalendarRangeError(`day ${day}`);
    this.last = this.table(yearOf(day));
    return this.last;
  }

  isWorkingDay(day: LocalDate): boolean {
    const t = this.tableOf(day);
    return t.working[day - t.first] === 1;
  }

  /** The first working day after `day`. */
  nextWorkingDay(day: LocalDate): LocalDate {
    let d = day + 1;
    while (!this.isWorkingDay(d)) d++;
    return d;
  }

  /** The first working day on or after `day`. */
  workingDayFrom(day: LocalDate): LocalDate {
    return this.isWorkingDay(day) ? day : this.nextWorkingDay(day);
  }

  /** The `n`-th working day after the working day `day` (n ≥ 0; 0 = `day`). */
  addWorkingDays(day: LocalDate, n: number): LocalDate {
    let d = day;
    for (let left = n; left > 0; left--) d = this.nextWorkingDay(d);
    return d;
  }

  /** Working days in [from, to). */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    let n = 0;
    for (let d = from; d < to; d++) if (this.isWorkingDay(d)) n++;
    return n;
  }

  /** Rule holidays of a year (with days in lieu), before decisions. */
  ruleHolidays(year: number): RuleHoliday[] {
    return [...this.table(year).holidays.values()].sort((a, b) => a.day - b.day);
  }

  isWeeklyWorkday(day: LocalDate): boolean {
    return this.weekdays[isoWeekday(day) - 1] === true;
  }

  // ---------------------------------------------------------------- local time

  /** The zone's offset on a local day (at its noon), in ms. */
  offsetOn(day: LocalDate): number {
    let off = this.offsets.get(day);
    if (off === undefined) {
      const noon = day * DAY_MS + DAY_MS / 2;
      const guess = offsetAt(this.settings.timeZone, noon);
      off = offsetAt(this.settings.timeZone, noon - guess);
      this.offsets.set(day, off);
    }
    return off;
  }

  /** An instant (ms since epoch) as a local day and ms after its midnight. */
  toLocal(instant: number): { day: LocalDate; ms: number } {
    let day = Math.floor(instant / DAY_MS);
    for (let i = 0; i < 2; i++) {
      const local = instant + this.offsetOn(day);
      const d = Math.floor(local / DAY_MS);
      if (d === day) return { day, ms: local - d * DAY_MS };
      day = d;
    }
    const local = instant + this.offsetOn(day);
    return { day, ms: local - day * DAY_MS };
  }

  /** A local day and time as an instant. */
  toInstant(day: LocalDate, ms: number): number {
    return day * DAY_MS + ms - this.offsetOn(day);
  }
}

export function makeCalendar(settings: CalendarSettings, decisions: readonly Decision[] = []): WorkingCalendar {
  return new WorkingCalendar(settings, decisions);
}
