import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseYear, roundPoints } from './service-index-text';

describe('the year field', () => {
  it('accepts four-digit years from 2000 to 2100, trimmed', () => {
    expect(parseYear(' 2023 ')).toBe(2023);
    expect(parseYear('2100')).toBe(2100);
    for (const bad of ['', '1999', '2101', '23', '2023.5', '2023a']) expect(parseYear(bad)).toBeNull();
  });

  it('gives back any accepted year it is shown', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), (year) => {
        expect(parseYear(String(year))).toBe(year);
      }),
    );
  });
});

describe('points', () => {
  it('are shown to two decimals', () => {
    expect(roundPoints((20 * 1489) / 1862)).toBe(15.99);
    expect(roundPoints(6)).toBe(6);
  });
});
