/**
 * The Vietnamese lunar calendar, behind one small interface so that the
 * library can be replaced without touching the holiday rules.
 *
 * Decisions:
 * - `@dqcai/vn-lunar` 1.0.1: Hồ Ngọc Đức's tables for 1200–2199, computed for
 *   UTC+7. The Vietnamese calendar differs from the Chinese one (UTC+8) in some
 *   years — Tết 1985 is a month earlier, Tết 2007 and 2030 a day earlier — so a
 *   Chinese-calendar package would be wrong. The library is young and has one
 *   maintainer: lunar.test.ts pins known Tết and Hung Kings dates, and checks
 *   the whole range against the astronomical algorithm.
 * - Supported years: 1900–2199 (the calendar's range, contracts/calendar.ts);
 *   outside it these functions throw a RangeError instead of returning the
 *   library's silent zeros.
 */
import { getLunarDate, getSolarDate } from '@dqcai/vn-lunar';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR } from '../../../contracts/calendar.js';
import { fromYmd, ymd, type LocalDate } from './local-date.js';

export type LunarDate = { day: number; month: number; year: number; leap: boolean };

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < CALENDAR_MIN_YEAR || year > CALENDAR_MAX_YEAR) {
    throw new RangeError(`lunar calendar: year ${year} is outside ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}`);
  }
}

/** The solar (Gregorian) date of a lunar date. */
export function lunarToSolar(lunar: LunarDate): LocalDate {
  checkYear(lunar.year);
  const s = getSolarDate(lunar.day, lunar.month, lunar.year, lunar.leap);
  if (s.year === 0) throw new RangeError(`lunar calendar: no such date ${lunar.day}/${lunar.month}${lunar.leap ? ' (leap)' : ''}/${lunar.year}`);
  return fromYmd(s.year, s.month, s.day);
}

/** The lunar date of a solar date. */
export function solarToLunar(day: LocalDate): LunarDate {
  const { y, m, d } = ymd(day);
  checkYear(y);
  const l = getLunarDate(d, m, y);
  if (l.year === 0) throw new RangeError(`lunar calendar: no lunar date for ${y}-${m}-${d}`);
  return { day: l.day, month: l.month, year: l.year, leap: l.leap };
}

/** Tết: the first day of the first lunar month of the lunar year that begins in `year`. */
export function lunarNewYear(year: number): LocalDate {
  return lunarToSolar({ day: 1, month: 1, year, leap: false });
}
