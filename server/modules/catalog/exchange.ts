/**
 * The catalog's exchange formats, pure: JSON (the same document as the starter
 * catalog: `{fields?, procedures}` or a bare array of procedures) and CSV, one
 * procedure per row. CSV flattens what is nested: `unitCodes` separated by
 * `;`, the settlement time in three columns, and `fees`, `documents`,
 * `stepPlan` as JSON in their cells — lossless, so an export imports back
 * unchanged. Rows are numbered as people see them: JSON from 1, CSV from 2
 * (line 1 is the header).
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { ProcedureInput, type Procedure } from '../../../contracts/catalog.js';

export const CSV_COLUMNS = [
  'code',
  'name',
  'nameEn',
  'field',
  'level',
  'unitCodes',
  'applicantType',
  'settlementKind',
  'settlementAmount',
  'sameDayCutoff',
  'fees',
  'feeNote',
  'documents',
  'resultType',
  'onlineLevel',
  'legalBasis',
  'courtesyLetter',
  'homeServiceEligible',
  'supplementDays',
  'stepPlan',
  'active',
] as const;

export type Problem = { path: string; message: string };
export type RawRow = { row: number; code: string | null; value: unknown; problems: Problem[] };
export type ValidRow = { row: number; input: ProcedureInput };
export type RowError = { row: number; code: string | null; problems: Problem[] };

export const FieldInput = z.strictObject({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,47}$/),
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().max(200).nullable().optional(),
});
export type FieldInput = z.infer<typeof FieldInput>;

const codeOf = (value: unknown): string | null =>
  value && typeof value === 'object' && 'code' in value && typeof value.code === 'string' ? value.code : null;

/** A file that cannot be read at all (not JSON, not CSV with our header) is one error on row 0. */
export class UnreadableFile extends Error {
  constructor(readonly problems: Problem[]) {
    super('unreadable catalog file');
  }
}

export function readJson(text: string): { fields: FieldInput[]; rows: RawRow[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UnreadableFile([{ path: '', message: `not JSON: ${(err as Error).message}` }]);
  }
  const list = Array.isArray(doc) ? doc : doc && typeof doc === 'object' && 'procedures' in doc ? doc.procedures : undefined;
  if (!Array.isArray(list)) throw new UnreadableFile([{ path: 'procedures', message: 'expected an array of procedures, or {"procedures": [...]}' }]);
  const rawFields = !Array.isArray(doc) && doc && typeof doc === 'object' && 'fields' in doc ? doc.fields : [];
  const fields = z.array(FieldInput).safeParse(rawFields ?? []);
  if (!fields.success) throw new UnreadableFile(fields.error.issues.map((i) => ({ path: ['fields', ...i.path].join('.'), message: i.message })));
  return { fields: fields.data, rows: list.map((value, i) => ({ row: i + 1, code: codeOf(value), value, problems: [] })) };
}

function jsonCell(value: string, column: string, problems: Problem[]): unknown {
  if (value.trim() === '') return [];
  try {
    return JSON.parse(value);
  } catch {
    problems.push({ path: column, message: 'not valid JSON' });
    return undefined;
  }
}

function boolCell(value: string, column: string, problems: Problem[], fallback: boolean): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === '') return fallback;
  if (['true', '1', 'yes', 'có'].includes(v)) return true;
  if (['false', '0', 'no', 'không'].includes(v)) return false;
  problems.push({ path: column, message: 'expected true or false' });
  return undefined;
}

const orNull = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v);

export function readCsv(text: string): { fields: FieldInput[]; rows: RawRow[] } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (err) {
    throw new UnreadableFile([{ path: '', message: `not CSV: ${(err as Error).message}` }]);
  }
  const [header, ...body] = records;
  const missing = CSV_COLUMNS.filter((c) => !header?.includes(c));
  if (!header || missing.length > 0) throw new UnreadableFile([{ path: 'header', message: `missing columns: ${missing.join(', ')}` }]);
  const unknown = header.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) throw new UnreadableFile([{ path: 'header', message: `unknown columns: ${unknown.join(', ')}` }]);
  const rows = body.map((cells, i): RawRow => {
    const cell = (c: (typeof CSV_COLUMNS)[number]): string => cells[header.indexOf(c)] ?? '';
    const problems: Problem[] = [];
    const kind = cell('settlementKind').trim();
    const amount = cell('settlementAmount').trim();
    const settlement =
      kind === 'same_day'
        ? { kind, cutoff: orNull(cell('sameDayCutoff').trim()) }
        : { kind, amount: amount === '' || Number.isNaN(Number(amount)) ? amount : Number(amount) };
    const value = {
      code: cell('code'),
      name: cell('name'),
      nameEn: orNull(cell('nameEn')),
      field: cell('field'),
      level: cell('level'),
      unitCodes: cell('unitCodes')
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
      applicantType: cell('applicantType'),
      settlement,
      fees: jsonCell(cell('fees'), 'fees', problems),
      feeNote: orNull(cell('feeNote')),
      documents: jsonCell(cell('documents'), 'documents', problems),
      resultType: orNull(cell('resultType')),
      onlineLevel: cell('onlineLevel'),
      legalBasis: orNull(cell('legalBasis')),
      courtesyLetter: cell('courtesyLetter') || 'none',
      homeServiceEligible: boolCell(cell('homeServiceEligible'), 'homeServiceEligible', problems, false),
      supplementDays: cell('supplementDays') ? Number(cell('supplementDays')) : 15,
      stepPlan: jsonCell(cell('stepPlan'), 'stepPlan', problems),
      active: boolCell(cell('active'), 'active', problems, true),
    };
    return { row: i + 2, code: value.code || null, value, problems };
  });
  return { fields: [], rows };
}

/** Validates every row against the contract and against the others (one row per code). */
export function validateRows(rows: RawRow[]): { valid: ValidRow[]; errors: RowError[] } {
  const valid: ValidRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const problems = [...r.problems];
    const parsed = ProcedureInput.safeParse(r.value);
    if (!parsed.success) for (const i of parsed.error.issues) problems.push({ path: i.path.join('.'), message: i.message });
    const code = parsed.success ? parsed.data.code : r.code;
    if (code !== null) {
      const first = seen.get(code);
      if (first !== undefined) problems.push({ path: 'code', message: `the same code is on row ${first}` });
      else seen.set(code, r.row);
    }
    if (problems.length > 0 || !parsed.success) errors.push({ row: r.row, code, problems });
    else valid.push({ row: r.row, input: parsed.data });
  }
  return { valid, errors };
}

/** The writable part of a procedure, in the input shape (what export writes, what import compares). */
export function toInput(p: Procedure): ProcedureInput {
  return {
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    field: p.field,
    level: p.level,
    unitCodes: [...p.unitCodes].sort(),
    applicantType: p.applicantType,
    settlement: p.settlement,
    fees: p.fees,
    feeNote: p.feeNote,
    documents: p.documents,
    resultType: p.resultType,
    onlineLevel: p.onlineLevel,
    legalBasis: p.legalBasis,
    courtesyLetter: p.courtesyLetter,
    homeServiceEligible: p.homeServiceEligible,
    supplementDays: p.supplementDays,
    stepPlan: p.stepPlan,
    active: p.active,
  };
}

export function writeCsv(items: ProcedureInput[]): string {
  const rows = items.map((p) => [
    p.code,
    p.name,
    p.nameEn ?? '',
    p.field,
    p.level,
    p.unitCodes.join(';'),
    p.applicantType,
    p.settlement.kind,
    p.settlement.kind === 'same_day' ? '' : String(p.settlement.amount),
    p.settlement.kind === 'same_day' ? (p.settlement.cutoff ?? '') : '',
    JSON.stringify(p.fees),
    p.feeNote ?? '',
    JSON.stringify(p.documents),
    p.resultType ?? '',
    p.onlineLevel,
    p.legalBasis ?? '',
    p.courtesyLetter,
    String(p.homeServiceEligible),
    String(p.supplementDays),
    JSON.stringify(p.stepPlan),
    String(p.active),
  ]);
  // A byte-order mark so that spreadsheet programs read the Vietnamese text as UTF-8.
  return '\uFEFF' + stringify([[...CSV_COLUMNS], ...rows]);
}
