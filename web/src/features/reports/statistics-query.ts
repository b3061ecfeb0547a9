/**
 * Pure helpers of the statistics page (/staff/statistics): the choice of
 * report as it sits in the page's URL (so a link reproduces the report), the
 * query it sends, the periods' arithmetic on local dates, the server's field
 * errors placed under their inputs, and the report's columns.
 *
 * The URL carries the API's own parameters (`unit`, `includeDescendants`,
 * `period`, `from`, `to`, `field`, `procedure`, `officer`), so the page, its
 * link and its exports ask the same thing. A fixed period's `from` is kept as
 * the period's first day.
 */
import { MAX_CUSTOM_DAYS, PERIOD_KINDS, type PeriodKind, type StatisticsRow } from '../../../../contracts/reports';
import type reportsVi from '../../i18n/reports.vi.json';

type Messages = (typeof reportsVi)['statistics'];
export type ColumnKey = keyof Messages['columns'];
export type GroupKey = keyof Messages['groups'];
export type ErrorKey = keyof Messages['errors'];

export { MAX_CUSTOM_DAYS, PERIOD_KINDS, type PeriodKind };

export interface StatisticsSelection {
  /** Unit code; null: the signed-in member's own unit (resolved by the page). */
  unit: string | null;
  includeDescendants: boolean;
  period: PeriodKind;
  /** YYYY-MM-DD, the period's first day; '' while a date input is empty. */
  from: string;
  /** YYYY-MM-DD, a custom period's last day; '' otherwise. */
  to: string;
  /** Catalog field code, procedure code, receiving officer's username; '' = all. */
  field: string;
  procedure: string;
  officer: string;
}

/** The filters a message can be shown under. */
export const FILTER_FIELDS = ['unit', 'includeDescendants', 'period', 'from', 'to', 'field', 'procedure', 'officer'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function iso(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function parts(date: string): { year: number; month: number; day: number } {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return { year, month, day };
}

/** The first day of the period of this kind that contains `date` (a custom period starts on it). */
export function periodStart(kind: PeriodKind, date: string): string {
  const { year, month, day } = parts(date);
  switch (kind) {
    case 'day':
    case 'custom':
      return iso(year, month, day);
    case 'month':
      return iso(year, month, 1);
    case 'quarter':
      return iso(year, month - ((month - 1) % 3), 1);
    case 'year':
      return iso(year, 1, 1);
  }
}

/** The last day of the fixed period of this kind that contains `date`. */
export function periodEnd(kind: Exclude<PeriodKind, 'custom'>, date: string): string {
  const { year, month, day } = parts(date);
  switch (kind) {
    case 'day':
      return iso(year, month, day);
    case 'month':
      return iso(year, month + 1, 0);
    case 'quarter':
      return iso(year, month - ((month - 1) % 3) + 3, 0);
    case 'year':
      return iso(year, 12, 31);
  }
}

/** Year, month (1–12) and quarter (1–4) of a date, for the period pickers. */
export function periodParts(date: string): { year: number; month: number; quarter: number } {
  const { year, month } = parts(date);
  return { year, month, quarter: Math.floor((month - 1) / 3) + 1 };
}

/** The default report: this month, the member's own unit, everything. */
export function defaultSelection(today: string): StatisticsSelection {
  return { unit: null, includeDescendants: false, period: 'month', from: periodStart('month', today), to: '', field: '', procedure: '', officer: '' };
}

/** The report named by the page's URL; what is missing or unreadable falls back to the default. */
export function selectionFromParams(params: URLSearchParams, today: string): StatisticsSelection {
  const fallback = defaultSelection(today);
  const kind = params.get('period');
  const period = (PERIOD_KINDS as readonly string[]).includes(kind ?? '') ? (kind as PeriodKind) : fallback.period;
  const rawFrom = params.get('from');
  // An emptied date input stays empty (shown as required); no date or an unreadable one: the period of today.
  const from = rawFrom === '' ? '' : rawFrom !== null && isIsoDate(rawFrom) ? periodStart(period, rawFrom) : periodStart(period, today);
  const rawTo = params.get('to') ?? '';
  return {
    unit: params.get('unit') || null,
    includeDescendants: params.get('includeDescendants') === 'true',
    period,
    from,
    to: period === 'custom' && isIsoDate(rawTo) ? rawTo : '',
    field: params.get('field') ?? '',
    procedure: params.get('procedure') ?? '',
    officer: params.get('officer') ?? '',
  };
}

/** The selection as the page's URL parameters (empty filters left out). */
export function selectionToParams(selection: StatisticsSelection): URLSearchParams {
  const params = new URLSearchParams();
  if (selection.unit) params.set('unit', selection.unit);
  if (selection.includeDescendants) params.set('includeDescendants', 'true');
  params.set('period', selection.period);
  params.set('from', selection.from);
  if (selection.period === 'custom') params.set('to', selection.to);
  for (const key of ['field', 'procedure', 'officer'] as const) if (selection[key]) params.set(key, selection[key]);
  return params;
}

/**
 * Another kind of period: a fixed one starts its period containing the old
 * start; a custom one covers the fixed period it replaces (a month → its
 * first to last day).
 */
export function withPeriod(selection: StatisticsSelection, kind: PeriodKind): StatisticsSelection {
  const anchor = isIsoDate(selection.from) ? selection.from : null;
  if (kind === 'custom') {
    const to = anchor && selection.period !== 'custom' ? periodEnd(selection.period, anchor) : selection.to;
    return { ...selection, period: kind, from: anchor ?? '', to };
  }
  return { ...selection, period: kind, from: anchor ? periodStart(kind, anchor) : selection.from, to: '' };
}

export type StatisticsApiQuery = Record<string, string>;

/**
 * The API query of a selection for the unit `unit`, or null while a date is
 * missing (the page says so under the input). Whether `to` comes after `from`
 * is left to the server, whose per-field answer the page shows.
 */
export function statisticsQuery(selection: StatisticsSelection, unit: string | null): StatisticsApiQuery | null {
  if (unit === null || !isIsoDate(selection.from)) return null;
  if (selection.period === 'custom' && !isIsoDate(selection.to)) return null;
  return Object.fromEntries(selectionToParams({ ...selection, unit }));
}

/** Where an export of the same query downloads from; the server answers in the `lang` cookie's language, the UI's. */
export function exportHref(format: 'csv' | 'xlsx' | 'pdf', query: StatisticsApiQuery): string {
  return `/api/v1/reports/statistics.${format}?${new URLSearchParams(query).toString()}`;
}

/** Inputs left empty that the report needs. */
export function missingDates(selection: StatisticsSelection): FilterField[] {
  const missing: FilterField[] = [];
  if (!isIsoDate(selection.from)) missing.push('from');
  if (selection.period === 'custom' && !isIsoDate(selection.to)) missing.push('to');
  return missing;
}

// ---------------------------------------------------------------- the server's field errors

/** The contract's messages for a bad period (contracts/reports.ts), as keys under `reports.statistics.errors`. */
const ISSUE_KEYS: Readonly<Record<string, ErrorKey>> = {
  'must not be before from': 'toBeforeFrom',
  [`at most ${MAX_CUSTOM_DAYS} days after from`]: 'tooLong',
  'required for a custom period': 'required',
  'only for a custom period': 'onlyCustom',
};

export type FieldMessage = { key: ErrorKey; values?: Record<string, unknown> } | { text: string };

function isFilterField(value: string): value is FilterField {
  return (FILTER_FIELDS as readonly string[]).includes(value);
}

/**
 * The server's answer placed under the inputs: `400 VALIDATION_FAILED`
 * issues by their path (`/to`), translated when the contract's message is
 * known; a `404 …_NOT_FOUND` by its `details.field`, in the server's own
 * localised message. Anything else is for the page's error alert.
 */
export function fieldErrors(error: { code: string; message: string; details: Readonly<Record<string, unknown>> } | null): Partial<Record<FilterField, FieldMessage>> {
  if (!error) return {};
  const errors: Partial<Record<FilterField, FieldMessage>> = {};
  const issues = error.details.issues;
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(issues)) {
    for (const issue of issues as unknown[]) {
      if (typeof issue !== 'object' || issue === null) continue;
      const { path, message } = issue as { path?: unknown; message?: unknown };
      if (typeof path !== 'string' || typeof message !== 'string') continue;
      const field = path.replace(/^\/+/, '').split('/')[0] ?? '';
      if (!isFilterField(field) || field in errors) continue;
      const key = ISSUE_KEYS[message];
      errors[field] = key ? { key, values: { max: MAX_CUSTOM_DAYS } } : { text: message };
    }
  }
  const field = error.details.field;
  if (error.code.endsWith('_NOT_FOUND') && typeof field === 'string' && isFilterField(field)) errors[field] = { text: error.message };
  return errors;
}

/** True when the failure is fully told under the inputs (no alert needed). */
export function toldUnderFields(error: { code: string; details: Readonly<Record<string, unknown>> } | null, errors: Partial<Record<FilterField, FieldMessage>>): boolean {
  return error !== null && Object.keys(errors).length > 0 && (error.code === 'VALIDATION_FAILED' || error.code.endsWith('_NOT_FOUND'));
}

// ---------------------------------------------------------------- the columns

/** How a figure is shown: a count, a share (percent) or a number of days (two decimals at most). */
export type FigureKind = 'count' | 'share' | 'days';

export interface FigureColumn {
  /** i18n key under `reports.statistics.columns`. */
  key: ColumnKey;
  kind: FigureKind;
  value: (row: StatisticsRow) => number | null;
}

export interface ColumnGroup {
  /** i18n key under `reports.statistics.groups`; a group of one column has a header spanning both header rows. */
  key: GroupKey;
  columns: readonly FigureColumn[];
}

const count = (key: ColumnKey, value: (row: StatisticsRow) => number): FigureColumn => ({ key, kind: 'count', value });

/** The standard layout of the periodic report, left to right. */
export const COLUMN_GROUPS: readonly ColumnGroup[] = [
  {
    key: 'received',
    columns: [
      count('carriedOver', (r) => r.carriedOver),
      count('receivedTotal', (r) => r.received.total),
      count('inPerson', (r) => r.received.inPerson),
      count('online', (r) => r.received.online),
      count('post', (r) => r.received.post),
    ],
  },
  {
    key: 'settled',
    columns: [
      count('settledTotal', (r) => r.settled.total),
      count('early', (r) => r.settled.early),
      count('onTime', (r) => r.settled.onTime),
      count('late', (r) => r.settled.late),
      count('refused', (r) => r.settled.refused),
      { key: 'onTimeShare', kind: 'share', value: (r) => r.settled.onTimeShare },
    ],
  },
  {
    key: 'pending',
    columns: [
      count('pendingTotal', (r) => r.pending.total),
      count('withinTime', (r) => r.pending.withinTime),
      count('overdue', (r) => r.pending.overdue),
      count('paused', (r) => r.pending.paused),
    ],
  },
  {
    key: 'ended',
    columns: [count('stopped', (r) => r.stopped), count('withdrawn', (r) => r.withdrawn), count('closedUnsupplemented', (r) => r.closedUnsupplemented)],
  },
  {
    key: 'intake',
    columns: [count('supplementRequests', (r) => r.supplementRequests), count('intakeIncomplete', (r) => r.intake.incomplete), count('intakeRefused', (r) => r.intake.refused)],
  },
  {
    key: 'workingDays',
    columns: [
      { key: 'daysAverage', kind: 'days', value: (r) => r.workingDays.average },
      { key: 'daysMedian', kind: 'days', value: (r) => r.workingDays.median },
      { key: 'daysAllowed', kind: 'days', value: (r) => r.workingDays.allowedAverage },
    ],
  },
  { key: 'trips', columns: [{ key: 'tripsAverage', kind: 'days', value: (r) => r.trips.average }] },
  { key: 'letters', columns: [count('letters', (r) => r.letters)] },
  {
    key: 'satisfaction',
    columns: [count('ratings', (r) => r.satisfaction.count), { key: 'satisfiedShare', kind: 'share', value: (r) => r.satisfaction.satisfiedShare }],
  },
];

/** A figure in the interface language; null (nothing to divide) as the given placeholder. */
export function formatFigure(value: number | null, kind: FigureKind, format: { number: (v: number) => string; percent: (v: number) => string }, none: string): string {
  if (value === null) return none;
  if (kind === 'share') return format.percent(value);
  return format.number(kind === 'days' ? Math.round(value * 100) / 100 : value);
}

// ---------------------------------------------------------------- the caption

/** The period named for the caption: a key under `reports.statistics.periodLabel` and its values. */
export function periodLabel(period: { kind: PeriodKind; from: string; to: string }, formatDate: (isoDate: string) => string): { key: PeriodKind; values: Record<string, string | number> } {
  const { year, month, quarter } = periodParts(period.from);
  switch (period.kind) {
    case 'day':
      return { key: 'day', values: { date: formatDate(period.from) } };
    case 'month':
      return { key: 'month', values: { month, year } };
    case 'quarter':
      return { key: 'quarter', values: { quarter: ['I', 'II', 'III', 'IV'][quarter - 1] ?? String(quarter), year } };
    case 'year':
      return { key: 'year', values: { year } };
    case 'custom':
      return { key: 'custom', values: { from: formatDate(period.from), to: formatDate(period.to) } };
  }
}

/** "02/03/2025" from "2025-03-02" (a local date, no time zone arithmetic). */
export function localDate(isoDate: string, locale: string): string {
  const { year, month, day } = parts(isoDate);
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
}
