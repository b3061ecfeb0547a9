import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dossierListLink, monthLabel, parseMonth, percentValue } from './dashboard-text';

describe('the month fields', () => {
  it('accepts YYYY-MM only', () => {
    expect(parseMonth(' 2024-03 ')).toBe('2024-03');
    for (const bad of ['', '2024-3', '2024-13', '2024-00', '24-03', '2024-03-01']) expect(parseMonth(bad)).toBeNull();
  });

  it('labels a month as MM/YYYY, and any month it accepts', () => {
    expect(monthLabel('2024-03')).toBe('03/2024');
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const month = `${y}-${String(m).padStart(2, '0')}`;
        expect(parseMonth(month)).toBe(month);
        expect(monthLabel(month)).toBe(`${String(m).padStart(2, '0')}/${y}`);
      }),
    );
  });
});

describe('shares and links', () => {
  it('draws a share as a percentage with one decimal, nothing to divide as 0', () => {
    expect(percentValue(0.8)).toBe(80);
    expect(percentValue(2 / 3)).toBe(66.7);
    expect(percentValue(null)).toBe(0);
  });

  it("links a group to the dossiers list with the group's filter, every view", () => {
    expect(dossierListLink({ overdue: 'true', step: 'appraise', settlingUnit: 'X01', includeDescendants: 'false' })).toBe(
      '/staff/dossiers?view=all&overdue=true&step=appraise&settlingUnit=X01&includeDescendants=false',
    );
  });
});
