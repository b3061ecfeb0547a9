/**
 * The historical import's rows, pure: reading a JSON or CSV file into raw
 * rows, checking each row on its own (formats, dates, the status vocabulary,
 * what each status needs) and against the others (one row per code), and
 * mapping a checked row to the columns of an imported dossier. What needs the
 * database (procedure and unit codes, codes of dossiers made here) is checked
 * by import.ts.
 *
 * Decisions:
 * - Rows are numbered as people count data rows: the first data row is 1 in
 *   both formats (the CSV header is not a row). Row 0 is the file itself.
 * - Codes are compared and stored upper-case (as the lookup and the search
 *   read them), at most 40 characters of letters, digits, `.`, `_` and `-`.
 * - A bare date is a Vietnam local date (Vietnam has one time zone, UTC+7, no
 *   daylight saving): `receivedAt`/`finishedAt` its first moment, `dueAt` its
 *   last (a result ready that day is on time). A date-time without an offset is
 *   Vietnam time.
 * - `finishedAt` is when the result (or the refusal) was ready for `returned`
 *   and `refused`, and when the dossier was closed for `stopped` and
 *   `withdrawn`; all four need it, `pending` must not have it. Nothing may be
 *   received or finished after now; a due date may be later (pending).
 * - A rating is only for a dossier whose result went out (`returned`,
 *   `refused`), as for ratings given here.
 */
import { parse } from 'csv-parse/sync';
import { CHANNELS, type Channel } from '../../../contracts/dossiers.js';
import {
  IMPORT_FIELDS,
  IMPORT_LIMITS,
  IMPORT_REQUIRED_FIELDS,
  IMPORT_STATUSES,
  type ImportField,
  type ImportProblemCode,
  type ImportStatus,
} from '../../../contracts/dossier-import.js';
import { SCORES, type Score } from '../../../contracts/feedback.js';

export type RowProblem = { row: number; field: ImportField | null; code: ImportProblemCode };
export type RawRow = { row: number; value: unknown };

export type CheckedRow = {
  row: number;
  code: string;
  procedureCode: string;
  unitCode: string;
  receivedAt: Date;
  dueAt: Date | null;
  finishedAt: Date | null;
  status: ImportStatus;
  channel: Channel;
  rating: Score | null;
};

/** A file that cannot be read as rows at all. */
export class UnreadableImport extends Error {
  constructor(readonly problem: RowProblem) {
    super(problem.code);
  }
}

const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const CODE = /^[A-Z0-9][A-Z0-9._-]{0,39}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// In parts (day and time, then zone, fraction and seconds from the end), each without nested quantifiers.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(.*)$/;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/;
const FRACTION = /\.(\d{1,3})$/;
const SECONDS = /^:(\d{2})$/;

// ---------------------------------------------------------------- reading

export function readJsonRows(rows: readonly unknown[]): RawRow[] {
  if (rows.length === 0) throw new UnreadableImport({ row: 0, field: null, code: 'IMPORT_FILE_EMPTY' });
  return rows.map((value, i) => ({ row: i + 1, value }));
}

export function readCsvRows(text: string): RawRow[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch {
    throw new UnreadableImport({ row: 0, field: null, code: 'IMPORT_FILE_UNREADABLE' });
  }
  const [header, ...body] = records;
  const names = (header ?? []).map((h) => h.trim());
  const known = IMPORT_FIELDS as readonly string[];
  const unknown = names.find((n) => !known.includes(n));
  if (unknown !== undefined) throw new UnreadableImport({ row: 0, field: null, code: 'IMPORT_FIELD_UNKNOWN' });
  const missing = IMPORT_REQUIRED_FIELDS.find((f) => !names.includes(f));
  if (missing) throw new UnreadableImport({ row: 0, field: missing, code: 'IMPORT_REQUIRED' });
  if (body.length === 0) throw new UnreadableImport({ row: 0, field: null, code: 'IMPORT_FILE_EMPTY' });
  if (body.length > IMPORT_LIMITS.rows) throw new UnreadableImport({ row: 0, field: null, code: 'IMPORT_TOO_MANY_ROWS' });
  return body.map((cells, i) => ({ row: i + 1, value: Object.fromEntries(names.map((n, c) => [n, cells[c] ?? ''])) }));
}

// ---------------------------------------------------------------- dates

/** The instant of a date or date-time as written in a file, or null when it is not one. */
export function parseInstant(text: string, bareDate: 'start' | 'end'): Date | null {
  const d = DATE.exec(text);
  if (d) {
    const utc = validUtc(Number(d[1]), Number(d[2]), Number(d[3]), 0, 0, 0, 0);
    if (utc === null) return null;
    return new Date(utc - VN_OFFSET_MS + (bareDate === 'end' ? DAY_MS - 1 : 0));
  }
  const t = DATE_TIME.exec(text);
  if (!t) return null;
  const [, y, mo, da, h, mi] = t;
  let rest = t[6] ?? '';
  const zone = ZONE.exec(rest)?.[1];
  if (zone !== undefined) rest = rest.slice(0, -zone.length);
  const ms = FRACTION.exec(rest)?.[1];
  if (ms !== undefined) rest = rest.slice(0, -(ms.length + 1));
  const s = rest === '' ? undefined : SECONDS.exec(rest)?.[1];
  if ((rest !== '' && s === undefined) || (ms !== undefined && s === undefined)) return null;
  const utc = validUtc(Number(y), Number(mo), Number(da), Number(h), Number(mi), Number(s ?? 0), Number((ms ?? '0').padEnd(3, '0')));
  if (utc === null) return null;
  return new Date(utc - zoneOffsetMs(zone));
}

function validUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  if (h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return utc;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined) return VN_OFFSET_MS;
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 3_600_000 + Number(digits.slice(2)) * 60_000);
}

// ---------------------------------------------------------------- checking

/** A cell as text: trimmed, null when empty or absent; numbers are written out; anything else is `invalid`. */
function cellOf(value: unknown): string | null | 'invalid' {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return 'invalid';
  const t = value.trim();
  return t === '' ? null : t;
}

const INVALID: Record<ImportField, ImportProblemCode> = {
  code: 'IMPORT_CODE_INVALID',
  procedureCode: 'IMPORT_PROCEDURE_UNKNOWN',
  unitCode: 'IMPORT_UNIT_UNKNOWN',
  receivedAt: 'IMPORT_DATE_INVALID',
  dueAt: 'IMPORT_DATE_INVALID',
  finishedAt: 'IMPORT_DATE_INVALID',
  status: 'IMPORT_STATUS_INVALID',
  channel: 'IMPORT_CHANNEL_INVALID',
  rating: 'IMPORT_RATING_INVALID',
};

/** One row on its own: the checked row, or its problems (every one, not the first). */
export function checkRow(raw: RawRow, now: Date): { row: CheckedRow | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const add = (field: ImportField | null, code: ImportProblemCode) => problems.push({ row: raw.row, field, code });
  if (raw.value === null || typeof raw.value !== 'object' || Array.isArray(raw.value)) {
    add(null, 'IMPORT_ROW_NOT_OBJECT');
    return { row: null, problems };
  }
  const obj = raw.value as Record<string, unknown>;
  for (const key of Object.keys(obj)) if (!(IMPORT_FIELDS as readonly string[]).includes(key)) add(null, 'IMPORT_FIELD_UNKNOWN');
  const cell = (field: ImportField): string | null => {
    const v = cellOf(obj[field]);
    if (v === 'invalid') {
      add(field, INVALID[field]);
      return null;
    }
    if (v === null && IMPORT_REQUIRED_FIELDS.includes(field)) add(field, 'IMPORT_REQUIRED');
    return v;
  };
  const date = (field: ImportField, bare: 'start' | 'end'): Date | null => {
    const text = cell(field);
    if (text === null) return null;
    const at = parseInstant(text, bare);
    if (!at) add(field, 'IMPORT_DATE_INVALID');
    return at;
  };
  const oneOf = <T extends string>(field: ImportField, allowed: readonly T[]): T | null => {
    const text = cell(field);
    if (text === null) return null;
    const v = text.toLowerCase();
    if ((allowed as readonly string[]).includes(v)) return v as T;
    add(field, INVALID[field]);
    return null;
  };

  const codeText = cell('code');
  const code = codeText?.toUpperCase() ?? null;
  if (code !== null && !CODE.test(code)) add('code', 'IMPORT_CODE_INVALID');
  const procedureCode = cell('procedureCode');
  if (procedureCode !== null && procedureCode.length > 40) add('procedureCode', 'IMPORT_PROCEDURE_UNKNOWN');
  const unitCode = cell('unitCode');
  if (unitCode !== null && unitCode.length > 32) add('unitCode', 'IMPORT_UNIT_UNKNOWN');
  const receivedAt = date('receivedAt', 'start');
  const dueAt = date('dueAt', 'end');
  const finishedAt = date('finishedAt', 'start');
  const status = oneOf('status', IMPORT_STATUSES);
  const channel = oneOf('channel', CHANNELS);
  const rating = oneOf('rating', SCORES);

  if (receivedAt && receivedAt > now) add('receivedAt', 'IMPORT_DATE_IN_FUTURE');
  if (finishedAt && finishedAt > now) add('finishedAt', 'IMPORT_DATE_IN_FUTURE');
  if (receivedAt && dueAt && dueAt < receivedAt) add('dueAt', 'IMPORT_DUE_BEFORE_RECEIVED');
  if (receivedAt && finishedAt && finishedAt < receivedAt) add('finishedAt', 'IMPORT_FINISHED_BEFORE_RECEIVED');
  // Not said again when the date is there but unreadable.
  if (status && status !== 'pending' && !finishedAt && !problems.some((p) => p.field === 'finishedAt')) add('finishedAt', 'IMPORT_FINISHED_REQUIRED');
  if (status === 'pending' && finishedAt) add('finishedAt', 'IMPORT_FINISHED_NOT_ALLOWED');
  if (rating && status && status !== 'returned' && status !== 'refused') add('rating', 'IMPORT_RATING_NOT_RETURNED');

  if (problems.length > 0 || !code || !procedureCode || !unitCode || !receivedAt || !status || !channel) return { row: null, problems };
  return { row: { row: raw.row, code, procedureCode, unitCode, receivedAt, dueAt, finishedAt, status, channel, rating }, problems };
}

/** Every row on its own, then one row per code (the later ones are the duplicates). */
export function checkRows(rows: readonly RawRow[], now: Date): { rows: CheckedRow[]; problems: RowProblem[] } {
  const checked: CheckedRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  for (const raw of rows) {
    const r = checkRow(raw, now);
    problems.push(...r.problems);
    if (!r.row) continue;
    if (seen.has(r.row.code)) {
      problems.push({ row: raw.row, field: 'code', code: 'IMPORT_CODE_DUPLICATE' });
      continue;
    }
    seen.add(r.row.code);
    checked.push(r.row);
  }
  return { rows: checked, problems };
}

// ---------------------------------------------------------------- mapping

/** What a row says, as one comparable string: an already imported dossier whose fingerprint is the same is unchanged. */
export function fingerprint(r: Pick<CheckedRow, 'procedureCode' | 'unitCode' | 'receivedAt' | 'dueAt' | 'finishedAt' | 'status' | 'channel' | 'rating'>): string {
  return JSON.stringify([r.procedureCode, r.unitCode, r.receivedAt.toISOString(), r.dueAt?.toISOString() ?? null, r.finishedAt?.toISOString() ?? null, r.status, r.channel, r.rating]);
}

export type ImportedColumns = {
  status: 'processing' | 'returned' | 'stopped';
  outcome: 'approved' | 'rejected' | null;
  withdrawn: boolean;
  /** Result (or refusal) ready, decided, handed over: the same moment, the only one the file gives. */
  finishedAt: Date | null;
  closedAt: Date | null;
};

/** The status vocabulary mapped to ours (contracts/dossier-import.ts IMPORT_STATUSES). */
export function columnsOf(r: Pick<CheckedRow, 'status' | 'finishedAt'>): ImportedColumns {
  switch (r.status) {
    case 'pending':
      return { status: 'processing', outcome: null, withdrawn: false, finishedAt: null, closedAt: null };
    case 'returned':
      return { status: 'returned', outcome: 'approved', withdrawn: false, finishedAt: r.finishedAt, closedAt: null };
    case 'refused':
      return { status: 'returned', outcome: 'rejected', withdrawn: false, finishedAt: r.finishedAt, closedAt: null };
    case 'stopped':
      return { status: 'stopped', outcome: null, withdrawn: false, finishedAt: null, closedAt: r.finishedAt };
    case 'withdrawn':
      return { status: 'stopped', outcome: null, withdrawn: true, finishedAt: null, closedAt: r.finishedAt };
  }
}

/** The file's status back from the columns (for comparing an imported dossier with a new row). */
export function importStatusOf(c: { status: string; outcome: string | null; withdrawn: boolean }): ImportStatus {
  if (c.status === 'returned') return c.outcome === 'rejected' ? 'refused' : 'returned';
  if (c.status === 'stopped') return c.withdrawn ? 'withdrawn' : 'stopped';
  return 'pending';
}
