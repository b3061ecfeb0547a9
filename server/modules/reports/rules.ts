/**
 * The reports' pure rules (no I/O): which days a period covers, how a sum up
 * to a day is cut into the rollup's grains, the median of a histogram, and
 * working days between two local dates.
 */
import type { PeriodKind } from '../../../contracts/reports.js';
import type { WorkingCalendar } from '../calendar/calendar.js';
import { fromYmd, parseIsoDate, toIsoDate, ymd, type LocalDate } from '../calendar/local-date.js';

export type Period = { kind: PeriodKind; from: string; to: string };

/** The first and last day (local dates, both included) of the period named by `from` (and `to` for a custom one). */
export function resolvePeriod(kind: PeriodKind, from: string, to?: string): Period {
  const { y, m, d } = ymd(parseIsoDate(from));
  const last = (start: LocalDate, months: number) => {
    const s = ymd(start);
    return fromYmd(s.y + Math.floor((s.m - 1 + months) / 12), ((s.m - 1 + months) % 12) + 1, 1) - 1;
  };
  let start: LocalDate;
  let end: LocalDate;
  switch (kind) {
    case 'day':
      start = end = fromYmd(y, m, d);
      break;
    case 'month':
      start = fromYmd(y, m, 1);
      end = last(start, 1);
      break;
    case 'quarter':
      start = fromYmd(y, m - ((m - 1) % 3), 1);
      end = last(start, 3);
      break;
    case 'year':
      start = fromYmd(y, 1, 1);
      end = fromYmd(y, 12, 31);
      break;
    case 'custom':
      start = parseIsoDate(from);
      end = parseIsoDate(to ?? from);
      break;
  }
  return { kind, from: toIsoDate(start), to: toIsoDate(end) };
}

/** The day after a local date. */
export function dayAfter(date: string): string {
  return toIsoDate(parseIsoDate(date) + 1);
}

/** The last day of a local date's month, and of its year. */
export function monthEnd(date: string): string {
  const { y, m } = ymd(parseIsoDate(date));
  return toIsoDate(fromYmd(y, m + 1, 1) - 1);
}
export function yearEnd(date: string): string {
  return `${date.slice(0, 4)}-12-31`;
}

/** The day before a local date. */
export function dayBefore(date: string): string {
  return toIsoDate(parseIsoDate(date) - 1);
}

/**
 * A sum "up to and including `day`" over the rollup reads the years before
 * its year, the months of its year before its month, and the days of its
 * month up to it: `yearStart` and `monthStart` are those boundaries.
 */
export function prefixBounds(day: string): { day: string; yearStart: string; monthStart: string } {
  const { y, m } = ymd(parseIsoDate(day));
  return { day, yearStart: toIsoDate(fromYmd(y, 1, 1)), monthStart: toIsoDate(fromYmd(y, m, 1)) };
}

/**
 * The cheapest cut of "everything up to and including `day`" into the
 * rollup's grains: like `prefixBounds`, but a day that closes its month is
 * read from its month's row and one that closes its year from its year's row
 * (years before `yearStart`, months from it before `monthStart`, days from
 * `monthStart` up to `day`: either range may be empty). The start of a month
 * or a year is always such a day, and so is the end of a past one.
 */
export function prefixCut(day: string): { day: string; yearStart: string; monthStart: string } {
  const next = parseIsoDate(day) + 1;
  const { y, m, d } = ymd(next);
  if (d !== 1) return prefixBounds(day);
  const first = toIsoDate(next);
  return { day, yearStart: m === 1 ? first : toIsoDate(fromYmd(y, 1, 1)), monthStart: first };
}

export type GrainRange = { grain: 'd' | 'm' | 'y'; from: string; to: string };

/**
 * The fewest rollup rows that cover the days `from`…`to` (both included)
 * exactly once: the days up to the first whole month, whole months up to the
 * first whole year, whole years, then months and days again. Each range is
 * of the rows' `period` (first days), both ends included; none when `to` is
 * before `from`. What a flow over a period reads (no prefix needed).
 */
export function rangeCut(from: string, to: string): GrainRange[] {
  const end = parseIsoDate(to);
  const out: GrainRange[] = [];
  let cur = parseIsoDate(from);
  while (cur <= end) {
    const { y, m, d } = ymd(cur);
    const monthEnd = fromYmd(y, m + 1, 1) - 1;
    if (d !== 1 || monthEnd > end) {
      const last = Math.min(monthEnd, end);
      out.push({ grain: 'd', from: toIsoDate(cur), to: toIsoDate(last) });
      cur = last + 1;
    } else if (m === 1 && fromYmd(y + 1, 1, 1) - 1 <= end) {
      let years = 1;
      while (fromYmd(y + years + 1, 1, 1) - 1 <= end) years++;
      out.push({ grain: 'y', from: toIsoDate(cur), to: toIsoDate(fromYmd(y + years - 1, 1, 1)) });
      cur = fromYmd(y + years, 1, 1);
    } else {
      let months = 1;
      while (m + months <= 12 && fromYmd(y, m + months + 1, 1) - 1 <= end) months++;
      out.push({ grain: 'm', from: toIsoDate(cur), to: toIsoDate(fromYmd(y, m + months - 1, 1)) });
      cur = fromYmd(y, m + months, 1);
    }
  }
  return out;
}

/** The rollup periods (first days) an event of `day` is folded into. */
export function grainsOf(day: string): { grain: 'd' | 'm' | 'y'; period: string }[] {
  const b = prefixBounds(day);
  return [
    { grain: 'd', period: day },
    { grain: 'm', period: b.monthStart },
    { grain: 'y', period: b.yearStart },
  ];
}

/**
 * Working days from `start` to `end` the way appointment slips count them:
 * the working days after the start day up to and including the end day (a
 * dossier received on Monday and ready on Wednesday took 2; ready the same
 * day, 0). Never negative.
 */
export function workingDaysFrom(cal: Pick<WorkingCalendar, 'workingDaysBetween'>, start: string, end: string): number {
  const a = parseIsoDate(start);
  const b = parseIsoDate(end);
  return b <= a ? 0 : cal.workingDaysBetween(a + 1, b + 1);
}

/**
 * The median of values given as a histogram (value → how many): the middle
 * value, or the mean of the two middle ones; null when empty. Non-positive
 * counts are ignored.
 */
export function histogramMedian(histogram: ReadonlyMap<number, number>): number | null {
  const buckets = [...histogram].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const at = (rank: number): number => {
    let seen = 0;
    for (const [value, n] of buckets) {
      seen += n;
      if (seen >= rank) return value;
    }
    return buckets[buckets.length - 1]?.[0] ?? 0;
  };
  return total % 2 === 1 ? at((total + 1) / 2) : (at(total / 2) + at(total / 2 + 1)) / 2;
}

/** A share with nothing to divide is null, not 0. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
