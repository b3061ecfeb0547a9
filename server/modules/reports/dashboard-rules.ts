/**
 * The leader dashboard's pure rules (no I/O): which months a query covers
 * once its defaults are applied, and the months of a range in order.
 */
import { MAX_DASHBOARD_MONTHS, monthsBetween } from '../../../contracts/reports.js';

/** 'YYYY-MM' shifted by `n` months (negative: earlier). */
export function addMonths(month: string, n: number): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included. */
export function monthList(from: string, to: string): string[] {
  return Array.from({ length: Math.max(0, monthsBetween(from, to)) }, (_, i) => addMonths(from, i));
}

export type MonthIssue = { field: 'from' | 'to'; reason: 'before_from' | 'too_long' };

/**
 * The period of a dashboard query: without `to`, this month; without `from`,
 * the 12 months ending at `to`. A range ending before it starts, or longer
 * than MAX_DASHBOARD_MONTHS, is an issue on the field the caller gave (the
 * default filled in the other one).
 */
export function dashboardMonths(from: string | undefined, to: string | undefined, thisMonth: string): { from: string; to: string } | MonthIssue {
  const last = to ?? thisMonth;
  const first = from ?? addMonths(last, -11);
  const months = monthsBetween(first, last);
  const field = to === undefined ? 'from' : 'to';
  if (months < 1) return { field, reason: 'before_from' };
  if (months > MAX_DASHBOARD_MONTHS) return { field, reason: 'too_long' };
  return { from: first, to: last };
}
