/**
 * Pure helpers of the documents screens: verification codes, the forms that
 * apply to a dossier, files read as base64, month ranges and the letters table.
 */
import { FORM_KINDS, type FormKind, VerificationCode, type Certificate, type LetterStats } from '../../../../contracts/documents';
import type { Dossier } from '../../../../contracts/dossiers';
import { printableForms, type PrintForm } from '../dossiers/dossier-text';

export const VERIFY_PATH = '/verify';
export const CERTIFICATES_PATH = '/staff/certificates';
export const LETTERS_PATH = '/staff/letters';

/**
 * A verification code as typed (any case, spaces or dashes, O for 0, I or L
 * for 1) as its 12 characters, or null when it is not one.
 */
export function normaliseVerificationCode(input: string): string | null {
  const parsed = VerificationCode.safeParse(input);
  return parsed.success ? parsed.data : null;
}

/** `7K2M9QXA4TBD` → `7K2M-9QXA-4TBD`, as printed; anything that is not a code is returned trimmed. */
export function formatVerificationCode(input: string): string {
  const code = normaliseVerificationCode(input);
  if (code === null) return input.trim();
  return [code.slice(0, 4), code.slice(4, 8), code.slice(8)].join('-');
}

/** The public page of a verification code. */
export function verifyPagePath(code: string): string {
  return `${VERIFY_PATH}/${encodeURIComponent(formatVerificationCode(code))}`;
}

/** The HTML print forms of the dossier screens and the PDF forms of the server are the same six. */
const FORM_OF_PRINT: Record<PrintForm, FormKind> = {
  receipt: 'receipt',
  supplement: 'supplement_request',
  refusal: 'refusal',
  apology: 'apology',
  stop: 'stop_notice',
  control: 'control_slip',
};

/**
 * The forms split into those that say something about the dossier now and
 * the others (which the server may still refuse with FORM_NOT_AVAILABLE, or
 * render: it decides), each in FORM_KINDS order.
 */
export function formsByApplicability(dossier: Pick<Dossier, 'status' | 'outcome' | 'supplement' | 'extension'>): {
  applicable: FormKind[];
  other: FormKind[];
} {
  const applies = new Set(printableForms(dossier).map((form) => FORM_OF_PRINT[form]));
  return { applicable: FORM_KINDS.filter((f) => applies.has(f)), other: FORM_KINDS.filter((f) => !applies.has(f)) };
}

/** The name a downloaded form is saved under when the server does not name it. */
export function formFileName(dossierCode: string, form: FormKind, lang: string): string {
  return `${dossierCode.replace(/[^\w.-]+/g, '_')}-${form}-${lang}.pdf`;
}

/** Bytes as base64 (in chunks: a spread of a large array would overflow the call stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** A file chosen in the browser, read as base64 (a certificate sent in a JSON body). */
export async function fileToBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** The largest PKCS#12 file: CertificateUpload takes at most 200 000 characters of base64. */
export const CERTIFICATE_MAX_BYTES = 150_000;
/** The largest PDF the verification takes (the server's upload limit, 10 MiB). */
export const VERIFY_MAX_BYTES = 10 * 1024 * 1024;

export type FileProblem = 'required' | 'type' | 'tooLarge';

/** Why a chosen file cannot be sent, or null: by its name's extension (or type) and size. */
export function fileProblem(
  file: { name: string; size: number; type: string } | null,
  accept: { extensions: readonly string[]; types: readonly string[]; maxBytes: number },
): FileProblem | null {
  if (file === null) return 'required';
  const name = file.name.toLowerCase();
  const typeOk = accept.extensions.some((ext) => name.endsWith(ext)) || (file.type !== '' && accept.types.includes(file.type));
  if (!typeOk) return 'type';
  if (file.size === 0 || file.size > accept.maxBytes) return 'tooLarge';
  return null;
}

export const PDF_ACCEPT = { extensions: ['.pdf'], types: ['application/pdf'], maxBytes: VERIFY_MAX_BYTES } as const;
export const P12_ACCEPT = {
  extensions: ['.p12', '.pfx'],
  types: ['application/x-pkcs12', 'application/pkcs12'],
  maxBytes: CERTIFICATE_MAX_BYTES,
} as const;

/** How a certificate stands at `now`: in use, retired (replaced), or in use but expired / not yet valid. */
export type CertificateState = 'active' | 'retired' | 'expired' | 'notYetValid';

export function certificateState(cert: Pick<Certificate, 'active' | 'retiredAt' | 'notBefore' | 'notAfter'>, now: Date): CertificateState {
  if (!cert.active || cert.retiredAt !== null) return 'retired';
  if (new Date(cert.notAfter).getTime() < now.getTime()) return 'expired';
  if (new Date(cert.notBefore).getTime() > now.getTime()) return 'notYetValid';
  return 'active';
}

/** A long hex digest in groups of four, so that people can compare it by eye (and lines can break). */
export function groupHex(hex: string, size = 4): string {
  const clean = hex.replace(/[^0-9a-f]/gi, '').toUpperCase();
  const groups: string[] = [];
  for (let i = 0; i < clean.length; i += size) groups.push(clean.slice(i, i + size));
  return groups.join(' ');
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** YYYY-MM of an instant in Vietnam time. */
export function vnMonth(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit' }).formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}`;
}

/** `month` moved by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const match = MONTH.exec(month);
  if (!match) return month;
  const index = Number(match[1]) * 12 + (Number(match[2]) - 1) + delta;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The twelve months up to the current one (Vietnam time). */
export function defaultMonthRange(now: Date): { from: string; to: string } {
  const to = vnMonth(now);
  return { from: addMonths(to, -11), to };
}

export type MonthRangeProblem = 'fromInvalid' | 'toInvalid' | 'order';

/** What is wrong with a month range as typed, or null. */
export function monthRangeProblem(from: string, to: string): MonthRangeProblem | null {
  if (!isMonth(from)) return 'fromInvalid';
  if (!isMonth(to)) return 'toInvalid';
  return from > to ? 'order' : null;
}

/** `2025-03` as "03/2025": how months are written in Vietnamese administrative documents (and read in English). */
export function formatMonth(month: string): string {
  const match = MONTH.exec(month);
  return match ? `${match[2] ?? ''}/${match[1] ?? ''}` : month;
}

type LetterItem = LetterStats['items'][number];

export interface LetterRow extends LetterItem {
  total: number;
}

/** The letters table: by unit (by code), then month, with a total per row and for all rows. */
export function letterTable(items: readonly LetterItem[]): { rows: LetterRow[]; totals: { congratulation: number; condolence: number; total: number } } {
  const rows = [...items]
    .sort((a, b) => a.unit.code.localeCompare(b.unit.code, 'vi', { numeric: true }) || a.month.localeCompare(b.month))
    .map((item) => ({ ...item, total: item.congratulation + item.condolence }));
  const totals = rows.reduce(
    (sum, row) => ({
      congratulation: sum.congratulation + row.congratulation,
      condolence: sum.condolence + row.condolence,
      total: sum.total + row.total,
    }),
    { congratulation: 0, condolence: 0, total: 0 },
  );
  return { rows, totals };
}
