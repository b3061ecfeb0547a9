/**
 * Dossier (hồ sơ) DTOs: intake, the five-step workflow's actions, reads and the
 * public lookup. Shared by the server (validation, OpenAPI) and the web client.
 * The API built on these is a stable contract (issue 4): change by adding.
 */
import { z } from 'zod';
import { DocumentForm, Step } from './catalog.js';
import { FieldName } from './documents.js';
import { Role } from './roles.js';

/** How a dossier reached the unit (national portal channels 1, 2, 3). */
export const CHANNELS = ['in_person', 'online', 'post'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/**
 * Where a dossier stands. `pending_acceptance` is an online dossier not yet
 * accepted; `intake_incomplete` and `not_accepted` are intakes that did not
 * become a case (guided to supplement once, or refused); `supplement_requested`
 * and `payment_requested` stop the clock; the last five are final.
 */
export const STATUSES = [
  'pending_acceptance',
  'processing',
  'supplement_requested',
  'payment_requested',
  'returned',
  'stopped',
  'closed',
  'intake_incomplete',
  'not_accepted',
] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;
export const FINAL_STATUSES: readonly Status[] = ['returned', 'stopped', 'closed', 'intake_incomplete', 'not_accepted'];
export const OPEN_STATUSES: readonly Status[] = STATUSES.filter((s) => !FINAL_STATUSES.includes(s));

/** Status codes of the national public service portal, for integration. */
export const NATIONAL_STATUS: Record<Status, number> = {
  pending_acceptance: 1,
  processing: 4,
  supplement_requested: 5,
  payment_requested: 6,
  returned: 10,
  stopped: 8,
  closed: 8,
  intake_incomplete: 3,
  not_accepted: 3,
};

export const OUTCOMES = ['approved', 'rejected'] as const;
export const Outcome = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof Outcome>;

/** Of a dossier whose result is ready, against its (first) due date. An extended dossier is late. */
export const TIMELINESS = ['early', 'on_time', 'late'] as const;
export const Timeliness = z.enum(TIMELINESS);
export type Timeliness = z.infer<typeof Timeliness>;

export const PRIORITIES = ['elderly', 'disabled', 'pregnant', 'child_carer', 'meritorious'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

export const RETURN_METHODS = ['desk', 'post', 'online'] as const;
export const ReturnMethod = z.enum(RETURN_METHODS);

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const isoDate = z.iso.date();

/** Citizen identity number (CCCD): 12 digits; its structure is checked against the birth date by the server. */
export const CitizenId = z.string().trim().regex(/^\d{12}$/, 'twelve digits');
/** Tax code: 10 digits, or 10 + "-" + 3 for a branch. */
export const TaxCode = z.string().trim().regex(/^(?:\d{10}|\d{10}-\d{3})$/, 'ten digits, optionally -NNN');
export const Phone = z.string().trim().regex(/^\+?[0-9 .-]{8,20}$/, 'a phone number');

/** The language the applicant is written to in (e-mail, SMS); absent means Vietnamese. */
export const LANGUAGES = ['vi', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const PersonApplicant = z.strictObject({
  kind: z.literal('person'),
  fullName: text(200),
  idNumber: CitizenId,
  birthDate: isoDate,
  address: text(500),
  phone: Phone.nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  language: Language.optional(),
});
export const OrganisationApplicant = z.strictObject({
  kind: z.literal('organisation'),
  name: text(300),
  taxCode: TaxCode,
  representative: text(200),
  address: text(500),
  phone: Phone.nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  language: Language.optional(),
});
export const Applicant = z.discriminatedUnion('kind', [PersonApplicant, OrganisationApplicant]);
export type Applicant = z.infer<typeof Applicant>;

/** One line of the procedure's document list as ticked at the desk, by its position in the list. */
export const ReceivedDocument = z.strictObject({
  index: z.number().int().min(0).max(99),
  received: z.boolean(),
  form: DocumentForm,
  count: z.number().int().min(0).max(100),
});
export type ReceivedDocument = z.infer<typeof ReceivedDocument>;

export const INTAKE_OUTCOMES = ['accepted', 'incomplete', 'refused'] as const;

/** POST /api/v1/dossiers (with an Idempotency-Key header). */
export const IntakeInput = z
  .strictObject({
    procedureCode: z.string().trim().min(1).max(40),
    /** The desk; null for dossiers received by post. */
    counterCode: z.string().trim().max(32).nullable().optional(),
    channel: z.enum(['in_person', 'post']).default('in_person'),
    /** Unit that settles it; default: the receiving unit (filing is boundary-free within a province). */
    settlingUnitCode: z.string().trim().max(32).nullable().optional(),
    /** Unit that receives it; default: the receptionist's own unit. */
    receivingUnitCode: z.string().trim().max(32).nullable().optional(),
    applicant: Applicant,
    documents: z.array(ReceivedDocument).max(100),
    /** Extra lines for the request for supplementation (besides the documents not ticked). */
    missing: z.array(text(500)).max(50).default([]),
    sets: z.number().int().min(1).max(20).default(1),
    priority: z.array(Priority).max(5).default([]),
    outcome: z.enum(INTAKE_OUTCOMES),
    /** Required for `refused`; an optional note otherwise. */
    reason: optionalText(2000),
    note: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'refused' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a reason is required to refuse' });
    const seen = new Set<number>();
    v.documents.forEach((d, i) => {
      if (seen.has(d.index)) ctx.addIssue({ code: 'custom', path: ['documents', i, 'index'], message: 'listed twice' });
      seen.add(d.index);
    });
  });
export type IntakeInput = z.infer<typeof IntakeInput>;

// ------------------------------------------------------------------ actions

export const ACTIONS = [
  'accept',
  'refuse_intake',
  'assign',
  'forward',
  'send_back',
  'request_supplement',
  'receive_supplement',
  'consult',
  'answer_consultation',
  'transfer',
  'approve',
  'reject',
  'sign',
  'request_payment',
  'record_payment',
  'stop',
  'withdraw',
  'extend',
  'return_result',
] as const;
export const Action = z.enum(ACTIONS);
export type Action = z.infer<typeof Action>;

const version = z.number().int().min(1);
const note = optionalText(2000);
const reason = text(2000);

/** The body of each action: the version the client saw plus what the action needs. */
export const ACTION_BODIES = {
  accept: z.strictObject({ version, note }),
  refuse_intake: z.strictObject({ version, reason, missing: z.array(text(500)).max(50).default([]) }),
  assign: z.strictObject({ version, staffId: z.uuid().nullable().optional(), note }),
  forward: z.strictObject({ version, note, proposal: Outcome.nullable().optional() }),
  send_back: z.strictObject({ version, toStep: Step, reason }),
  request_supplement: z.strictObject({ version, missing: z.array(text(500)).min(1).max(50), note }),
  receive_supplement: z.strictObject({ version, note }),
  consult: z.strictObject({ version, unitCode: text(32), question: text(2000), days: z.number().int().min(1).max(60) }),
  answer_consultation: z.strictObject({ version, consultationId: z.uuid(), answer: text(4000) }),
  transfer: z.strictObject({
    version,
    unitCode: text(32),
    reason,
    tasks: z
      .array(z.strictObject({ unitCode: text(32), task: text(1000), days: z.number().int().min(1).max(365) }))
      .min(1)
      .max(20),
  }),
  approve: z.strictObject({ version, note }),
  reject: z.strictObject({ version, reason }),
  sign: z.strictObject({
    version,
    note,
    /** The values the result template asks the signing leader for (GET …/result-fields), by field name (`child.fullName`). */
    resultValues: z.record(FieldName, z.string().trim().min(1).max(2000)).default({}),
  }),
  request_payment: z.strictObject({
    version,
    items: z.array(z.strictObject({ label: text(300), amountVnd: z.number().int().min(1).max(1_000_000_000_000) })).min(1).max(20),
    note,
  }),
  record_payment: z.strictObject({ version, receiptNumber: text(100), note }),
  stop: z.strictObject({ version, reason }),
  /** The applicant's written request to withdraw, recorded at the desk; `reason` is the request's gist. */
  withdraw: z.strictObject({ version, reason }),
  extend: z.strictObject({ version, reason, newDueDate: isoDate }),
  return_result: z.strictObject({
    version,
    method: ReturnMethod,
    receivedBy: text(200),
    /** When the applicant received it; default now. */
    receivedAt: z.iso.datetime({ offset: true }).nullable().optional(),
    note,
  }),
} as const satisfies Record<Action, z.ZodType>;
export type ActionBody<A extends Action> = z.infer<(typeof ACTION_BODIES)[A]>;

// ------------------------------------------------------------------ reads

export const UnitRef = z.object({ id: z.uuid(), code: z.string(), name: z.string(), nameEn: z.string().nullable() });
export type UnitRef = z.infer<typeof UnitRef>;
const Instant = z.string().describe('ISO 8601 instant');

export const DossierSummary = z.object({
  code: z.string(),
  procedure: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
  applicantName: z.string(),
  channel: Channel,
  status: Status,
  step: Step.nullable(),
  receivingUnit: UnitRef,
  settlingUnit: UnitRef,
  assignee: z.object({ unitId: z.uuid().nullable(), role: Role.nullable(), staffId: z.uuid().nullable(), staffName: z.string().nullable() }),
  priority: z.array(Priority),
  receivedAt: Instant,
  dueAt: Instant.nullable(),
  stepDueAt: Instant.nullable(),
  overdue: z.boolean(),
  /** Online dossiers waiting for acceptance: working hours waited so far, and the 8-working-hour limit. */
  waitingHours: z.number().nullable(),
  acceptDueAt: Instant.nullable(),
  timeliness: Timeliness.nullable(),
  /** Imported from a previous system (historical import): read-only, nobody's task. */
  imported: z.boolean(),
  version: z.number().int(),
});
export type DossierSummary = z.infer<typeof DossierSummary>;

export const HistoryEntry = z.object({
  id: z.string(),
  at: Instant,
  action: z.string(),
  actor: z.object({ staffId: z.uuid().nullable(), name: z.string().nullable(), unitCode: z.string().nullable() }),
  fromStatus: Status.nullable(),
  toStatus: Status,
  fromStep: Step.nullable(),
  toStep: Step.nullable(),
  fromUnit: z.string().nullable(),
  toUnit: z.string().nullable(),
  note: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const Consultation = z.object({
  id: z.uuid(),
  unit: UnitRef,
  question: z.string(),
  dueAt: Instant,
  askedAt: Instant,
  answer: z.string().nullable(),
  answeredAt: Instant.nullable(),
});
export const Transfer = z.object({
  id: z.uuid(),
  at: Instant,
  fromUnit: UnitRef,
  toUnit: UnitRef,
  reason: z.string(),
  tasks: z.array(z.object({ unit: UnitRef, task: z.string(), dueAt: Instant })),
});

export const DossierDocument = z.object({
  index: z.number().int(),
  name: z.string(),
  nameEn: z.string().nullable(),
  mandatory: z.boolean(),
  required: z.object({ form: DocumentForm, quantity: z.number().int() }),
  received: z.boolean(),
  form: DocumentForm,
  count: z.number().int(),
  /** Scanned, linked to the dossier and reusable (Decree 118/2025 Art. 16; the service index's digitisation rate). */
  digitised: z.boolean(),
  files: z.array(z.object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string() })),
});

export const DigitisedInput = z.strictObject({ digitised: z.boolean() });

export const StepDue = z.object({ step: Step, dueAt: Instant });

export const Dossier = DossierSummary.extend({
  /** null for an imported dossier: the historical import brings no personal data. */
  applicant: Applicant.nullable(),
  /** The previous system's name, for an imported dossier. */
  importedFrom: z.string().nullable(),
  counter: z.object({ code: z.string(), name: z.string() }).nullable(),
  sets: z.number().int(),
  documents: z.array(DossierDocument),
  missing: z.array(z.string()),
  reason: z.string().nullable(),
  outcome: Outcome.nullable(),
  clockStartedAt: Instant.nullable(),
  originalDueAt: Instant.nullable(),
  stepDues: z.array(StepDue),
  extension: z.object({ reason: z.string(), at: Instant, newDueAt: Instant }).nullable(),
  supplement: z.object({ requestedAt: Instant, deadline: Instant, missing: z.array(z.string()), receivedAt: Instant.nullable() }).nullable(),
  payment: z.object({ items: z.array(z.object({ label: z.string(), amountVnd: z.number().int() })), totalVnd: z.number().int(), requestedAt: Instant, paidAt: Instant.nullable(), receiptNumber: z.string().nullable() }).nullable(),
  result: z.object({ decidedAt: Instant.nullable(), signedAt: Instant.nullable(), finishedAt: Instant.nullable(), returnedAt: Instant.nullable(), method: ReturnMethod.nullable(), receivedBy: z.string().nullable() }),
  consultations: z.array(Consultation),
  transfers: z.array(Transfer),
  fees: z.array(z.object({ label: z.string(), amountVnd: z.number().int() })),
  /** What the signed-in officer may do now. */
  actions: z.array(Action),
});
export type Dossier = z.infer<typeof Dossier>;

/** The intake answer: the dossier plus, once, the lookup secret to print on the receipt. */
/** A new lookup secret (the old one stops working), for reprinting a lost receipt. */
export const SecretResult = z.object({ code: z.string(), secret: z.string() });

export const IntakeResult = z.object({ dossier: Dossier, secret: z.string().nullable() });
export type IntakeResult = z.infer<typeof IntakeResult>;

export const INBOX_VIEWS = ['mine', 'unit', 'due_soon', 'overdue', 'supplement', 'acceptance', 'consultations', 'all'] as const;
export const InboxView = z.enum(INBOX_VIEWS);
export type InboxView = z.infer<typeof InboxView>;

export const DossierListQuery = z.strictObject({
  view: InboxView.optional(),
  status: Status.optional(),
  step: Step.optional(),
  unit: z.string().trim().max(32).optional(),
  procedure: z.string().trim().max(40).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().trim().min(1).max(200).optional(),
  /** Received on or after / on or before these local dates (the dossier register, form 07). */
  receivedFrom: isoDate.optional(),
  receivedTo: isoDate.optional(),
  /** The assigned officer's staff id, or `none`: no officer assigned (the leader dashboard's click-through). */
  assignee: z.union([z.uuid(), z.literal('none')]).optional(),
  /** Settled by this unit (code); with `includeDescendants=true`, or by a unit under it. */
  settlingUnit: z.string().trim().min(1).max(32).optional(),
  includeDescendants: z.enum(['true', 'false']).optional().describe('with settlingUnit: the units under it too'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type DossierListQuery = z.input<typeof DossierListQuery>;

export const DossierList = z.object({ total: z.number().int(), page: z.number().int(), items: z.array(DossierSummary) });
export type DossierList = z.infer<typeof DossierList>;

export const InboxCounts = z.object({ counts: z.partialRecord(InboxView, z.number().int()).describe('Open dossiers per view ("all" is not counted)') });
export type InboxCounts = z.infer<typeof InboxCounts>;

export const ALERT_KINDS = ['overdue', 'step_overdue', 'due_soon', 'step_due_soon', 'acceptance_overdue', 'online_received'] as const;
/** A deadline alert raised by the deadline job (or on arrival of an online dossier). */
export const DossierAlert = z.object({ code: z.string(), kind: z.enum(ALERT_KINDS), step: Step.nullable(), dueAt: z.string(), createdAt: z.string() });
export type DossierAlert = z.infer<typeof DossierAlert>;

// ------------------------------------------------------------------ public lookup

export const LookupInput = z.strictObject({ code: z.string().trim().min(1).max(40), secret: z.string().trim().min(1).max(64) });
export const LookupResult = z.object({
  code: z.string(),
  procedure: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
  status: Status,
  nationalStatus: z.number().int(),
  step: Step.nullable(),
  receivedAt: Instant,
  appointmentAt: Instant.nullable(),
  returnPlace: z.string().nullable(),
  missing: z.array(z.string()),
  timeline: z.array(z.object({ at: Instant, action: z.string(), status: Status, step: Step.nullable() })),
});
export type LookupResult = z.infer<typeof LookupResult>;
