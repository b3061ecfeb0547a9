/**
 * Historical import of dossiers from a previous system (issue 7): the row
 * format (JSON or CSV, header = these field names), the answers and the
 * per-row problems. Shared by the server (validation, OpenAPI) and the web
 * client. Change by adding.
 */
import { z } from 'zod';
import { CHANNELS } from './dossiers.js';
import { SCORES } from './feedback.js';

/**
 * The previous system's end states, as the file gives them, and what each
 * becomes here: `pending` still open there (processing, no step, nobody's
 * task); `returned` result handed over (approved); `refused` a refusal to
 * settle (rejected, returned); `stopped` stopped by the authority; `withdrawn`
 * stopped at the applicant's request.
 */
export const IMPORT_STATUSES = ['pending', 'returned', 'refused', 'stopped', 'withdrawn'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** The fields of a row: the JSON keys and the CSV header names. `dueAt`, `finishedAt` and `rating` may be absent. */
export const IMPORT_FIELDS = ['code', 'procedureCode', 'unitCode', 'receivedAt', 'dueAt', 'finishedAt', 'status', 'channel', 'rating'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const IMPORT_REQUIRED_FIELDS: readonly ImportField[] = ['code', 'procedureCode', 'unitCode', 'receivedAt', 'status', 'channel'];

export const IMPORT_LIMITS = {
  /** Rows in one import. */
  rows: 50_000,
  /** Request body (JSON or CSV), bytes. */
  bodyBytes: 25 * 1024 * 1024,
  /** Problems listed in a 422 answer (the total is always given). */
  problemsShown: 1000,
} as const;

/** What can be wrong with a row (the `code` of a problem; the message is localised). */
export const IMPORT_PROBLEMS = [
  'IMPORT_FILE_UNREADABLE',
  'IMPORT_FILE_EMPTY',
  'IMPORT_TOO_MANY_ROWS',
  'IMPORT_REQUIRED',
  'IMPORT_FIELD_UNKNOWN',
  'IMPORT_ROW_NOT_OBJECT',
  'IMPORT_CODE_INVALID',
  'IMPORT_CODE_DUPLICATE',
  'IMPORT_CODE_NATIVE',
  'IMPORT_PROCEDURE_UNKNOWN',
  'IMPORT_UNIT_UNKNOWN',
  'IMPORT_DATE_INVALID',
  'IMPORT_DATE_IN_FUTURE',
  'IMPORT_DUE_BEFORE_RECEIVED',
  'IMPORT_FINISHED_BEFORE_RECEIVED',
  'IMPORT_FINISHED_REQUIRED',
  'IMPORT_FINISHED_NOT_ALLOWED',
  'IMPORT_STATUS_INVALID',
  'IMPORT_CHANNEL_INVALID',
  'IMPORT_RATING_INVALID',
  'IMPORT_RATING_NOT_RETURNED',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEMS)[number];

/** One problem: the row as numbered in the file (data rows from 1; 0 = the file itself), the field, a code, a localised message. */
export const ImportProblem = z.object({ row: z.number().int(), field: z.string().nullable(), code: z.enum(IMPORT_PROBLEMS), message: z.string() });
export type ImportProblem = z.infer<typeof ImportProblem>;

/** A row as sent: values are checked one by one on the server, so that every problem is reported with its row. */
export const ImportRowInput = z
  .looseObject({
    code: z.string(),
    procedureCode: z.string(),
    unitCode: z.string(),
    receivedAt: z.string().describe('YYYY-MM-DD (a Vietnam local date) or an ISO date-time (no offset: Vietnam time)'),
    dueAt: z.string().nullable().optional(),
    finishedAt: z.string().nullable().optional().describe('result ready (returned, refused) or closed (stopped, withdrawn); required for those'),
    status: z.enum(IMPORT_STATUSES),
    channel: z.enum(CHANNELS),
    rating: z.enum(SCORES).nullable().optional(),
  })
  .describe('One dossier of the previous system');

const sourceSystem = z.string().trim().min(1).max(100);
const fileName = z.string().trim().min(1).max(200);

/** POST /api/v1/dossier-imports with a JSON body. `rows` is checked row by row (not rejected as a whole). */
export const DossierImportInput = z.strictObject({
  sourceSystem,
  fileName: fileName.optional(),
  rows: z.array(z.unknown()).max(IMPORT_LIMITS.rows).describe('ImportRowInput objects'),
});
export type DossierImportInput = z.infer<typeof DossierImportInput>;

export const DossierImportQuery = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false'),
  /** With a text/csv body: the previous system's name (required) and the file's name. */
  sourceSystem: sourceSystem.optional(),
  fileName: fileName.optional(),
});

export const DossierImportResult = z.object({
  /** null for a dry run (nothing written). */
  importId: z.uuid().nullable(),
  dryRun: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type DossierImportResult = z.infer<typeof DossierImportResult>;

export const DossierImportSummary = z.object({
  id: z.uuid(),
  sourceSystem: z.string(),
  fileName: z.string().nullable(),
  format: z.enum(['json', 'csv']),
  sha256: z.string(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  importedBy: z.string().describe('full name of the administrator'),
  importedAt: z.string(),
});
export type DossierImportSummary = z.infer<typeof DossierImportSummary>;

export const DossierImportListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const DossierImportList = z.object({ total: z.number().int(), page: z.number().int(), items: z.array(DossierImportSummary) });
export type DossierImportList = z.infer<typeof DossierImportList>;
