import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERIOD_KINDS, StatisticsQuery, type StatisticsRow } from '../../../../contracts/reports';
import vi from '../../i18n/reports.vi.json';
import {
  COLUMN_GROUPS,
  defaultSelection,
  exportHref,
  fieldErrors,
  formatFigure,
  isIsoDate,
  periodEnd,
  periodLabel,
  periodStart,
  selectionFromParams,
  selectionToParams,
  statisticsQuery,
  withPeriod,
  type StatisticsSelection,
} from './statistics-query';

const TODAY = '2025-05-17';

const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const code = fc.stringMatching(/^[A-Z0-9.-]{1,12}$/);
const optional = (arb: fc.Arbitrary<string>) => fc.oneof(fc.constant(''), arb);

/** Any selection the page can be in (a fixed period starting on its first day). */
const selection: fc.Arbitrary<StatisticsSelection> = fc
  .record({
    unit: fc.option(code, { nil: null }),
    includeDescendants: fc.boolean(),
    period: fc.constantFrom(...PERIOD_KINDS),
    from: isoDate,
    to: isoDate,
    field: optional(code),
    procedure: optional(code),
    officer: optional(fc.stringMatching(/^[a-z][a-z0-9._-]{0,15}$/)),
  })
  .map((s) => ({ ...s, from: periodStart(s.period, s.from), to: s.period === 'custom' ? s.to : '' }));

describe('the report in the URL', () => {
  it('comes back the same from its parameters', () => {
    fc.assert(
      fc.property(selection, (s) => {
        expect(selectionFromParams(selectionToParams(s), TODAY)).toEqual(s);
      }),
    );
  });

  it('defaults to this month of the member’s own unit, without filters', () => {
    expect(selectionFromParams(new URLSearchParams(), TODAY)).toEqual(defaultSelection(TODAY));
    expect(defaultSelection(TODAY)).toMatchObject({ unit: null, period: 'month', from: '2025-05-01', to: '' });
  });

  it('reads a fixed period from any date in it, and ignores what it cannot read', () => {
    expect(selectionFromParams(new URLSearchParams('period=quarter&from=2023-08-17'), TODAY)).toMatchObject({ period: 'quarter', from: '2023-07-01' });
    expect(selectionFromParams(new URLSearchParams('period=week&from=2023-02-30&to=2023-03-01'), TODAY)).toMatchObject({ period: 'month', from: '2025-05-01', to: '' });
    // An emptied date input stays empty, for the page to say it is required.
    expect(selectionFromParams(new URLSearchParams('period=custom&from=&to=2025-01-01'), TODAY)).toMatchObject({ from: '', to: '2025-01-01' });
  });
});

describe('the query sent', () => {
  it('is one the contract accepts whenever the page sends one, for the unit it names', () => {
    fc.assert(
      fc.property(selection, code, (s, unit) => {
        const query = statisticsQuery({ ...s, unit: null }, unit);
        expect(query).not.toBeNull();
        if (!query) return;
        expect(query.unit).toBe(unit);
        const parsed = StatisticsQuery.safeParse(query);
        // The server alone judges a custom period's length and order; everything else is valid.
        if (!parsed.success) expect(parsed.error.issues.every((issue) => issue.path.join('.') === 'to' && s.period === 'custom')).toBe(true);
      }),
    );
  });

  it('waits for a unit and the dates', () => {
    const base = defaultSelection(TODAY);
    expect(statisticsQuery(base, null)).toBeNull();
    expect(statisticsQuery({ ...base, from: '' }, 'X')).toBeNull();
    expect(statisticsQuery({ ...base, period: 'custom', from: '2025-01-01', to: '' }, 'X')).toBeNull();
    expect(statisticsQuery({ ...base, period: 'year', from: '2025-01-01', field: 'HT' }, 'UB')).toEqual({ unit: 'UB', period: 'year', from: '2025-01-01', field: 'HT' });
  });

  it('downloads its exports from the same query', () => {
    expect(exportHref('xlsx', { unit: 'UB X', period: 'year', from: '2025-01-01' })).toBe('/api/v1/reports/statistics.xlsx?unit=UB+X&period=year&from=2025-01-01');
  });
});

describe('periods', () => {
  it('start and end around any date of theirs', () => {
    fc.assert(
      fc.property(fc.constantFrom('day', 'month', 'quarter', 'year') as fc.Arbitrary<'day' | 'month' | 'quarter' | 'year'>, isoDate, (kind, date) => {
        const start = periodStart(kind, date);
        const end = periodEnd(kind, date);
        expect(isIsoDate(start) && isIsoDate(end)).toBe(true);
        expect(start <= date && date <= end).toBe(true);
        expect(periodStart(kind, end)).toBe(start);
      }),
    );
    expect(periodEnd('quarter', '2024-02-10')).toBe('2024-03-31');
    expect(periodEnd('month', '2024-02-10')).toBe('2024-02-29');
  });

  it('turn into a custom period covering the same days, and back', () => {
    const month = { ...defaultSelection(TODAY), period: 'month' as const, from: '2025-02-01' };
    const custom = withPeriod(month, 'custom');
    expect(custom).toMatchObject({ period: 'custom', from: '2025-02-01', to: '2025-02-28' });
    expect(withPeriod(custom, 'year')).toMatchObject({ period: 'year', from: '2025-01-01', to: '' });
  });

  it('are named for the caption', () => {
    const date = (d: string) => d.split('-').reverse().join('/');
    expect(periodLabel({ kind: 'quarter', from: '2025-04-01', to: '2025-06-30' }, date)).toEqual({ key: 'quarter', values: { quarter: 'II', year: 2025 } });
    expect(periodLabel({ kind: 'custom', from: '2025-04-03', to: '2025-06-30' }, date)).toEqual({ key: 'custom', values: { from: '03/04/2025', to: '30/06/2025' } });
  });
});

describe("the server's answer under the inputs", () => {
  const failure = (query: Record<string, string>) => {
    const result = StatisticsQuery.safeParse(query);
    if (result.success) throw new Error('expected a bad query');
    const issues = result.error.issues.map((issue) => ({ in: 'querystring', path: `/${issue.path.join('/')}`, code: issue.code, message: issue.message }));
    return { code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ', details: { issues } };
  };

  it('translates every message the contract gives a bad period', () => {
    const base = { unit: 'UB', period: 'custom', from: '2025-03-01' };
    expect(fieldErrors(failure({ ...base, to: '2025-02-01' }))).toEqual({ to: { key: 'toBeforeFrom', values: { max: 366 } } });
    expect(fieldErrors(failure({ ...base, to: '2026-03-02' }))).toEqual({ to: { key: 'tooLong', values: { max: 366 } } });
    expect(fieldErrors(failure(base))).toEqual({ to: { key: 'required', values: { max: 366 } } });
    expect(fieldErrors(failure({ ...base, period: 'year', to: '2025-04-01' }))).toEqual({ to: { key: 'onlyCustom', values: { max: 366 } } });
  });

  it('puts a filter not found under its input, in the server’s words', () => {
    expect(fieldErrors({ code: 'PROCEDURE_NOT_FOUND', message: 'Không tìm thấy thủ tục', details: { field: 'procedure' } })).toEqual({ procedure: { text: 'Không tìm thấy thủ tục' } });
    expect(fieldErrors({ code: 'INTERNAL', message: 'x', details: { field: 'unit' } })).toEqual({});
    expect(fieldErrors(null)).toEqual({});
  });
});

describe('the columns', () => {
  it('each have a header in Vietnamese (and the keys type-check against it)', () => {
    for (const group of COLUMN_GROUPS) {
      expect(vi.statistics.groups[group.key]).toBeTruthy();
      for (const column of group.columns) expect(vi.statistics.columns[column.key]).toBeTruthy();
    }
  });

  it('show counts, shares and days in the interface’s number format; nothing to divide as a dash', () => {
    const format = { number: (v: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(v), percent: (v: number) => new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(v) };
    expect(formatFigure(7526, 'count', format, '—')).toBe('7.526');
    expect(formatFigure(0.8, 'share', format, '—')).toMatch(/^80\s?%$/);
    expect(formatFigure(2.3456, 'days', format, '—')).toBe('2,35');
    expect(formatFigure(null, 'share', format, '—')).toBe('—');
  });

  it('read every figure of a row once, in the order of the layout', () => {
    const row = {
      unitCode: 'UB', unitName: 'x', unitNameEn: null, covers: 'unit', carriedOver: 1,
      received: { total: 2, inPerson: 3, online: 4, post: 5 },
      settled: { total: 6, early: 7, onTime: 8, late: 9, refused: 10, onTimeShare: 0.11 },
      pending: { total: 12, withinTime: 13, overdue: 14, paused: 15 },
      stopped: 16, withdrawn: 17, closedUnsupplemented: 18, supplementRequests: 19, intake: { incomplete: 20, refused: 21 },
      workingDays: { settled: 0, average: 22, median: 23, allowedAverage: 24 }, trips: { returned: 0, visits: 0, average: 25 }, letters: 26,
      satisfaction: { count: 27, very_satisfied: 0, satisfied: 0, neutral: 0, dissatisfied: 0, very_dissatisfied: 0, satisfiedShare: 0.28 },
    } satisfies StatisticsRow;
    expect(COLUMN_GROUPS.flatMap((g) => g.columns.map((c) => c.value(row)))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0.11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 0.28]);
  });
});
