import { sql, type SQL } from 'drizzle-orm';
import {
  boolean,
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
} from 'drizzle-orm/pg-core';
import {
  APPLICANT_TYPES,
  COURTESY_LETTERS,
  ONLINE_LEVELS,
  PROCEDURE_LEVELS,
  type Fee,
  type RequiredDocument,
  type SettlementTime,
  type StepPlan,
} from '../../../contracts/catalog.js';
import { units } from '../org/schema.js';
import { bytea } from '../../db/columns.js';

export const procedureLevel = pgEnum('procedure_level', PROCEDURE_LEVELS);
export const onlineLevel = pgEnum('online_level', ONLINE_LEVELS);
export const applicantType = pgEnum('applicant_type', APPLICANT_TYPES);
export const courtesyLetter = pgEnum('courtesy_letter', COURTESY_LETTERS);

/** Fields (lĩnh vực): civil status, land, construction… */
export const catalogFields = pgTable('catalog_fields', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  position: integer('position').notNull().default(0),
});

/**
 * A procedure, published by its national code. Settlement time, fees,
 * documents and the step plan are JSON validated by contracts/catalog.ts;
 * `search_text` is the diacritic-free text that the trigram index searches
 * (`motcua_unaccent` is an IMMUTABLE wrapper, see the migration).
 */
export const procedures = pgTable(
  'procedures',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    fieldCode: text('field_code')
      .notNull()
      .references(() => catalogFields.code),
    level: procedureLevel('level').notNull(),
    applicantType: applicantType('applicant_type').notNull(),
    settlement: jsonb('settlement').$type<SettlementTime>().notNull(),
    fees: jsonb('fees').$type<Fee[]>().notNull().default(sql`'[]'::jsonb`),
    feeNote: text('fee_note'),
    documents: jsonb('documents').$type<RequiredDocument[]>().notNull().default(sql`'[]'::jsonb`),
    resultType: text('result_type'),
    onlineLevel: onlineLevel('online_level').notNull(),
    legalBasis: text('legal_basis'),
    courtesyLetter: courtesyLetter('courtesy_letter').notNull().default('none'),
    homeServiceEligible: boolean('home_service_eligible').notNull().default(false),
    /** Days the applicant has to bring what supplementation asks for before the dossier is closed. */
    supplementDays: integer('supplement_days').notNull().default(15),
    stepPlan: jsonb('step_plan').$type<StepPlan>().notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    searchText: text('search_text').generatedAlwaysAs(
      (): SQL => sql`motcua_unaccent(lower(code || ' ' || name || ' ' || coalesce(name_en, '')))`,
    ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('procedures_code_key').on(t.code),
    index('procedures_field_idx').on(t.fieldCode),
    index('procedures_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);

/** Units that implement a procedure (none listed = every unit of the level's kind). */
export const procedureUnits = pgTable(
  'procedure_units',
  {
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.procedureId, t.unitId] }), index('procedure_units_unit_idx').on(t.unitId)],
);

/** Downloadable form templates (tờ khai) of a procedure, kept in the database. */
export const procedureForms = pgTable(
  'procedure_forms',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('procedure_forms_procedure_idx').on(t.procedureId)],
);

export type ProcedureRow = typeof procedures.$inferSelect;
