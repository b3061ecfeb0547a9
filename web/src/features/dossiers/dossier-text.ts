/** Pure helpers of the dossier screens: lookup links, print dates, the control slip's rows. */
import type { Step } from '../../../../contracts/catalog';
import type { Dossier, HistoryEntry } from '../../../../contracts/dossiers';

export const LOOKUP_PATH = '/tra-cuu';

/**
 * The public lookup page with the code and secret in the fragment: a fragment
 * never reaches the server, so the secret stays out of access logs.
 */
export function lookupUrl(origin: string, code: string, secret: string): string {
  const params = new URLSearchParams({ code, secret });
  return `${origin}${LOOKUP_PATH}#${params.toString()}`;
}

/** `#code=…&secret=…` as the receipt's QR code carries it; null when either is missing. */
export function parseLookupFragment(hash: string): { code: string; secret: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const code = params.get('code')?.trim() ?? '';
  const secret = params.get('secret')?.trim() ?? '';
  return code !== '' && secret !== '' ? { code, secret } : null;
}

const VN_ZONE = 'Asia/Ho_Chi_Minh';

/** The local date in Vietnam of an instant: { day, month, year }. */
export function vnDateParts(iso: string): { day: string; month: string; year: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: VN_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(
    new Date(iso),
  );
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return { day: get('day'), month: get('month'), year: get('year') };
}

/** An instant as a local date in Vietnam, YYYY-MM-DD (for date inputs and register filters). */
export function vnIsoDate(iso: string): string {
  const { day, month, year } = vnDateParts(iso);
  return `${year}-${month}-${day}`;
}

/** A control-slip row: the hand-over from one holder to the next. */
export interface ControlRow {
  id: string;
  at: string;
  from: string;
  to: string;
  action: string;
  actor: string;
  note: string;
}

/**
 * The processing control slip (form 06) as a view of the history: each entry
 * hands the dossier from a unit/step to the next, with its time and note.
 * `label` names a step in the interface language.
 */
export function controlRows(history: readonly HistoryEntry[], label: (unit: string | null, step: Step | null) => string): ControlRow[] {
  return [...history]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((entry) => ({
      id: entry.id,
      at: entry.at,
      from: label(entry.fromUnit, entry.fromStep),
      to: label(entry.toUnit, entry.toStep),
      action: entry.action,
      actor: entry.actor.name ?? '',
      note: entry.note ?? '',
    }));
}

/** Waiting hours shown with at most one decimal. */
export function roundHours(hours: number): number {
  return Math.round(hours * 10) / 10;
}

export const PRINT_FORMS = ['receipt', 'supplement', 'refusal', 'apology', 'stop', 'control'] as const;
export type PrintForm = (typeof PRINT_FORMS)[number];

export function isPrintForm(value: string | undefined): value is PrintForm {
  return (PRINT_FORMS as readonly (string | undefined)[]).includes(value);
}

/** The forms that say something about this dossier now. */
export function printableForms(dossier: Pick<Dossier, 'status' | 'outcome' | 'supplement' | 'extension'> & { imported?: boolean }): PrintForm[] {
  // An imported dossier had its slips in the previous system; Motcua prints none (the server refuses them).
  if (dossier.imported) return [];
  const forms: PrintForm[] = [];
  if (dossier.status !== 'intake_incomplete' && dossier.status !== 'not_accepted') forms.push('receipt');
  if (dossier.status === 'intake_incomplete' || dossier.supplement !== null) forms.push('supplement');
  if (dossier.status === 'not_accepted' || dossier.outcome === 'rejected') forms.push('refusal');
  if (dossier.extension !== null) forms.push('apology');
  if (dossier.status === 'stopped') forms.push('stop');
  forms.push('control');
  return forms;
}
