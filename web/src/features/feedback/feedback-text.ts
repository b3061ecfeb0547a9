/**
 * Pure helpers of the feedback screens: where the rating page is and how the
 * code and secret reach it, the answer's due state, the ratings summary as
 * table rows, the day range of the summary, and the suggestion form's checks.
 */
import { SuggestionInput, HotlineInput, AnswerInput, type RatingSummary } from '../../../../contracts/feedback';
import { vnIsoDate } from '../dossiers/dossier-text';
import { CRITERIA, SCORES, type Criterion, type Score } from './rating-form';

export const RATING_PATH = '/danh-gia';
export const SUGGESTION_PATH = '/gop-y';
export const HOTLINE_PATH = '/staff/hotline';
export const FEEDBACK_PATH = '/staff/feedback';
export const RATINGS_PATH = '/staff/ratings';

/**
 * The rating page for a dossier, code and secret in the fragment (as the
 * receipt's QR code carries them to the lookup): a fragment never reaches the
 * server or its logs, and the page clears it from the address bar on arrival.
 */
export function ratingPagePath(code: string, secret: string): string {
  return `${RATING_PATH}#${new URLSearchParams({ code, secret }).toString()}`;
}

// ---------------------------------------------------------------- the answer's due state

export type DueState = 'overdue' | 'open' | 'answered' | 'answeredLate';

/** Overdue as the server flags it; an answer given after the due instant is late. */
export function dueState(item: { overdue: boolean; dueAt: string; answeredAt: string | null }): DueState {
  if (item.answeredAt !== null) return Date.parse(item.answeredAt) > Date.parse(item.dueAt) ? 'answeredLate' : 'answered';
  return item.overdue ? 'overdue' : 'open';
}

// ---------------------------------------------------------------- ratings summary

export type SummaryRow = { criterion: Criterion; counts: Record<Score, number>; satisfied: number; share: number | null };

/** One row per criterion in the form's order: the count of each score and the share satisfied or better. */
export function summaryRows(summary: RatingSummary): SummaryRow[] {
  return CRITERIA.map((criterion) => {
    const d = summary.criteria[criterion];
    const counts = Object.fromEntries(SCORES.map((s) => [s, d[s]])) as Record<Score, number>;
    return { criterion, counts, satisfied: d.very_satisfied + d.satisfied, share: d.satisfiedShare };
  });
}

const ISO_DAY = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function isDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCDate() === Number(m[3]);
}

/** From the first of the current month to today, in Vietnam time. */
export function defaultDayRange(now: Date): { from: string; to: string } {
  const to = vnIsoDate(now.toISOString());
  return { from: `${to.slice(0, 8)}01`, to };
}

export type DayRangeProblem = 'fromInvalid' | 'toInvalid' | 'order';

export function dayRangeProblem(from: string, to: string): DayRangeProblem | null {
  if (!isDay(from)) return 'fromInvalid';
  if (!isDay(to)) return 'toInvalid';
  return from > to ? 'order' : null;
}

// ---------------------------------------------------------------- forms

/** Whole minutes to wait, at least one, from a Retry-After in seconds. */
export function waitMinutes(retryAfterSeconds: number | undefined): number {
  return Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60));
}

export const SUGGESTION_TEXT = { min: SuggestionInput.shape.text.minLength ?? 10, max: SuggestionInput.shape.text.maxLength ?? 4000 };
export const CONTACT_MAX = SuggestionInput.shape.contact.unwrap().maxLength ?? 200;
export const HOTLINE_SUMMARY_MAX = HotlineInput.shape.summary.maxLength ?? 4000;
export const CALLER_MAX = HotlineInput.shape.caller.unwrap().maxLength ?? 200;
export const ANSWER_MAX = AnswerInput.shape.answer.maxLength ?? 4000;

export type TextProblem = 'required' | 'tooShort' | 'tooLong';

/** A text field against its bounds, as the server trims it. */
export function textProblem(value: string, bounds: { min?: number; max: number; required?: boolean }): TextProblem | null {
  const text = value.trim();
  if (text === '') return bounds.required === false ? null : 'required';
  if (bounds.min !== undefined && text.length < bounds.min) return 'tooShort';
  return text.length > bounds.max ? 'tooLong' : null;
}

/** The suggestion as the API takes it: blanks left out, the honeypot sent only when something filled it. */
export function toSuggestionInput(values: { text: string; unitCode: string | null; contact: string; website: string }): SuggestionInput {
  const contact = values.contact.trim();
  return {
    text: values.text.trim(),
    ...(values.unitCode ? { unitCode: values.unitCode } : {}),
    ...(contact === '' ? {} : { contact }),
    ...(values.website === '' ? {} : { website: values.website }),
  };
}
