/**
 * The statistics as a table (the periodic report one-stop departments send
 * upward): one line per row of the answer and a total line, the same columns
 * in CSV and XLSX (and, in three tables, in the PDF of export-pdf.ts). Headers are localised (server/i18n `reportsExport`);
 * shares are percentages.
 */
import { stringify } from 'csv-stringify/sync';
import type { TFunction } from 'i18next';
import writeXlsxFile from 'write-excel-file/node';
import type { Statistics, StatisticsRow } from '../../../contracts/reports.js';

type Cell = number | null;
export type Column = { key: string; value: (r: StatisticsRow) => Cell; percent?: boolean; decimals?: boolean };

/** Every figure, in the order of the CSV and XLSX (the PDF takes them in three tables, export-pdf.ts). */
export const COLUMNS: readonly Column[] = [
  { key: 'carriedOver', value: (r) => r.carriedOver },
  { key: 'receivedTotal', value: (r) => r.received.total },
  { key: 'receivedInPerson', value: (r) => r.received.inPerson },
  { key: 'receivedOnline', value: (r) => r.received.online },
  { key: 'receivedPost', value: (r) => r.received.post },
  { key: 'settledTotal', value: (r) => r.settled.total },
  { key: 'settledEarly', value: (r) => r.settled.early },
  { key: 'settledOnTime', value: (r) => r.settled.onTime },
  { key: 'settledLate', value: (r) => r.settled.late },
  { key: 'settledRefused', value: (r) => r.settled.refused },
  { key: 'onTimeShare', value: (r) => r.settled.onTimeShare, percent: true },
  { key: 'pendingTotal', value: (r) => r.pending.total },
  { key: 'pendingWithinTime', value: (r) => r.pending.withinTime },
  { key: 'pendingOverdue', value: (r) => r.pending.overdue },
  { key: 'pendingPaused', value: (r) => r.pending.paused },
  { key: 'stopped', value: (r) => r.stopped },
  { key: 'withdrawn', value: (r) => r.withdrawn },
  { key: 'closedUnsupplemented', value: (r) => r.closedUnsupplemented },
  { key: 'supplementRequests', value: (r) => r.supplementRequests },
  { key: 'intakeIncomplete', value: (r) => r.intake.incomplete },
  { key: 'intakeRefused', value: (r) => r.intake.refused },
  { key: 'workingDaysAverage', value: (r) => r.workingDays.average, decimals: true },
  { key: 'workingDaysMedian', value: (r) => r.workingDays.median, decimals: true },
  { key: 'workingDaysAllowed', value: (r) => r.workingDays.allowedAverage, decimals: true },
  { key: 'tripsReturned', value: (r) => r.trips.returned },
  { key: 'tripsVisits', value: (r) => r.trips.visits },
  { key: 'tripsAverage', value: (r) => r.trips.average, decimals: true },
  { key: 'letters', value: (r) => r.letters },
  { key: 'ratings', value: (r) => r.satisfaction.count },
  { key: 'verySatisfied', value: (r) => r.satisfaction.very_satisfied },
  { key: 'satisfied', value: (r) => r.satisfaction.satisfied },
  { key: 'neutral', value: (r) => r.satisfaction.neutral },
  { key: 'dissatisfied', value: (r) => r.satisfaction.dissatisfied },
  { key: 'veryDissatisfied', value: (r) => r.satisfaction.very_dissatisfied },
  { key: 'satisfiedShare', value: (r) => r.satisfaction.satisfiedShare, percent: true },
];

export function unitLabel(r: StatisticsRow, t: TFunction, english: boolean): string {
  if (r.covers === 'total') return t('reportsExport.total');
  const name = (english ? r.unitNameEn : null) ?? r.unitName ?? '';
  return r.covers === 'subtree' ? t('reportsExport.subtree', { name }) : name;
}

/** File name without extension: the unit code and the period. */
export function exportName(stats: Statistics, t: TFunction): string {
  const span = stats.period.from === stats.period.to ? stats.period.from : `${stats.period.from}_${stats.period.to}`;
  return `${t('reportsExport.fileName')}-${stats.unit.code}-${span}`;
}

export function lines(stats: Statistics): StatisticsRow[] {
  return [...stats.rows, stats.total];
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** CSV (UTF-8 with a byte-order mark, for spreadsheet programs): shares in percent with two decimals. */
export function statisticsCsv(stats: Statistics, t: TFunction, english: boolean): string {
  const header = [t('reportsExport.columns.unitCode'), t('reportsExport.columns.unit'), ...COLUMNS.map((c) => t(`reportsExport.columns.${c.key}`))];
  const body = lines(stats).map((r) => [
    r.unitCode ?? '',
    unitLabel(r, t, english),
    ...COLUMNS.map((c) => {
      const v = c.value(r);
      if (v === null) return '';
      if (c.percent) return round(v * 100, 2);
      return c.decimals ? round(v, 2) : v;
    }),
  ]);
  return '\uFEFF' + stringify([header, ...body]);
}

/** XLSX: a title line, the header, the rows and the total; shares as percentages of the cell. */
export async function statisticsXlsx(stats: Statistics, t: TFunction, english: boolean): Promise<Buffer> {
  const title = t('reportsExport.title', { unit: (english ? stats.unit.nameEn : null) ?? stats.unit.name, from: stats.period.from, to: stats.period.to });
  const header = [t('reportsExport.columns.unitCode'), t('reportsExport.columns.unit'), ...COLUMNS.map((c) => t(`reportsExport.columns.${c.key}`))].map((value) => ({
    value,
    fontWeight: 'bold' as const,
    wrap: true,
  }));
  const body = lines(stats).map((r) => [
    { value: r.unitCode ?? '' },
    { value: unitLabel(r, t, english), ...(r.covers === 'total' ? { fontWeight: 'bold' as const } : {}) },
    ...COLUMNS.map((c) => {
      const v = c.value(r);
      if (v === null) return null;
      if (c.percent) return { value: v, type: Number, format: '0.0%' };
      return c.decimals ? { value: round(v, 2), type: Number, format: '0.0' } : { value: v, type: Number };
    }),
  ]);
  return writeXlsxFile([[{ value: title, fontWeight: 'bold' as const }], header, ...body], { sheet: t('reportsExport.sheet') }).toBuffer();
}
