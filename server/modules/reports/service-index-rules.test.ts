/** Property tests of the service index's pure scoring (Decision 766, service-index.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GROUP_MAX, INDICATORS, SERVICE_INDEX_GROUPS, pointsOf, scoreIndex, type IndexFigures } from './service-index.js';

const EPS = 1e-9;
const ratio = fc.double({ min: -0.5, max: 1.5, noNaN: true });
const max = fc.integer({ min: 1, max: 20 });
const threshold = fc.option(fc.double({ min: 0.05, max: 1, noNaN: true }), { nil: null });
const count = fc.nat({ max: 100_000 });
const figures: fc.Arbitrary<IndexFigures> = fc.record({
  received: count,
  settledOnTime: count,
  settledLate: count,
  settled: count,
  openNotOverdue: count,
  receivedOnline: count,
  dislikes: count,
  procedures: count,
  proceduresOnline: count,
  settledDossiers: count,
  electronicResults: count,
  digitisedWithResult: count,
});

describe('points of a ratio', () => {
  it('never exceed the maximum and are never negative', () => {
    fc.assert(
      fc.property(ratio, max, threshold, (r, m, t) => {
        const p = pointsOf(r, m, t);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(m + EPS);
      }),
    );
  });

  it('are monotone in the ratio', () => {
    fc.assert(
      fc.property(ratio, ratio, max, threshold, (a, b, m, t) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(pointsOf(lo, m, t)).toBeLessThanOrEqual(pointsOf(hi, m, t) + EPS);
      }),
    );
  });

  it('are full at or above the threshold, and ratio ÷ threshold × max below it', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), max, fc.double({ min: 0.05, max: 1, noNaN: true }), (r, m, t) => {
        if (r >= t) expect(pointsOf(r, m, t)).toBe(m);
        else expect(pointsOf(r, m, t)).toBeCloseTo((r / t) * m, 9);
      }),
    );
  });

  it('without a threshold are ratio × max', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), max, (r, m) => {
        expect(pointsOf(r, m, null)).toBeCloseTo(r * m, 9);
      }),
    );;
  });
});

describe('the table of indicators', () => {
  it('gives each group its confirmed maximum, 100 in all', () => {
    for (const g of SERVICE_INDEX_GROUPS) expect(INDICATORS.filter((i) => i.group === g).reduce((s, i) => s + i.max, 0)).toBe(GROUP_MAX[g]);
    expect(Object.values(GROUP_MAX).reduce((a, b) => a + b, 0)).toBe(100);
    expect(new Set(INDICATORS.map((i) => i.id)).size).toBe(INDICATORS.length);
  });
});

describe('the whole index', () => {
  it('group points are the sum of their indicators, the total the sum of the groups, and nothing exceeds its maximum', () => {
    fc.assert(
      fc.property(figures, (f) => {
        const s = scoreIndex(f);
        let total = 0;
        let measuredMax = 0;
        for (const g of s.groups) {
          const scored = g.indicators.filter((i) => i.points !== null);
          expect(g.points).toBeCloseTo(scored.reduce((a, i) => a + (i.points ?? 0), 0), 9);
          expect(g.measuredMax).toBe(scored.reduce((a, i) => a + i.max, 0));
          expect(g.points).toBeLessThanOrEqual(g.measuredMax + EPS);
          expect(g.measuredMax).toBeLessThanOrEqual(g.max);
          for (const i of g.indicators) {
            if (i.points !== null) expect(i.points).toBeLessThanOrEqual(i.max + EPS);
            if (!i.measured) expect([i.points, i.ratio, i.reason !== null]).toEqual([null, null, true]);
          }
          total += g.points;
          measuredMax += g.measuredMax;
        }
        expect(s.points).toBeCloseTo(total, 9);
        expect(s.measuredMax).toBe(measuredMax);
        expect(s.points).toBeLessThanOrEqual(s.measuredMax + EPS);
        expect(s.measuredMax).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('with nothing received and no procedures, scores nothing and claims no maximum', () => {
    const s = scoreIndex({ received: 0, settledOnTime: 0, settledLate: 0, settled: 0, openNotOverdue: 0, receivedOnline: 0, dislikes: 0, procedures: 0, proceduresOnline: 0, settledDossiers: 0, electronicResults: 0, digitisedWithResult: 0 });
    expect([s.points, s.measuredMax, s.max]).toEqual([0, 0, 100]);
  });
});
