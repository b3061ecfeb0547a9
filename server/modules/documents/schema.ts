import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { procedures } from '../catalog/schema.js';
import { dossiers } from '../dossiers/schema.js';
import { staff, units } from '../org/schema.js';
import { bytea } from '../../db/columns.js';

/**
 * A unit's signing certificate (PKCS#12). The file itself is encrypted by its
 * password; the password is sealed with the server's master key
 * (AES-256-GCM, signing/secret-box.ts) and never stored in clear. One active
 * certificate per unit; replacing it retires the old one (kept, so that what
 * it signed can still be traced to it).
 */
export const signingCertificates = pgTable(
  'signing_certificates',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    subject: text('subject').notNull(),
    issuer: text('issuer').notNull(),
    serialNumber: text('serial_number').notNull(),
    fingerprint: text('fingerprint').notNull(),
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    notAfter: timestamp('not_after', { withTimezone: true }).notNull(),
    p12: bytea('p12').notNull(),
    passwordSealed: text('password_sealed').notNull(),
    /** Printed in the signature block: the person who signs for the unit (its chairperson) and the title. */
    signerName: text('signer_name').notNull(),
    signerTitle: text('signer_title').notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('signing_certificates_active_key').on(t.unitId).where(sql`active`)],
);

/**
 * Templates of generated documents, as data an admin edits: a procedure's
 * result document (`result`, per procedure) and the courtesy letters
 * (`congratulation`, `condolence`). `unit_id` null is the province-wide one;
 * a unit's own template wins over it; with neither, the built-in default.
 */
export const documentTemplates = pgTable(
  'document_templates',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    kind: text('kind').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    procedureId: uuid('procedure_id').references(() => procedures.id),
    template: jsonb('template').notNull(),
    /** For a result template: the values the signing leader types (name and label), beyond what the dossier gives. */
    inputs: jsonb('inputs').$type<{ name: string; label: string }[]>().notNull().default([]),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => staff.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('document_templates_key').on(t.kind, t.unitId, t.procedureId).nullsNotDistinct()],
);

/**
 * Documents the server generated and stored for a dossier: the signed result,
 * courtesy letters. The file is in the storage (`storage_key`, server-made);
 * its SHA-256 is what `/verify/{code}` vouches for.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    storageKey: text('storage_key').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    verificationCode: text('verification_code').notNull(),
    /** The values the document was filled with (the result's typed values feed the courtesy letter). Personal data: never in a public answer. */
    values: jsonb('values').$type<Record<string, string>>().notNull().default({}),
    signed: boolean('signed').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    signerName: text('signer_name'),
    signerSubject: text('signer_subject'),
    certificateId: uuid('certificate_id').references(() => signingCertificates.id),
    createdBy: uuid('created_by').references(() => staff.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('documents_verification_code_key').on(t.verificationCode),
    index('documents_dossier_idx').on(t.dossierId),
    index('documents_unit_kind_idx').on(t.unitId, t.kind, t.createdAt),
    // One result and one courtesy letter per dossier: signing twice is refused by the database too.
    uniqueIndex('documents_one_per_kind_key').on(t.dossierId, t.kind),
  ],
);
