import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERIOD_KINDS, StatisticsQuery } from '../../../contracts/reports.js';
import { dayBefore, grainsOf, prefixBounds, prefixCut, rangeCut, resolvePeriod } from './rules.js';

const isoDay = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const next = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('periods', () => {
  it('a fixed period holds the date that names it, and the next one starts the day after it ends', () => {
    fc.assert(
      fc.property(isoDay, fc.constantFrom('day', 'month', 'quarter', 'year') as fc.Arbitrary<'day' | 'month' | 'quarter' | 'year'>, (day, kind) => {
        const p = resolvePeriod(kind, day);
        expect(p.from <= day && day <= p.to).toBe(true);
        const following = resolvePeriod(kind, next(p.to));
        expect(following.from).toBe(next(p.to));
        expect(dayBefore(following.from)).toBe(p.to);
        if (kind === 'month') expect(p.from.slice(0, 7)).toBe(p.to.slice(0, 7));
        if (kind === 'quarter') expect(['01', '04', '07', '10']).toContain(p.from.slice(5, 7));
        if (kind === 'year') expect([p.from.slice(5), p.to.slice(5)]).toEqual(['01-01', '12-31']);
      }),
    );
  });

  it('a custom period is accepted exactly when it is 1 to 366 days long', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: -400, max: 400 }), (from, offset) => {
        const to = new Date(Date.parse(`${from}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
        const ok = StatisticsQuery.safeParse({ unit: 'X', period: 'custom', from, to }).success;
        expect(ok).toBe(offset >= 0 && offset <= 365);
        if (ok) expect(resolvePeriod('custom', from, to)).toEqual({ kind: 'custom', from, to });
      }),
    );
    for (const kind of PERIOD_KINDS.filter((k) => k !== 'custom')) expect(StatisticsQuery.safeParse({ unit: 'X', period: kind, from: '2024-01-01', to: '2024-01-02' }).success).toBe(false);
  });
});

describe('grains', () => {
  it('a day falls in the prefix of every later day exactly once', () => {
    fc.assert(
      fc.property(isoDay, isoDay, (event, upTo) => {
        for (const b of [prefixBounds(upTo), prefixCut(upTo)]) {
          const hits = grainsOf(event).filter(
            (g) => (g.grain === 'y' && g.period < b.yearStart) || (g.grain === 'm' && g.period >= b.yearStart && g.period < b.monthStart) || (g.grain === 'd' && g.period >= b.monthStart && g.period <= b.day),
          );
          expect(hits.length).toBe(event <= upTo ? 1 : 0);
        }
      }),
    );
  });

  it('a range of days is covered by its rows exactly once, and no day outside it', () => {
    fc.assert(
      fc.property(isoDay, isoDay, isoDay, (event, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const cut = rangeCut(from, to);
        const hits = grainsOf(event).filter((g) => cut.some((r) => r.grain === g.grain && g.period >= r.from && g.period <= r.to));
        expect(hits.length).toBe(event >= from && event <= to ? 1 : 0);
      }),
    );
    expect(rangeCut('2025-12-31', '2025-12-30')).toEqual([]);
    expect(rangeCut('2024-03-15', '2026-12-02')).toEqual([
      { grain: 'd', from: '2024-03-15', to: '2024-03-31' },
      { grain: 'm', from: '2024-04-01', to: '2024-12-01' },
      { grain: 'y', from: '2025-01-01', to: '2025-01-01' },
      { grain: 'm', from: '2026-01-01', to: '2026-11-01' },
      { grain: 'd', from: '2026-12-01', to: '2026-12-02' },
    ]);
  });

  it('a day that closes its month or year is read from that row, no day rows', () => {
    expect(prefixCut('2025-12-31')).toEqual({ day: '2025-12-31', yearStart: '2026-01-01', monthStart: '2026-01-01' });
    expect(prefixCut('2024-02-29')).toEqual({ day: '2024-02-29', yearStart: '2024-01-01', monthStart: '2024-03-01' });
    expect(prefixCut('2024-02-28')).toEqual(prefixBounds('2024-02-28'));
  });
});
