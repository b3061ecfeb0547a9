import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StepPlan } from '../../../contracts/catalog.js';
import { DEFAULT_SETTINGS, makeCalendar } from '../calendar/calendar.js';
import { addWorkingDays, workingTimeBetween } from '../calendar/due-date.js';
import { citizenIdProblem, dossierCode, extensionLatest, hashSecret, newSecret, normaliseSecret, shiftByPause, stepDueDates, timeliness } from './rules.js';

const cal = makeCalendar(DEFAULT_SETTINGS);
const at = (iso: string) => new Date(iso);

const PLAN: StepPlan = [
  { step: 'receive', role: 'receptionist', performer: 'receiving_unit', sharePercent: 10 },
  { step: 'appraise', role: 'specialist', performer: 'settling_unit', sharePercent: 50 },
  { step: 'approve', role: 'leader', performer: 'settling_unit', sharePercent: 20 },
  { step: 'sign', role: 'leader', performer: 'settling_unit', sharePercent: 10 },
  { step: 'return', role: 'receptionist', performer: 'receiving_unit', sharePercent: 10 },
];

describe('dossier code (Decree 118/2025 Art. 28)', () => {
  it('is the unit code, the local date of receipt and the day\'s sequence', () => {
    expect(dossierCode('H55.242', cal, at('2024-11-25T02:00:00Z'), 7)).toBe('H55.242-251124-0007');
    // 23:30 UTC on the 24th is already the 25th in Hà Nội.
    expect(dossierCode('h55.242', cal, at('2024-11-24T23:30:00Z'), 12345)).toBe('H55.242-251124-12345');
  });
});

describe('lookup secret', () => {
  it('is 26 Crockford characters (130 bits), different every time', () => {
    const secrets = new Set(Array.from({ length: 2000 }, () => newSecret()));
    expect(secrets.size).toBe(2000);
    for (const s of [...secrets].slice(0, 50)) expect(s.replace(/-/g, '')).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('reads back what a person types: case, separators, O for 0, I or L for 1', () => {
    fc.assert(
      fc.property(fc.constant(null), () => {
        const s = newSecret();
        const typed = s.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
        expect(hashSecret(typed)).toBe(hashSecret(s));
        expect(normaliseSecret(typed)).toBe(s);
      }),
    );
    expect(hashSecret(newSecret())).not.toBe(hashSecret(newSecret()));
  });
});

describe('citizen ID number structure', () => {
  it('checks province code, century digit and year of birth', () => {
    expect(citizenIdProblem('001190012345', '1990-05-17')).toBeNull();
    expect(citizenIdProblem('079301001234', '2001-02-03')).toBeNull(); // female, 21st century
    expect(citizenIdProblem('001190012345', '1991-05-17')).toBe('birth_year');
    expect(citizenIdProblem('001290012345', '1990-05-17')).toBe('birth_year'); // 2090
    expect(citizenIdProblem('003190012345', '1990-05-17')).toBe('province');
    expect(citizenIdProblem('00119001234', '1990-05-17')).toBe('format');
  });

  it('accepts every well-formed number for its own birth year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2099 }), fc.boolean(), fc.integer({ min: 0, max: 999_999 }), (year, female, rest) => {
        const centuryDigit = Math.floor((year - 1900) / 100) * 2 + (female ? 1 : 0);
        const id = `079${centuryDigit}${String(year % 100).padStart(2, '0')}${String(rest).padStart(6, '0')}`;
        expect(citizenIdProblem(id, `${year}-06-01`)).toBeNull();
        expect(citizenIdProblem(id, `${year + 1}-06-01`)).toBe('birth_year');
      }),
    );
  });
});

describe('step due dates', () => {
  const instant = fc.date({ min: at('2025-01-01T00:00:00Z'), max: at('2030-12-31T00:00:00Z'), noInvalidDate: true });
  it('follow the plan in order, end exactly at the due date, and split the time by share', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), (start, days) => {
        const due = addWorkingDays(cal, start, days);
        const dues = stepDueDates(cal, start, due, PLAN);
        expect(dues.map((d) => d.step)).toEqual(PLAN.map((p) => p.step));
        expect(dues.at(-1)?.dueAt.getTime()).toBe(due.getTime());
        for (let i = 1; i < dues.length; i++) expect(dues[i]?.dueAt.getTime()).toBeGreaterThanOrEqual(dues[i - 1]?.dueAt.getTime() ?? 0);
        const total = workingTimeBetween(cal, start, due);
        const appraisalEnd = dues[1]?.dueAt ?? due;
        // Receive + appraise = 60% of the working time (to the minute).
        expect(Math.abs(workingTimeBetween(cal, start, appraisalEnd) - total * 0.6)).toBeLessThan(60_000);
      }),
    );
  });

  it('split only what is left among the remaining steps', () => {
    const start = at('2026-11-24T02:00:00Z');
    const due = addWorkingDays(cal, start, 10);
    const dues = stepDueDates(cal, start, due, PLAN, 'approve');
    expect(dues.map((d) => d.step)).toEqual(['approve', 'sign', 'return']);
    expect(Math.abs(workingTimeBetween(cal, start, dues[0]?.dueAt ?? due) - workingTimeBetween(cal, start, due) * 0.5)).toBeLessThan(60_000);
  });
});

describe('clock stops, timeliness, extension notice', () => {
  it('shifts a due date by exactly the working time paused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 20 * 8 }), (days, pausedHours) => {
        const start = at('2026-03-02T01:00:00Z');
        const due = addWorkingDays(cal, start, days);
        const pauseFrom = addWorkingDays(cal, start, 0.5);
        const resumed = addWorkingDays(cal, pauseFrom, pausedHours / 8);
        const shifted = shiftByPause(cal, due, pauseFrom, resumed);
        expect(Math.abs(workingTimeBetween(cal, due, shifted) - workingTimeBetween(cal, pauseFrom, resumed))).toBeLessThan(1000);
      }),
    );
  });

  it('is early on an earlier day, on time on the day, late after it or when extended', () => {
    const due = at('2026-11-26T10:00:00Z'); // 17:00 in Hà Nội
    expect(timeliness(cal, at('2026-11-25T03:00:00Z'), due, false)).toBe('early');
    expect(timeliness(cal, at('2026-11-26T02:00:00Z'), due, false)).toBe('on_time');
    expect(timeliness(cal, at('2026-11-26T10:00:01Z'), due, false)).toBe('late');
    expect(timeliness(cal, at('2026-11-25T03:00:00Z'), due, true)).toBe('late');
  });

  it('an apology must come a full working day before the due date', () => {
    const due = at('2026-11-26T10:00:00Z');
    expect(extensionLatest(cal, at('2026-11-25T10:00:00Z'), due)).toBe(true);
    expect(extensionLatest(cal, at('2026-11-26T01:00:00Z'), due)).toBe(false);
  });
});
