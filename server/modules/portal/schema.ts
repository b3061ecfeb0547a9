import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { DraftApplicant } from '../../../contracts/portal.js';
import { bytea } from '../../db/columns.js';
import { citizens } from '../auth/schema.js';
import { procedures } from '../catalog/schema.js';
import { dossierFiles, dossiers } from '../dossiers/schema.js';
import { units } from '../org/schema.js';

/**
 * A citizen's online application before it becomes a dossier: the procedure,
 * the receiving unit chosen, the applicant as typed so far (checked only at
 * submission) and a version for optimistic locking. Submitting sets
 * `dossier_id`, the idempotency key and, for 24 hours, the lookup secret (so
 * a retried submission answers the same receipt).
 */
export const portalDrafts = pgTable(
  'portal_drafts',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id, { onDelete: 'cascade' }),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id),
    receivingUnitId: uuid('receiving_unit_id').references(() => units.id),
    applicant: jsonb('applicant').$type<DraftApplicant>().notNull(),
    /** open | submitted */
    status: text('status').notNull().default('open'),
    version: integer('version').notNull().default(1),
    submitKey: text('submit_key'),
    submitSecret: text('submit_secret'),
    dossierId: uuid('dossier_id').references(() => dossiers.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('portal_drafts_citizen_idx').on(t.citizenId, t.status, t.updatedAt),
    // One idempotency key names one submission of one citizen.
    uniqueIndex('portal_drafts_submit_key').on(t.citizenId, t.submitKey).where(sql`submit_key IS NOT NULL`),
  ],
);

/**
 * A file a citizen sends, in chunks (tus-like): announced with its name,
 * type, size and SHA-256, then its bytes appended at `received`. Complete when
 * every byte is there and the checks passed: then the bytes are in the file
 * storage under `storage_key` and the chunks are gone. It belongs to a line
 * of a draft, or to a line of a dossier waiting for supplementation; once
 * sent, `dossier_file_id` names the dossier's file it became.
 */
export const portalUploads = pgTable(
  'portal_uploads',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id, { onDelete: 'cascade' }),
    draftId: uuid('draft_id').references(() => portalDrafts.id, { onDelete: 'cascade' }),
    dossierId: uuid('dossier_id').references(() => dossiers.id),
    documentIndex: integer('document_index').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    received: integer('received').notNull().default(0),
    /** in_progress | complete */
    status: text('status').notNull().default('in_progress'),
    storageKey: text('storage_key'),
    dossierFileId: uuid('dossier_file_id').references(() => dossierFiles.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('portal_uploads_draft_idx').on(t.draftId),
    index('portal_uploads_dossier_idx').on(t.dossierId),
    index('portal_uploads_pending_idx').on(t.updatedAt).where(sql`status = 'in_progress'`),
  ],
);

/** The bytes of an unfinished upload, one row per chunk at its offset; removed when the upload completes or fails. */
export const portalUploadChunks = pgTable(
  'portal_upload_chunks',
  {
    uploadId: uuid('upload_id')
      .notNull()
      .references(() => portalUploads.id, { onDelete: 'cascade' }),
    offset: integer('offset').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.offset] })],
);

export type PortalDraftRow = typeof portalDrafts.$inferSelect;
export type PortalUploadRow = typeof portalUploads.$inferSelect;
