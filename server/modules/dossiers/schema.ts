import { sql, type SQL } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { STEPS } from '../../../contracts/catalog.js';
import { CHANNELS, OUTCOMES, RETURN_METHODS, STATUSES, TIMELINESS, type Applicant, type Priority } from '../../../contracts/dossiers.js';
import { citizens } from '../auth/schema.js';
import { procedures } from '../catalog/schema.js';
import { counters, staff, staffRole, units } from '../org/schema.js';
import { bytea } from '../../db/columns.js';

export const dossierStatus = pgEnum('dossier_status', STATUSES);
export const dossierStep = pgEnum('dossier_step', STEPS);
export const dossierChannel = pgEnum('dossier_channel', CHANNELS);
export const dossierOutcome = pgEnum('dossier_outcome', OUTCOMES);
export const dossierTimeliness = pgEnum('dossier_timeliness', TIMELINESS);
export const returnMethod = pgEnum('return_method', RETURN_METHODS);

/** `digitised`: scanned, linked to the dossier and reusable (feeds the service index's digitisation rate). */
export type DocumentLine = { index: number; received: boolean; form: string; count: number; digitised?: boolean };
export type StepDueRow = { step: (typeof STEPS)[number]; dueAt: string };
export type PaymentItem = { label: string; amountVnd: number };

/**
 * A dossier (hồ sơ). `scope_units` is the union of the ancestor chains of every
 * unit taking part (receiving, settling, consulted, transferred to), so "the
 * dossiers an officer may see" is one GIN-indexed overlap with their scope
 * roots, as for units. The applicant is JSON (validated by the contract);
 * `applicant_name` / `applicant_id_number` are copies for search, and
 * `search_name` the diacritic-free name the trigram index searches.
 */
export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    code: text('code').notNull(),
    secretHash: text('secret_hash').notNull(),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id),
    receivingUnitId: uuid('receiving_unit_id')
      .notNull()
      .references(() => units.id),
    settlingUnitId: uuid('settling_unit_id')
      .notNull()
      .references(() => units.id),
    scopeUnits: uuid('scope_units').array().notNull(),
    counterId: uuid('counter_id').references(() => counters.id),
    channel: dossierChannel('channel').notNull(),
    status: dossierStatus('status').notNull(),
    step: dossierStep('step'),
    outcome: dossierOutcome('outcome'),
    applicant: jsonb('applicant').$type<Applicant>().notNull(),
    applicantName: text('applicant_name').notNull(),
    applicantIdNumber: text('applicant_id_number'),
    searchName: text('search_name').generatedAlwaysAs((): SQL => sql`motcua_unaccent(lower(applicant_name))`),
    priority: text('priority').array().$type<Priority[]>().notNull().default(sql`'{}'`),
    documents: jsonb('documents').$type<DocumentLine[]>().notNull(),
    missing: text('missing').array().notNull().default(sql`'{}'`),
    sets: integer('sets').notNull().default(1),
    reason: text('reason'),
    note: text('note'),
    assigneeUnitId: uuid('assignee_unit_id').references(() => units.id),
    assigneeRole: staffRole('assignee_role'),
    assigneeStaffId: uuid('assignee_staff_id').references(() => staff.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** Online dossiers: accept or send back before this (8 working hours). */
    acceptDueAt: timestamp('accept_due_at', { withTimezone: true }),
    /** When the settlement time started (again, after supplementation). */
    clockStartedAt: timestamp('clock_started_at', { withTimezone: true }),
    /** While the clock is stopped (supplementation, payment): since when. */
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    originalDueAt: timestamp('original_due_at', { withTimezone: true }),
    stepDues: jsonb('step_dues').$type<StepDueRow[]>().notNull().default(sql`'[]'::jsonb`),
    stepDueAt: timestamp('step_due_at', { withTimezone: true }),
    overdueAt: timestamp('overdue_at', { withTimezone: true }),
    supplementRequests: integer('supplement_requests').notNull().default(0),
    supplementRequestedAt: timestamp('supplement_requested_at', { withTimezone: true }),
    supplementDeadline: timestamp('supplement_deadline', { withTimezone: true }),
    supplementMissing: text('supplement_missing').array(),
    supplementReceivedAt: timestamp('supplement_received_at', { withTimezone: true }),
    extendedAt: timestamp('extended_at', { withTimezone: true }),
    extensionReason: text('extension_reason'),
    paymentItems: jsonb('payment_items').$type<PaymentItem[]>(),
    paymentRequestedAt: timestamp('payment_requested_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    receiptNumber: text('receipt_number'),
    openConsultations: integer('open_consultations').notNull().default(0),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    /** When the result (or the refusal) was ready: the moment timeliness is judged. */
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    timeliness: dossierTimeliness('timeliness'),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnMethod: returnMethod('return_method'),
    returnedTo: text('returned_to'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Stopped at the applicant's own request (the `withdraw` action), not by the authority (`stop`). */
    withdrawn: boolean('withdrawn').notNull().default(false),
    /**
     * Trips the applicant made to the desk for this dossier: the intake at the
     * counter, a supplement handed in there, the result collected there (the
     * "number of trips" the reports average; online steps make none).
     */
    visits: integer('visits').notNull().default(0),
    /** Set on dossiers imported from a previous system (historical import): they are read-only. */
    importId: uuid('import_id').references((): AnyPgColumn => dossierImports.id),
    createdBy: uuid('created_by').references(() => staff.id),
    /** The citizen account that applied online (portal); null for desk, post and national-portal dossiers. */
    citizenId: uuid('citizen_id').references(() => citizens.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dossiers_code_key').on(t.code),
    index('dossiers_scope_idx').using('gin', t.scopeUnits),
    index('dossiers_assignee_idx').on(t.assigneeUnitId, t.status, t.stepDueAt),
    // The inbox page (a unit's open dossiers by step due date): read in order, LIMIT stops early.
    // Migration 0004 adds INCLUDE (scope_units) by hand, so the page's count is an index-only scan.
    index('dossiers_open_assignee_due_idx')
      .on(t.assigneeUnitId, t.stepDueAt, t.receivedAt)
      .where(sql`status IN ('pending_acceptance', 'processing', 'supplement_requested', 'payment_requested')`),
    index('dossiers_assignee_staff_idx').on(t.assigneeStaffId, t.status),
    index('dossiers_settling_idx').on(t.settlingUnitId, t.status, t.dueAt),
    index('dossiers_receiving_idx').on(t.receivingUnitId, t.receivedAt),
    index('dossiers_open_due_idx').on(t.dueAt).where(sql`status IN ('processing', 'payment_requested')`),
    index('dossiers_supplement_idx').on(t.supplementDeadline).where(sql`status = 'supplement_requested'`),
    index('dossiers_id_number_idx').on(t.applicantIdNumber),
    index('dossiers_search_trgm_idx').using('gin', sql`${t.searchName} gin_trgm_ops`),
    index('dossiers_procedure_idx').on(t.procedureId),
    // "My dossiers": a citizen's own, newest first.
    index('dossiers_citizen_idx').on(t.citizenId, t.receivedAt).where(sql`citizen_id IS NOT NULL`),
    // The transparency board's apology counts (extended dossiers by month).
    index('dossiers_extended_idx').on(t.extendedAt).where(sql`extended_at IS NOT NULL`),
    index('dossiers_import_idx').on(t.importId).where(sql`import_id IS NOT NULL`),
  ],
);

/**
 * One historical import (a file from a previous system): who, when, what it
 * held and what it did. Rows are validated all before any is written; an
 * import with a bad row writes nothing and leaves no row here.
 */
export const dossierImports = pgTable('dossier_imports', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  /** The name the previous system goes by, as given by the importer (e.g. "iGate 2.0"). */
  sourceSystem: text('source_system').notNull(),
  fileName: text('file_name'),
  format: text('format').notNull(),
  sha256: text('sha256').notNull(),
  rows: integer('rows').notNull(),
  created: integer('created').notNull(),
  updated: integer('updated').notNull(),
  unchanged: integer('unchanged').notNull(),
  importedBy: uuid('imported_by')
    .notNull()
    .references(() => staff.id),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
});

/** Sequence numbers of dossier codes, per receiving unit and local day (Decree 118/2025 Art. 28). */
export const dossierSequences = pgTable(
  'dossier_sequences',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    day: date('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.day] })],
);

/** Append-only: every transition of a dossier; the processing control slip is a view of it. */
export const dossierHistory = pgTable(
  'dossier_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id').references(() => staff.id),
    action: text('action').notNull(),
    fromStatus: dossierStatus('from_status'),
    toStatus: dossierStatus('to_status').notNull(),
    fromStep: dossierStep('from_step'),
    toStep: dossierStep('to_step'),
    fromUnitId: uuid('from_unit_id').references(() => units.id),
    toUnitId: uuid('to_unit_id').references(() => units.id),
    note: text('note'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('dossier_history_dossier_idx').on(t.dossierId, t.id)],
);

export const dossierConsultations = pgTable(
  'dossier_consultations',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    question: text('question').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    askedBy: uuid('asked_by').references(() => staff.id),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
    answer: text('answer'),
    answeredBy: uuid('answered_by').references(() => staff.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [index('dossier_consultations_dossier_idx').on(t.dossierId), index('dossier_consultations_open_idx').on(t.unitId).where(sql`answered_at IS NULL`)],
);

export type TransferTask = { unitId: string; task: string; dueAt: string };
export const dossierTransfers = pgTable(
  'dossier_transfers',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    fromUnitId: uuid('from_unit_id')
      .notNull()
      .references(() => units.id),
    toUnitId: uuid('to_unit_id')
      .notNull()
      .references(() => units.id),
    reason: text('reason').notNull(),
    tasks: jsonb('tasks').$type<TransferTask[]>().notNull(),
    by: uuid('by').references(() => staff.id),
  },
  (t) => [index('dossier_transfers_dossier_idx').on(t.dossierId)],
);

/**
 * Scans attached to a dossier's documents. The file is in the storage
 * (documents/storage: local disk or S3) under `storage_key`; `content` only
 * holds scans attached before the storage existed, and is read when
 * `storage_key` is null.
 */
export const dossierFiles = pgTable(
  'dossier_files',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    documentIndex: integer('document_index').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key'),
    content: bytea('content'),
    uploadedBy: uuid('uploaded_by').references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dossier_files_dossier_idx').on(t.dossierId)],
);

/**
 * Idempotency keys of intakes, per officer. The stored answer (which holds
 * the lookup secret, shown once) is kept for a day so a retried submission
 * gets the same dossier and receipt; the deadline job removes older keys.
 */
export const intakeKeys = pgTable(
  'intake_keys',
  {
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    dossierId: uuid('dossier_id').references(() => dossiers.id),
    secret: text('secret'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.key] }), index('intake_keys_created_idx').on(t.createdAt)],
);

/** Deadline warnings and flags raised by the deadline job, once each; the inbox shows them. */
export const dossierAlerts = pgTable(
  'dossier_alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    kind: text('kind').notNull(),
    step: dossierStep('step'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    role: staffRole('role'),
    staffId: uuid('staff_id').references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('dossier_alerts_once_key').on(t.dossierId, t.kind, t.dueAt), index('dossier_alerts_unit_idx').on(t.unitId, t.createdAt)],
);

/**
 * Messages to applicants waiting to be sent (apology and extension, results
 * ready…). The notifications issue delivers them by e-mail/SMS; until then
 * they are recorded here so nothing is lost. Only the dossier is referenced:
 * the address is read from the dossier when sending.
 */
export const applicantNotices = pgTable(
  'applicant_notices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('applicant_notices_unsent_idx').on(t.createdAt).where(sql`sent_at IS NULL`)],
);

export type DossierRow = typeof dossiers.$inferSelect;
export type DossierHistoryRow = typeof dossierHistory.$inferSelect;
