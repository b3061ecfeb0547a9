import { describe, expect, it } from 'vitest';
import { makeCalendar, DEFAULT_SETTINGS, type Decision } from './calendar.js';
import { ruleHolidays } from './holidays.js';
import { fromYmd, parseIsoDate, toIsoDate } from './local-date.js';

const MON_FRI = [1, 2, 3, 4, 5];

function holidays(year: number, weekdays = MON_FRI) {
  return ruleHolidays(year, weekdays).map((h) => [toIsoDate(h.day), h.reason, h.inLieuOf === null ? null : toIsoDate(h.inLieuOf)]);
}

describe('holidays by rule', () => {
  it('gives 2025 its holidays: Tết 28 Jan–1 Feb with Monday 3 Feb in lieu of the Saturday', () => {
    expect(holidays(2025)).toEqual([
      ['2025-01-01', 'new_year', null],
      ['2025-01-28', 'tet', null],
      ['2025-01-29', 'tet', null],
      ['2025-01-30', 'tet', null],
      ['2025-01-31', 'tet', null],
      ['2025-02-01', 'tet', null],
      ['2025-02-03', 'in_lieu', '2025-02-01'],
      ['2025-04-07', 'hung_kings', null],
      ['2025-04-30', 'reunification', null],
      ['2025-05-01', 'labour_day', null],
      ['2025-09-01', 'national_day', null],
      ['2025-09-02', 'national_day', null],
    ]);
  });

  it('starts Tết on the last day of the old lunar year, the 29th when the 12th month is short', () => {
    const tet2026 = holidays(2026).filter(([, reason]) => reason === 'tet');
    expect(tet2026.map(([d]) => d)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  });

  it.each([
    ['1 January 2022 on a Saturday', 2022, '2022-01-01', '2022-01-03'],
    ['1 January 2023 on a Sunday', 2023, '2023-01-01', '2023-01-02'],
    ['2 September 2023 on a Saturday', 2023, '2023-09-02', '2023-09-04'],
    ['Hung Kings 2026 on a Sunday', 2026, '2026-04-26', '2026-04-27'],
  ])('gives a day in lieu for %s on the next working day', (_what, year, holiday, inLieu) => {
    expect(holidays(year)).toContainEqual([inLieu, 'in_lieu', holiday]);
  });

  it('gives each weekend holiday its own day in lieu after the holidays (29 April–1 May 2023)', () => {
    const spring = holidays(2023).filter(([d]) => String(d) >= '2023-04-28' && String(d) <= '2023-05-05');
    expect(spring).toEqual([
      ['2023-04-29', 'hung_kings', null],
      ['2023-04-30', 'reunification', null],
      ['2023-05-01', 'labour_day', null],
      ['2023-05-02', 'in_lieu', '2023-04-29'],
      ['2023-05-03', 'in_lieu', '2023-04-30'],
    ]);
  });

  it.each([
    [2021, 'Thursday', '2021-09-03'],
    [2022, 'Friday', '2022-09-01'],
    [2023, 'Saturday', '2023-09-01'],
    [2024, 'Monday', '2024-09-03'],
    [2025, 'Tuesday', '2025-09-01'],
    [2026, 'Wednesday', '2026-09-03'],
    [2029, 'Sunday', '2029-09-03'],
  ])('adds to 2 September %i (a %s) the adjacent day that joins a weekend: %s', (year, _weekday, companion) => {
    const national = holidays(year).filter(([, reason]) => reason === 'national_day').map(([d]) => d);
    expect(national).toEqual([companion, `${year}-09-02`].sort());
  });

  it('gives no day in lieu for a holiday on a day the unit works (Saturday 1 February 2025 for a six-day week)', () => {
    expect(holidays(2025, [1, 2, 3, 4, 5, 6]).filter(([, reason]) => reason === 'in_lieu')).toEqual([]);
  });

  it('computes the rules for any year of the range', () => {
    for (const year of [1900, 1968, 2100, 2199]) expect(holidays(year).length).toBeGreaterThanOrEqual(10);
  });
});

describe('decisions over the rules', () => {
  const decision = (day: string, kind: Decision['kind'], unitId: string | null = null): Decision => ({
    id: `${day}-${kind}`,
    unitId,
    day,
    kind,
    reason: 'Quyết định',
    reasonEn: null,
    reference: null,
    createdAt: new Date(0),
  });

  it('lets a decision make a Saturday a working day and a weekday a day off (2025: Saturday 26 April worked, Friday 2 May off)', () => {
    const rules = makeCalendar(DEFAULT_SETTINGS);
    const decided = makeCalendar(DEFAULT_SETTINGS, [decision('2025-04-26', 'working_day'), decision('2025-05-02', 'day_off')]);
    expect(rules.isWorkingDay(parseIsoDate('2025-04-26'))).toBe(false);
    expect(rules.isWorkingDay(parseIsoDate('2025-05-02'))).toBe(true);
    expect(decided.isWorkingDay(parseIsoDate('2025-04-26'))).toBe(true);
    expect(decided.isWorkingDay(parseIsoDate('2025-05-02'))).toBe(false);
  });

  it('lets a decision cancel a rule holiday (the default day in lieu, 3 February 2025)', () => {
    const decided = makeCalendar(DEFAULT_SETTINGS, [decision('2025-02-03', 'working_day')]);
    expect(decided.isWorkingDay(fromYmd(2025, 2, 3))).toBe(true);
    expect(decided.isWorkingDay(fromYmd(2025, 1, 31))).toBe(false);
  });
});
