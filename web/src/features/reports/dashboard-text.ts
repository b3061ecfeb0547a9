/** Pure helpers of the leader dashboard (DashboardPage.tsx). */
import { INBOX_PATH } from '../dossiers/paths';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month field's value ('YYYY-MM', trimmed), or null when it is not one. */
export function parseMonth(text: string): string | null {
  const v = text.trim();
  return MONTH.test(v) ? v : null;
}

/** '2024-03' → '03/2024', as Vietnamese reports write a month. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return y && m ? `${m}/${y}` : month;
}

/** A 0–1 share as a whole percentage for a chart's axis (null → 0: nothing to divide draws no bar). */
export function percentValue(share: number | null): number {
  return share === null ? 0 : Math.round(share * 1000) / 10;
}

/** The staff dossiers list showing exactly a dashboard group's dossiers. */
export function dossierListLink(filter: Record<string, string>): string {
  return `${INBOX_PATH}?${new URLSearchParams({ view: 'all', ...filter }).toString()}`;
}
