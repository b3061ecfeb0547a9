import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RANGE_DAYS } from '../../../contracts/contacts.js';
import { addDays, dayRange, daysIncluded, localDate, officerOnDuty, startOfLocalDay, type DutyLine } from './duty.js';

const VIETNAM = 'Asia/Ho_Chi_Minh';
const staffIds = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const days = fc.constantFrom('2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04');
/** A roster has at most one line per day (the primary key). */
const roster = fc.uniqueArray(fc.record({ day: days, staffId: staffIds }), { selector: (l) => l.day, maxLength: 4 });
/** Instants from 1976 (Vietnam on UTC+7 since 1975) to 2199. */
const instants = fc.integer({ min: Date.UTC(1976, 0, 1), max: Date.UTC(2199, 11, 31) }).map((ms) => new Date(ms));

describe('the officer on duty at a counter', () => {
  it('is the day’s roster entry, else the regular officer, passing over whoever may not serve', () => {
    fc.assert(
      fc.property(fc.option(staffIds, { nil: null }), roster, days, fc.subarray(['a', 'b', 'c', 'd', 'e']), (regular, lines, day, serving) => {
        const mayServe = (id: string) => serving.includes(id);
        const entry = lines.find((l) => l.day === day);
        const expected = entry && mayServe(entry.staffId) ? entry.staffId : regular !== null && mayServe(regular) ? regular : null;
        expect(officerOnDuty(regular, lines, day, mayServe)).toBe(expected);
      }),
    );
  });

  it('does not depend on the roster of other days', () => {
    fc.assert(
      fc.property(fc.option(staffIds, { nil: null }), roster, roster, days, (regular, lines, others, day) => {
        const sameDay = lines.filter((l) => l.day === day);
        const otherDays: DutyLine[] = others.filter((l) => l.day !== day);
        expect(officerOnDuty(regular, [...otherDays, ...sameDay], day, () => true)).toBe(officerOnDuty(regular, sameDay, day, () => true));
      }),
    );
  });

  it('is nobody when there is no entry and no regular officer', () => {
    expect(officerOnDuty(null, [{ day: '2026-03-02', staffId: 'a' }], '2026-03-03', () => true)).toBeNull();
  });
});

describe('local dates', () => {
  it('turns at midnight UTC+7 in Vietnam', () => {
    expect(localDate(new Date('2026-03-01T16:59:59.999Z'), VIETNAM)).toBe('2026-03-01');
    expect(localDate(new Date('2026-03-01T17:00:00Z'), VIETNAM)).toBe('2026-03-02');
    expect(localDate(new Date('2026-12-31T17:00:00Z'), VIETNAM)).toBe('2027-01-01');
    expect(startOfLocalDay('2026-03-02', VIETNAM).toISOString()).toBe('2026-03-01T17:00:00.000Z');
  });

  it('give Vietnam’s date as the UTC date seven hours later', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        expect(localDate(instant, VIETNAM)).toBe(new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('begin at the start of their day and end where the next one begins, in zones with and without summer time', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(VIETNAM, 'Europe/Berlin', 'America/New_York', 'UTC'), (instant, zone) => {
        const day = localDate(instant, zone);
        expect(startOfLocalDay(day, zone).getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(startOfLocalDay(addDays(day, 1), zone).getTime()).toBeGreaterThan(instant.getTime());
        expect(localDate(startOfLocalDay(day, zone), zone)).toBe(day);
      }),
    );
  });
});

describe('requested day ranges', () => {
  const dates = fc.integer({ min: 0, max: 2000 }).map((n) => addDays('2025-01-01', n));

  it('default to the given length from today', () => {
    expect(dayRange({}, '2026-03-02', 28)).toEqual({ from: '2026-03-02', to: '2026-03-29' });
    expect(dayRange({ from: '2026-04-01' }, '2026-03-02', 7)).toEqual({ from: '2026-04-01', to: '2026-04-07' });
  });

  it('are taken as asked when they run forwards for at most the longest range, and refused otherwise', () => {
    fc.assert(
      fc.property(dates, dates, (from, to) => {
        const range = dayRange({ from, to }, '2026-01-01', 7);
        if (to >= from && daysIncluded(from, to) <= MAX_RANGE_DAYS) expect(range).toEqual({ from, to });
        else expect(range).toEqual({ reason: to < from ? 'before_from' : 'too_long', maxDays: MAX_RANGE_DAYS });
      }),
    );
  });

  it('allow exactly the longest range and not a day more', () => {
    expect(dayRange({ from: '2026-01-01', to: addDays('2026-01-01', MAX_RANGE_DAYS - 1) }, '2026-01-01', 7)).toHaveProperty('to');
    expect(dayRange({ from: '2026-01-01', to: addDays('2026-01-01', MAX_RANGE_DAYS) }, '2026-01-01', 7)).toHaveProperty('reason', 'too_long');
  });
});
