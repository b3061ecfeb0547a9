import { describe, expect, it } from 'vitest';
import { fromYmd, toIsoDate } from './local-date.js';
import { lunarNewYear, lunarToSolar, solarToLunar } from './lunar.js';

describe('Vietnamese lunar calendar', () => {
  // Published Tết dates. 1985, 2007 and 2030 differ from the Chinese New Year
  // (UTC+8): 1985 by a month (Vietnam 21 Jan, China 20 Feb), 2007 and 2030 by a day.
  it.each([
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
    [2030, '2030-02-02'],
    [2053, '2053-02-18'],
  ])('puts Tết %i on %s', (year, date) => {
    expect(toIsoDate(lunarNewYear(year))).toBe(date);
  });

  it.each([
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('puts the Hung Kings commemoration (10/3) of %i on %s', (year, date) => {
    expect(toIsoDate(lunarToSolar({ day: 10, month: 3, year, leap: false }))).toBe(date);
  });

  it('knows the leap months: 2023 had a leap 2nd month, 2025 a leap 6th', () => {
    expect(solarToLunar(fromYmd(2023, 3, 22))).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar(fromYmd(2025, 7, 25))).toEqual({ day: 1, month: 6, year: 2025, leap: true });
  });

  it('ends lunar 2024 on its 29th day of the 12th month (no "30 Tết" from 2025 to 2032)', () => {
    expect(solarToLunar(lunarNewYear(2025) - 1)).toEqual({ day: 29, month: 12, year: 2024, leap: false });
  });

  it('is consistent over 1900–2199: Tết between 21 January and 20 February, years of 12 or 13 months of 29 or 30 days', () => {
    for (let year = 1900; year <= 2199; year++) {
      const tet = lunarNewYear(year);
      expect(tet, String(year)).toBeGreaterThanOrEqual(fromYmd(year, 1, 21));
      expect(tet, String(year)).toBeLessThanOrEqual(fromYmd(year, 2, 20));
      expect(solarToLunar(tet)).toEqual({ day: 1, month: 1, year, leap: false });
      if (year < 2199) {
        const length = lunarNewYear(year + 1) - tet;
        expect([353, 354, 355, 383, 384, 385], `lunar year ${year}`).toContain(length);
      }
      const hungKings = lunarToSolar({ day: 10, month: 3, year, leap: false });
      expect(solarToLunar(hungKings)).toEqual({ day: 10, month: 3, year, leap: false });
      expect(solarToLunar(tet - 1).day).toBeGreaterThanOrEqual(29);
    }
  });

  it('refuses years it cannot compute instead of answering zeros', () => {
    expect(() => lunarNewYear(1899)).toThrow(RangeError);
    expect(() => lunarNewYear(2200)).toThrow(RangeError);
    expect(() => solarToLunar(fromYmd(2200, 1, 1))).toThrow(RangeError);
  });
});
