/**
 * Procedure catalog DTOs, shared by the server (validation, OpenAPI, import)
 * and the web client. A procedure is published by its national code.
 */
import { z } from 'zod';
import { Role, UnitKind } from './roles.js';

export const PROCEDURE_LEVELS = ['commune', 'district', 'province', 'ministry'] as const;
/** commune = commune/ward level; district is kept for pre-2025 data only. */
export const ProcedureLevel = z.enum(PROCEDURE_LEVELS);
export type ProcedureLevel = z.infer<typeof ProcedureLevel>;

export const ONLINE_LEVELS = ['full', 'partial', 'none'] as const;
export const OnlineLevel = z.enum(ONLINE_LEVELS);
export type OnlineLevel = z.infer<typeof OnlineLevel>;

export const APPLICANT_TYPES = ['citizen', 'business', 'both'] as const;
export const ApplicantType = z.enum(APPLICANT_TYPES);
export type ApplicantType = z.infer<typeof ApplicantType>;

export const COURTESY_LETTERS = ['none', 'congratulation', 'condolence'] as const;
export const CourtesyLetter = z.enum(COURTESY_LETTERS);
export type CourtesyLetter = z.infer<typeof CourtesyLetter>;

export const DOCUMENT_FORMS = ['original', 'copy', 'original_or_copy', 'certified_copy'] as const;
export const DocumentForm = z.enum(DOCUMENT_FORMS);

/** The five steps of settlement in the electronic environment, in order. */
export const STEPS = ['receive', 'appraise', 'approve', 'sign', 'return'] as const;
export const Step = z.enum(STEPS);
export type Step = z.infer<typeof Step>;

/**
 * Statutory settlement time. `calendar_days` exists because some laws count
 * plain days (e.g. land dispute conciliation: 45 days); the period then ends
 * at the end of the last day, moved to the next working day when that one is
 * not (Civil Code 2015 Art. 148).
 */
export const SETTLEMENT_KINDS = ['working_days', 'working_hours', 'same_day', 'calendar_days'] as const;
export const SettlementKind = z.enum(SETTLEMENT_KINDS);
export const SettlementTime = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('working_days'), amount: z.number().positive().max(365).multipleOf(0.5) }),
  z.strictObject({ kind: z.literal('working_hours'), amount: z.number().int().positive().max(2920) }),
  z.strictObject({ kind: z.literal('calendar_days'), amount: z.number().int().positive().max(730) }),
  z.strictObject({
    kind: z.literal('same_day'),
    /** Received after this local time → due the next working day; default from the unit's calendar (15:00). */
    cutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).nullable().optional(),
  }),
]);
export type SettlementTime = z.infer<typeof SettlementTime>;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Integer VND; a case label when the fee depends on the case ("per page from page 3"). */
export const Fee = z.strictObject({
  label: text(300),
  labelEn: optionalText(300),
  amountVnd: z.number().int().min(0).max(1_000_000_000_000),
});
export type Fee = z.infer<typeof Fee>;

export const RequiredDocument = z.strictObject({
  name: text(500),
  nameEn: optionalText(500),
  form: DocumentForm,
  quantity: z.number().int().min(1).max(100),
  mandatory: z.boolean(),
  /** id of an uploaded form template (GET /api/v1/procedures/{code}/forms/{id}). */
  templateId: z.uuid().nullable().optional(),
});
export type RequiredDocument = z.infer<typeof RequiredDocument>;

/**
 * One step of the plan: who performs it and its share of the statutory time,
 * in percent. The five steps appear once each, in order, and the shares add
 * up to 100.
 */
export const PlannedStep = z.strictObject({
  step: Step,
  role: Role,
  /** Which unit performs it: the receiving unit, the settling unit, or a fixed unit by code. */
  performer: z.enum(['receiving_unit', 'settling_unit', 'unit']),
  unitCode: z.string().trim().max(32).nullable().optional(),
  sharePercent: z.number().int().min(0).max(100),
});
export type PlannedStep = z.infer<typeof PlannedStep>;

export const StepPlan = z
  .array(PlannedStep)
  .length(5)
  .superRefine((plan, ctx) => {
    plan.forEach((s, i) => {
      if (s.step !== STEPS[i]) ctx.addIssue({ code: 'custom', path: [i, 'step'], message: `step ${i + 1} must be ${STEPS[i]}` });
      if (s.performer === 'unit' && !s.unitCode) ctx.addIssue({ code: 'custom', path: [i, 'unitCode'], message: 'a unit code is required' });
    });
    const total = plan.reduce((sum, s) => sum + s.sharePercent, 0);
    if (total !== 100) ctx.addIssue({ code: 'custom', path: [], message: `shares add up to ${total}%, not 100%`, params: { reason: 'shares_not_100', total } });
  });
export type StepPlan = z.infer<typeof StepPlan>;

export const FieldCode = z.string().trim().regex(/^[a-z][a-z0-9_]{1,47}$/, 'lower-case letters, digits, underscore');
export const ProcedureCode = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'letters, digits, dot, dash or underscore; at most 40');

/** What an admin writes, and what one row of an import carries. */
export const ProcedureInput = z.strictObject({
  code: ProcedureCode,
  name: text(500),
  nameEn: optionalText(500),
  field: FieldCode,
  level: ProcedureLevel,
  /** Codes of the units that implement it; empty = every active unit of the level's kind. */
  unitCodes: z.array(z.string().trim().min(1).max(32)).max(2000).default([]),
  applicantType: ApplicantType,
  settlement: SettlementTime,
  fees: z.array(Fee).max(50).default([]),
  feeNote: optionalText(1000),
  documents: z.array(RequiredDocument).max(100).default([]),
  resultType: optionalText(500),
  onlineLevel: OnlineLevel,
  legalBasis: optionalText(4000),
  courtesyLetter: CourtesyLetter.default('none'),
  homeServiceEligible: z.boolean().default(false),
  /** Days (calendar days, Civil Code Art. 148) to bring what a supplementation request asks for; then the dossier is closed. */
  supplementDays: z.number().int().min(1).max(365).default(15),
  stepPlan: StepPlan,
  active: z.boolean().default(true),
});
export type ProcedureInput = z.infer<typeof ProcedureInput>;

export const Procedure = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  field: z.string(),
  fieldName: z.string(),
  fieldNameEn: z.string().nullable(),
  level: ProcedureLevel,
  unitCodes: z.array(z.string()),
  applicantType: ApplicantType,
  settlement: SettlementTime,
  fees: z.array(Fee),
  feeNote: z.string().nullable(),
  documents: z.array(RequiredDocument),
  resultType: z.string().nullable(),
  onlineLevel: OnlineLevel,
  legalBasis: z.string().nullable(),
  courtesyLetter: CourtesyLetter,
  homeServiceEligible: z.boolean(),
  supplementDays: z.number().int(),
  stepPlan: StepPlan,
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type Procedure = z.infer<typeof Procedure>;

/** A line of the public search result. */
export const ProcedureSummary = Procedure.pick({
  code: true,
  name: true,
  nameEn: true,
  field: true,
  fieldName: true,
  fieldNameEn: true,
  level: true,
  settlement: true,
  onlineLevel: true,
  applicantType: true,
});
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;

export const ProcedureSearch = z.strictObject({
  q: z.string().trim().max(200).optional(),
  field: FieldCode.optional(),
  level: ProcedureLevel.optional(),
  online: OnlineLevel.optional(),
  /** A unit code: procedures that unit implements. */
  unit: z.string().trim().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ProcedureSearch = z.infer<typeof ProcedureSearch>;

export const ProcedureSearchResult = z.object({ total: z.number().int(), items: z.array(ProcedureSummary) });

export const CatalogField = z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable(), procedures: z.number().int() });

/** Where and when to apply: each implementing unit with its counters and opening hours. */
export const ApplyAt = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  unitNameEn: z.string().nullable(),
  unitKind: UnitKind,
  address: z.string().nullable(),
  phone: z.string().nullable(),
  hotline: z.string().nullable(),
  counters: z.array(z.object({ code: z.string(), name: z.string() })),
  /** Local working hours, e.g. [{start:"07:30",end:"11:30"},{start:"13:30",end:"17:00"}], Monday–Friday unless `workingWeekdays` says otherwise. */
  openingHours: z.array(z.object({ start: z.string(), end: z.string() })),
  /** ISO weekday numbers (1 = Monday … 7 = Sunday) the unit works. */
  workingWeekdays: z.array(z.number().int().min(1).max(7)),
});
export type ApplyAt = z.infer<typeof ApplyAt>;

export const ProcedureDetail = Procedure.extend({
  applyAt: z.array(ApplyAt),
  forms: z.array(z.object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string() })),
});
export type ProcedureDetail = z.infer<typeof ProcedureDetail>;

/** One bad row of an import: its position (1-based, as in the file) and every problem found. */
export const ImportRowError = z.object({
  row: z.number().int(),
  code: z.string().nullable(),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});
export const ImportReport = z.object({
  format: z.enum(['json', 'csv']),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(ImportRowError),
  /** False when any row was bad: then nothing at all was written. */
  applied: z.boolean(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const UnitCatalogStats = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  unitNameEn: z.string().nullable(),
  procedures: z.number().int(),
  online: z.object({ full: z.number().int(), partial: z.number().int(), none: z.number().int() }),
  /** (full + partial) / all, 0..1; null when the unit implements none. */
  onlineCoverage: z.number().nullable(),
  byField: z.array(z.object({ field: z.string(), fieldName: z.string(), fieldNameEn: z.string().nullable(), procedures: z.number().int() })),
});
export const CatalogStats = z.object({
  total: z.number().int(),
  online: z.object({ full: z.number().int(), partial: z.number().int(), none: z.number().int() }),
  onlineCoverage: z.number().nullable(),
  byField: z.array(z.object({ field: z.string(), fieldName: z.string(), fieldNameEn: z.string().nullable(), procedures: z.number().int() })),
  units: z.array(UnitCatalogStats),
});
export type CatalogStats = z.infer<typeof CatalogStats>;
