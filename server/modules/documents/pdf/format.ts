/**
 * Text formatting for the PDFs: NFC normalisation, dates in the unit's time
 * zone, the place-and-date line of Decree 30/2020 and amounts in đồng.
 *
 * Decisions:
 * - Every string that reaches a page goes through `cleanText`: NFC
 *   (LIBRARIES.md: NFD text misplaces accents and extracts badly), no
 *   control characters.
 * - A moment is a `Date` or an ISO 8601 string. A date-only string
 *   ("2026-12-01") is a calendar date and is printed as is; an instant is
 *   printed in `Asia/Ho_Chi_Minh` (ARCHITECTURE.md: compute in the unit's time
 *   zone). The clock is never read: the same input gives the same text.
 * - Decree 30/2020, Appendix I: in the date line, days below 10 and the months
 *   January and February take a leading zero ("ngày 05 tháng 02", but
 *   "tháng 3").
 * - Money is integer VND, grouped by hand ("1.000.000 đồng", "1,000,000 VND")
 *   so the output does not depend on the ICU data of the Node build.
 */
import type { Lang } from './labels.js';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A moment: a Date, an ISO 8601 instant ("2026-12-01T08:30:00+07:00") or a calendar date ("2026-12-01"). */
export type Moment = Date | string;

/**
 * Text as it goes onto a page: NFC, line ends as "\n", tabs as spaces, and no other control character
 * (pdfkit would draw them as missing glyphs).
 */
export function cleanText(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n').normalize('NFC')) {
    const code = ch.charCodeAt(0);
    if (ch === '\n') out += ch;
    else if (ch === '\t') out += ' ';
    else if (code >= 0x20 && code !== 0x7f) out += ch;
  }
  return out;
}

/** Local calendar fields of a moment; `hasTime` is false for a date-only string. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  hasTime: boolean;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

/** The instant a moment stands for; a calendar date is its local midnight. Throws RangeError on an invalid value. */
export function toInstant(value: Moment): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('invalid date');
    return value;
  }
  const dateOnly = DATE_ONLY.exec(value);
  // Vietnam has kept UTC+7 without daylight saving since 1975.
  const date = dateOnly ? new Date(`${value}T00:00:00+07:00`) : new Date(value);
  const invalid =
    Number.isNaN(date.getTime()) ||
    (dateOnly !== null && new Date(Date.UTC(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3]))).toISOString().slice(0, 10) !== value);
  if (invalid) throw new RangeError(`not an ISO 8601 date or instant: ${value}`);
  return date;
}

export function localParts(value: Moment): LocalParts {
  if (typeof value === 'string') {
    const dateOnly = DATE_ONLY.exec(value);
    if (dateOnly) {
      toInstant(value); // validates
      return { year: Number(dateOnly[1]), month: Number(dateOnly[2]), day: Number(dateOnly[3]), hour: 0, minute: 0, hasTime: false };
    }
  }
  const fields: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(toInstant(value))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 0,
    day: fields.day ?? 0,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    hasTime: true,
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "Hòa Bình, ngày 01 tháng 12 năm 2026" / "Hòa Bình, 1 December 2026". */
export function dateLine(lang: Lang, place: string, value: Moment): string {
  const p = localParts(value);
  if (lang === 'en') return cleanText(`${place}, ${String(p.day)} ${EN_MONTHS[p.month - 1] ?? ''} ${String(p.year)}`);
  const month = p.month < 3 ? pad2(p.month) : String(p.month);
  return cleanText(`${place}, ngày ${pad2(p.day)} tháng ${month} năm ${String(p.year)}`);
}

/** "01/12/2026" / "1 December 2026". */
export function formatDate(lang: Lang, value: Moment): string {
  const p = localParts(value);
  if (lang === 'en') return `${String(p.day)} ${EN_MONTHS[p.month - 1] ?? ''} ${String(p.year)}`;
  return `${pad2(p.day)}/${pad2(p.month)}/${String(p.year)}`;
}

/** "08 giờ 30 phút, ngày 01/12/2026" / "08:30, 1 December 2026"; the date alone for a date-only value. */
export function formatDateTime(lang: Lang, value: Moment): string {
  const p = localParts(value);
  const date = formatDate(lang, value);
  if (!p.hasTime) return date;
  if (lang === 'en') return `${pad2(p.hour)}:${pad2(p.minute)}, ${date}`;
  return `${pad2(p.hour)} giờ ${pad2(p.minute)} phút, ngày ${date}`;
}

/** "01/12/2026 08:30" for table cells, in both languages; the date alone for a date-only value. */
export function formatShortDateTime(value: Moment): string {
  const p = localParts(value);
  const date = `${pad2(p.day)}/${pad2(p.month)}/${String(p.year)}`;
  return p.hasTime ? `${date} ${pad2(p.hour)}:${pad2(p.minute)}` : date;
}

/** Digits grouped by three with `separator`. */
function group(amount: number, separator: string): string {
  const digits = String(amount);
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups.join(separator);
}

/** "1.000.000 đồng" / "1,000,000 VND". Money is integer VND (ARCHITECTURE.md). */
export function formatVnd(lang: Lang, amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`not an amount in VND: ${String(amount)}`);
  return lang === 'en' ? `${group(amount, ',')} VND` : `${group(amount, '.')} đồng`;
}
