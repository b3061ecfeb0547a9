import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarRangeError, DEFAULT_SETTINGS, makeCalendar, type Decision, type WorkingCalendar } from './calendar.js';
import {
  WORKING_DAY_MS,
  WORKING_HOUR_MS,
  addWorkingDays,
  addWorkingHours,
  addWorkingTime,
  dueDate,
  isWorkingTime,
  nextWorkingMoment,
  workingTimeBetween,
} from './due-date.js';

/** A local time in Vietnam: vn('2025-01-03 16:00'). */
const vn = (text: string) => new Date(`${text.replace(' ', 'T')}:00+07:00`);
/** An instant shown as Vietnamese local time, "2025-01-06 16:00" (seconds dropped when zero). */
function local(date: Date): string {
  const shifted = new Date(date.getTime() + 7 * 3_600_000).toISOString();
  const text = `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
  return text.endsWith(':00') ? text.slice(0, 16) : text;
}

const decision = (day: string, kind: Decision['kind']): Decision => ({
  id: day,
  unitId: null,
  day,
  kind,
  reason: 'Quyết định',
  reasonEn: null,
  reference: null,
  createdAt: new Date(0),
});

const rules = makeCalendar(DEFAULT_SETTINGS);
/** 2025 as decreed: Saturday 26 April worked in exchange for Friday 2 May off. */
const decided = makeCalendar(DEFAULT_SETTINGS, [decision('2025-04-26', 'working_day'), decision('2025-05-02', 'day_off')]);

describe('due dates in working days and hours', () => {
  it.each([
    ['received Friday 16:00 + 1 working day is due Monday 16:00', '2025-01-03 16:00', 1, '2025-01-06 16:00'],
    ['received Monday 07:30 + 1 working day ends Monday 17:00, not Tuesday 07:30', '2025-01-06 07:30', 1, '2025-01-06 17:00'],
    ['received Monday 10:00 + 3 working days is due Thursday 10:00', '2025-01-06 10:00', 3, '2025-01-09 10:00'],
    ['received on Saturday, counting starts Monday 07:30', '2025-01-04 10:00', 1, '2025-01-06 17:00'],
    ['received Monday 18:00, counting starts Tuesday 07:30', '2025-01-06 18:00', 2, '2025-01-08 17:00'],
    // 11:30 and 13:30 are the same working moment; a period ends at the earlier one.
    ['received in the lunch break, counting starts at 13:30', '2025-01-06 12:15', 1, '2025-01-07 11:30'],
    ['the week of Tết 2025 (28 Jan–1 Feb, 3 Feb in lieu) is skipped', '2025-01-27 10:00', 2, '2025-02-05 10:00'],
    ['Tết 2026 (16–20 Feb) is skipped', '2026-02-13 10:00', 1, '2026-02-23 10:00'],
    ['Tết 2027 (5–9 Feb, 10–11 Feb in lieu of the weekend) is skipped', '2027-02-04 10:00', 1, '2027-02-12 10:00'],
    ['30 April and 1 May 2025 are skipped', '2025-04-29 10:00', 1, '2025-05-02 10:00'],
  ])('%s', (_what, start, days, due) => {
    expect(local(addWorkingDays(rules, vn(start), days))).toBe(due);
  });

  it('follows recorded decisions: Saturday 26 April 2025 worked, Friday 2 May 2025 off', () => {
    expect(local(addWorkingDays(rules, vn('2025-04-25 10:00'), 1))).toBe('2025-04-28 10:00');
    expect(local(addWorkingDays(decided, vn('2025-04-25 10:00'), 1))).toBe('2025-04-26 10:00');
    expect(local(addWorkingDays(rules, vn('2025-04-29 10:00'), 1))).toBe('2025-05-02 10:00');
    expect(local(addWorkingDays(decided, vn('2025-04-29 10:00'), 1))).toBe('2025-05-05 10:00');
  });

  it('counts a working hour as an eighth of the working day (56¼ minutes of a 7½-hour day)', () => {
    expect(local(addWorkingHours(rules, vn('2025-01-06 07:30'), 8))).toBe('2025-01-06 17:00');
    expect(local(addWorkingHours(rules, vn('2025-01-06 07:30'), 4))).toBe('2025-01-06 11:15');
    expect(local(addWorkingHours(rules, vn('2025-01-06 07:30'), 1))).toBe('2025-01-06 08:26:15');
    expect(local(addWorkingHours(rules, vn('2025-01-03 16:00'), 8))).toBe('2025-01-06 16:00');
    expect(addWorkingDays(rules, vn('2025-01-06 09:10'), 0.5)).toEqual(addWorkingHours(rules, vn('2025-01-06 09:10'), 4));
  });

  it('counts a working hour as a clock hour when the spans add up to 8 hours', () => {
    const eightHours = makeCalendar({ ...DEFAULT_SETTINGS, workingHours: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }] });
    expect(local(addWorkingHours(eightHours, vn('2025-01-06 07:00'), 1))).toBe('2025-01-06 08:00');
    expect(local(addWorkingHours(eightHours, vn('2025-01-06 11:00'), 1))).toBe('2025-01-06 14:00');
  });

  it('computes local time in the configured zone, across a daylight-saving change', () => {
    const paris = makeCalendar({ ...DEFAULT_SETTINGS, timeZone: 'Europe/Paris' });
    // Friday 28 March 2025 10:00 CET (UTC+1) + 1 working day = Monday 31 March 10:00 CEST (UTC+2).
    expect(addWorkingDays(paris, new Date('2025-03-28T09:00:00Z'), 1).toISOString()).toBe('2025-03-31T08:00:00.000Z');
  });

  it('refuses a period that runs past the last year it can compute', () => {
    expect(() => addWorkingDays(rules, vn('2199-12-20 10:00'), 60)).toThrow(CalendarRangeError);
  });
});

describe('due dates by settlement kind', () => {
  it.each([
    ['same day, received 14:00: end of that day', '2025-01-06 14:00', null, '2025-01-06 17:00'],
    ['same day, received at 15:00 sharp: still that day', '2025-01-06 15:00', null, '2025-01-06 17:00'],
    ['same day, received 15:30: end of the next working day', '2025-01-06 15:30', null, '2025-01-07 17:00'],
    ['same day, received Friday 15:30: end of Monday', '2025-01-03 15:30', null, '2025-01-06 17:00'],
    ['same day, received Saturday: end of Monday', '2025-01-04 16:00', null, '2025-01-06 17:00'],
    ['same day, the procedure’s own cut-off 16:00', '2025-01-06 15:30', '16:00', '2025-01-06 17:00'],
  ])('%s', (_what, start, cutoff, due) => {
    expect(local(dueDate(rules, vn(start), { kind: 'same_day', cutoff }))).toBe(due);
  });

  it.each([
    ['4 calendar days from Monday end on Friday', '2025-01-06 10:00', 4, '2025-01-10 17:00'],
    ['5 calendar days from Monday end on a Saturday: moved to Monday', '2025-01-06 10:00', 5, '2025-01-13 17:00'],
    ['45 calendar days ending in Tết 2025: moved past it', '2024-12-16 09:00', 45, '2025-02-04 17:00'],
  ])('%s', (_what, start, amount, due) => {
    expect(local(dueDate(rules, vn(start), { kind: 'calendar_days', amount }))).toBe(due);
  });

  it('takes working days and hours from the settlement', () => {
    expect(dueDate(rules, vn('2025-01-03 16:00'), { kind: 'working_days', amount: 1.5 })).toEqual(addWorkingHours(rules, vn('2025-01-03 16:00'), 12));
    expect(dueDate(rules, vn('2025-01-03 16:00'), { kind: 'working_hours', amount: 8 })).toEqual(vn('2025-01-06 16:00'));
  });
});

describe('clock stops', () => {
  it('measures the working time of a pause and shifts the due date by it', () => {
    expect(workingTimeBetween(rules, vn('2025-01-03 16:00'), vn('2025-01-06 16:00'))).toBe(WORKING_DAY_MS);
    expect(workingTimeBetween(rules, vn('2025-01-06 11:00'), vn('2025-01-06 14:00'))).toBe((WORKING_DAY_MS * 2) / 15); // 30 + 30 clock minutes of 450: 64 working minutes
    expect(workingTimeBetween(rules, vn('2025-01-04 08:00'), vn('2025-01-05 20:00'))).toBe(0);
    const due = vn('2025-01-08 10:00');
    const paused = workingTimeBetween(rules, vn('2025-01-06 10:00'), vn('2025-01-07 10:00'));
    expect(local(addWorkingTime(rules, due, paused))).toBe('2025-01-09 10:00');
  });

  it('starts at the next working moment', () => {
    expect(local(nextWorkingMoment(rules, vn('2025-01-06 12:00')))).toBe('2025-01-06 13:30');
    expect(local(nextWorkingMoment(rules, vn('2025-01-06 09:00')))).toBe('2025-01-06 09:00');
    expect(local(nextWorkingMoment(rules, vn('2025-01-27 17:30')))).toBe('2025-02-04 07:30');
  });
});

// ---------------------------------------------------------------- properties

const FROM = vn('2020-01-01 00:00').getTime();
const TO = vn('2030-12-31 23:59').getTime();
const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
const hours = fc.integer({ min: 0, max: 60 * 8 });
// Settlement times are positive; adding 0 only moves to the next working moment (which may follow an equal moment, the end of a day).
const positiveHours = fc.integer({ min: 1, max: 60 * 8 });
const halfDays = fc.integer({ min: 1, max: 120 }).map((n) => n / 2);
const settlement = fc.oneof(
  fc.record({ kind: fc.constant('working_days' as const), amount: fc.integer({ min: 1, max: 120 }).map((n) => n / 2) }),
  fc.record({ kind: fc.constant('working_hours' as const), amount: fc.integer({ min: 1, max: 480 }) }),
  fc.record({ kind: fc.constant('calendar_days' as const), amount: fc.integer({ min: 1, max: 90 }) }),
  fc.record({ kind: fc.constant('same_day' as const), cutoff: fc.constantFrom(null, '11:00', '15:00', '16:30') }),
);

/** The rules calendar, and one with random decisions on top (days made working or off). */
const calendars: [string, WorkingCalendar][] = [
  ['the rules', rules],
  [
    'random decisions',
    makeCalendar(
      DEFAULT_SETTINGS,
      fc
        .sample(fc.record({ day: fc.integer({ min: 0, max: 11 * 366 }), off: fc.boolean() }), { numRuns: 300, seed: 42 })
        .map(({ day, off }) => decision(new Date(FROM + day * 86_400_000).toISOString().slice(0, 10), off ? 'day_off' : 'working_day')),
    ),
  ],
  ['a six-day week with one long span', makeCalendar({ ...DEFAULT_SETTINGS, workingWeekdays: [1, 2, 3, 4, 5, 6], workingHours: [{ start: '08:00', end: '16:45' }] })],
];

describe.each(calendars)('due-date properties (%s)', (_name, cal) => {
  const runs = { numRuns: 300 };

  it('always ends inside working time', () => {
    fc.assert(fc.property(instant, settlement, (start, s) => isWorkingTime(cal, dueDate(cal, start, s))), runs);
  });

  it('never ends before it starts', () => {
    fc.assert(fc.property(instant, settlement, (start, s) => dueDate(cal, start, s).getTime() >= start.getTime()), runs);
  });

  it('is monotonic in the start', () => {
    fc.assert(
      fc.property(instant, instant, settlement, (a, b, s) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        return dueDate(cal, early, s).getTime() <= dueDate(cal, late, s).getTime();
      }),
      runs,
    );
  });

  it('is monotonic in the duration', () => {
    fc.assert(
      fc.property(instant, hours, hours, (start, x, y) => {
        const [short, long] = x <= y ? [x, y] : [y, x];
        return addWorkingHours(cal, start, short).getTime() <= addWorkingHours(cal, start, long).getTime();
      }),
      runs,
    );
  });

  it('adds a then b exactly as a + b, in hours and in half days', () => {
    fc.assert(
      fc.property(instant, positiveHours, positiveHours, (start, a, b) => {
        expect(addWorkingHours(cal, addWorkingHours(cal, start, a), b)).toEqual(addWorkingHours(cal, start, a + b));
      }),
      runs,
    );
    fc.assert(
      fc.property(instant, halfDays, halfDays, (start, a, b) => {
        expect(addWorkingDays(cal, addWorkingDays(cal, start, a), b)).toEqual(addWorkingDays(cal, start, a + b));
      }),
      runs,
    );
  });

  it('counts 8 working hours as one working day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 }), (start, n) => {
        expect(addWorkingHours(cal, start, 8 * n)).toEqual(addWorkingDays(cal, start, n));
      }),
      runs,
    );
  });

  it('measures back the working time it added', () => {
    fc.assert(
      fc.property(instant, hours, (start, h) => {
        expect(workingTimeBetween(cal, start, addWorkingHours(cal, start, h))).toBe(h * WORKING_HOUR_MS);
      }),
      runs,
    );
  });
});
