/**
 * Public holidays by rule, for any year 1900–2199: what the calendar holds
 * until an official decision for the year is recorded (decisions override
 * single dates; see calendar.ts).
 *
 * Labour Code 2019 Art. 112(1): 1 January; Tết, 5 days; Hung Kings
 * commemoration (10th day of the 3rd lunar month); 30 April; 1 May; 2 September
 * and one adjacent day.
 *
 * Decisions (the law leaves the exact days to the Prime Minister each year):
 * - Tết: the last day of the old lunar year and the first four of the new one
 *   (the usual choice; the 29th or the 30th of the 12th month, whichever ends it).
 * - 2 September's adjacent day: the one that joins the holiday to a weekly rest
 *   day — 3 September unless that is a rest day or only 1 September joins the
 *   holiday to one; when neither does (2 September on a Wednesday), 3 September.
 *   This gives the days actually decreed in 2021–2025 (2021 Thu → 3 Sep,
 *   2022 Fri → 1 Sep, 2023 Sat → 1 Sep, 2024 Mon → 3 Sep, 2025 Tue → 1 Sep).
 * - Art. 111(3): a holiday that falls on a weekly rest day gives a day in lieu on
 *   the next working day that is neither a holiday nor already a day in lieu,
 *   one for each such holiday, in date order.
 * - "Weekly rest day" and "working day" follow the calendar's own working
 *   weekdays, so a unit that works Saturdays gets its days in lieu accordingly.
 */
import type { HolidayReason } from '../../../contracts/calendar.js';
import { fromYmd, isoWeekday, type LocalDate } from './local-date.js';
import { lunarNewYear, lunarToSolar } from './lunar.js';

export type RuleReason = Exclude<HolidayReason, 'decision'>;
export type RuleHoliday = { day: LocalDate; reason: RuleReason; inLieuOf: LocalDate | null };

/** The year's holidays and days in lieu by rule, by date. */
export function ruleHolidays(year: number, workingWeekdays: readonly number[]): RuleHoliday[] {
  const works = (d: LocalDate) => workingWeekdays.includes(isoWeekday(d));
  const holidays = new Map<LocalDate, RuleReason>();
  const add = (day: LocalDate, reason: RuleReason) => holidays.set(day, reason);

  add(fromYmd(year, 1, 1), 'new_year');
  const tet = lunarNewYear(year);
  for (let d = tet - 1; d <= tet + 3; d++) add(d, 'tet');
  add(lunarToSolar({ day: 10, month: 3, year, leap: false }), 'hung_kings');
  add(fromYmd(year, 4, 30), 'reunification');
  add(fromYmd(year, 5, 1), 'labour_day');
  const nationalDay = fromYmd(year, 9, 2);
  add(nationalDay, 'national_day');
  add(nationalDayCompanion(nationalDay, works), 'national_day');

  const result: RuleHoliday[] = [...holidays].map(([day, reason]) => ({ day, reason, inLieuOf: null }));
  const taken = new Set(holidays.keys());
  for (const h of [...result].sort((a, b) => a.day - b.day)) {
    if (works(h.day)) continue;
    let d = h.day + 1;
    while (!works(d) || taken.has(d)) d++;
    taken.add(d);
    result.push({ day: d, reason: 'in_lieu', inLieuOf: h.day });
  }
  return result.sort((a, b) => a.day - b.day);
}

/** 1 or 3 September: the working day that joins the holiday to a weekly rest day (see above). */
function nationalDayCompanion(nationalDay: LocalDate, works: (d: LocalDate) => boolean): LocalDate {
  const after = nationalDay + 1;
  const before = nationalDay - 1;
  const joinsRest = (companion: LocalDate) => {
    const first = Math.min(companion, nationalDay);
    const last = Math.max(companion, nationalDay);
    return !works(first - 1) || !works(last + 1);
  };
  const candidates = [after, before].filter(works);
  return candidates.find(joinsRest) ?? candidates[0] ?? after;
}
