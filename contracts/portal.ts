/**
 * Citizen portal DTOs: the online application (form, drafts, resumable
 * uploads, submission) and the follow-up ("My dossiers", answering a request
 * for supplementation, downloading the result, rating). Every route is for a
 * signed-in citizen (`{ citizen: true }`: the `motcua_citizen` cookie, and
 * `x-csrf-token` on unsafe methods). Shared by the server (validation,
 * OpenAPI) and the web client. A stable contract: change by adding.
 *
 * Routes (docs/api.md, "Online application (portal)"):
 *   GET    /api/v1/portal/procedures/{code}/application  → ApplicationForm
 *   GET    /api/v1/portal/drafts                         → DraftList
 *   POST   /api/v1/portal/drafts          DraftCreate    → 201 Draft
 *   GET    /api/v1/portal/drafts/{id}                    → Draft
 *   PATCH  /api/v1/portal/drafts/{id}     DraftUpdate    → Draft
 *   DELETE /api/v1/portal/drafts/{id}?version=N          → 204
 *   POST   /api/v1/portal/drafts/{id}/submit  SubmitInput + Idempotency-Key → 201 | 200 SubmitResult
 *   POST   /api/v1/portal/uploads         UploadCreate   → 201 Upload
 *   HEAD   /api/v1/portal/uploads/{id}                   → 200, Upload-Offset + Upload-Length headers
 *   GET    /api/v1/portal/uploads/{id}                   → Upload
 *   PATCH  /api/v1/portal/uploads/{id}    raw bytes (application/offset+octet-stream), Upload-Offset header → Upload
 *   DELETE /api/v1/portal/uploads/{id}                   → 204
 *   GET    /api/v1/portal/dossiers        MyDossierListQuery → MyDossierList
 *   GET    /api/v1/portal/dossiers/{code}                → MyDossier
 *   POST   /api/v1/portal/dossiers/{code}/supplement  SupplementInput → MyDossier
 *   POST   /api/v1/portal/dossiers/{code}/withdraw    WithdrawInput → MyDossier
 *   GET    /api/v1/portal/dossiers/{code}/result         → the signed result PDF
 *   POST   /api/v1/portal/dossiers/{code}/rating  PortalRatingInput → 201 RatingResult
 */
import { z } from 'zod';
import { ApplicantType, DocumentForm, OnlineLevel, SettlementTime, Step } from './catalog.js';
import { Applicant, Language, Status } from './dossiers.js';
import { RatingResult as FeedbackRatingResult, Score } from './feedback.js';

const Instant = z.string().describe('ISO 8601 instant');
const optional = (max: number) => z.string().trim().max(max).nullable().optional();

// ------------------------------------------------------------------ limits

/** What the portal accepts; the form answers them too, so the client can check before sending. */
export const PORTAL_LIMITS = {
  /** One file, bytes (the documents storage's limit, 10 MiB). */
  fileBytes: 10 * 1024 * 1024,
  /** One PATCH of an upload, bytes (a chunk); a whole small file fits in one. */
  chunkBytes: 10 * 1024 * 1024,
  /** Completed or in-progress uploads per document line of a draft (or of a supplementation). */
  filesPerDocument: 5,
  /** Uploads per draft, all lines together. */
  filesPerDraft: 40,
  /** Open (not submitted) drafts per citizen. */
  openDrafts: 20,
  /** An unfinished upload is dropped this long after its last chunk (hours). */
  uploadExpiryHours: 24,
  /** Unfinished uploads per citizen at a time (their chunks wait in the database). */
  uploadsInProgress: 10,
} as const;

/** The types a file may have (PDF, JPEG, PNG); the bytes must match the type and the name's extension. */
export const PORTAL_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

// ------------------------------------------------------------------ the application form

/** Which applicant forms a procedure takes: `person` (công dân) and/or `organisation` (tổ chức, doanh nghiệp). */
export const APPLICANT_KINDS = ['person', 'organisation'] as const;
export const ApplicantKind = z.enum(APPLICANT_KINDS);
export type ApplicantKind = z.infer<typeof ApplicantKind>;

/**
 * The applicant as a draft holds it: every field may still be missing (the
 * full `Applicant` of contracts/dossiers.ts is checked at submission). Unknown
 * fields are rejected (400).
 */
export const DraftPersonApplicant = z.strictObject({
  kind: z.literal('person'),
  fullName: optional(200),
  idNumber: optional(12),
  birthDate: z.iso.date().nullable().optional(),
  address: optional(500),
  phone: optional(20),
  email: optional(254),
  language: Language.optional(),
});
export const DraftOrganisationApplicant = z.strictObject({
  kind: z.literal('organisation'),
  name: optional(300),
  taxCode: optional(14),
  representative: optional(200),
  address: optional(500),
  phone: optional(20),
  email: optional(254),
  language: Language.optional(),
});
export const DraftApplicant = z.discriminatedUnion('kind', [DraftPersonApplicant, DraftOrganisationApplicant]);
export type DraftApplicant = z.infer<typeof DraftApplicant>;

/** One document line the procedure asks for, by its position in the procedure's list (the `documentIndex` of uploads). */
export const FormDocument = z.object({
  index: z.number().int(),
  name: z.string(),
  nameEn: z.string().nullable(),
  form: DocumentForm,
  quantity: z.number().int(),
  /** A mandatory line needs at least one completed upload before the draft can be submitted. */
  mandatory: z.boolean(),
  /** A blank form to fill in: GET /api/v1/procedures/{code}/forms/{templateId}. */
  templateId: z.uuid().nullable(),
});
export type FormDocument = z.infer<typeof FormDocument>;

/** A unit where the procedure can be applied for online (a receiving unit that implements it). */
export const FormUnit = z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable(), address: z.string().nullable() });
export type FormUnit = z.infer<typeof FormUnit>;

export const FormFee = z.object({ label: z.string(), labelEn: z.string().nullable(), amountVnd: z.number().int() });

/** GET /api/v1/portal/procedures/{code}/application: everything the application form is generated from. */
export const ApplicationForm = z.object({
  procedure: z.object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    /** `full` or `partial`; a procedure with `none` answers 422 PORTAL_NOT_ONLINE. */
    onlineLevel: OnlineLevel,
    applicantType: ApplicantType,
    settlement: SettlementTime,
    resultType: z.string().nullable(),
    /** Calendar days the applicant has to answer a request for supplementation. */
    supplementDays: z.number().int(),
  }),
  /** The applicant forms allowed, in order of preference (from the procedure's applicant type). */
  applicantKinds: z.array(ApplicantKind),
  documents: z.array(FormDocument),
  fees: z.array(FormFee),
  feeNote: z.string().nullable(),
  units: z.array(FormUnit),
  /** The applicant pre-filled from the account (a person; for an organisation only the contact fields). */
  applicant: DraftApplicant,
  /** Whether the signed result can be downloaded here once ready (procedures at the `full` level). */
  resultOnline: z.boolean(),
  limits: z.object({
    fileBytes: z.number().int(),
    chunkBytes: z.number().int(),
    filesPerDocument: z.number().int(),
    filesPerDraft: z.number().int(),
    contentTypes: z.array(z.string()),
  }),
});
export type ApplicationForm = z.infer<typeof ApplicationForm>;

// ------------------------------------------------------------------ uploads

/** `in_progress`: bytes still expected (resume at `offset`); `complete`: checked and stored. */
export const UPLOAD_STATUSES = ['in_progress', 'complete'] as const;
export const UploadStatus = z.enum(UPLOAD_STATUSES);

/**
 * POST /api/v1/portal/uploads: announces a file before its bytes are sent.
 * Exactly one of `draftId` (a document of a draft) or `dossierCode` (a
 * document for an open request for supplementation of one's own dossier).
 * `size` over 10 MiB answers 413 BODY_TOO_LARGE, a type or extension not
 * allowed 415 DOSSIER_FILE_TYPE_NOT_ALLOWED, before any byte is sent.
 */
export const UploadCreate = z
  .strictObject({
    draftId: z.uuid().optional(),
    dossierCode: z.string().trim().min(1).max(40).optional(),
    documentIndex: z.number().int().min(0).max(99),
    fileName: z.string().trim().min(1).max(200),
    contentType: z.string().trim().min(1).max(100),
    size: z.number().int().min(1).max(1_000_000_000),
    /** Hex SHA-256 of the whole file, checked when the last byte arrives (422 UPLOAD_CHECKSUM_MISMATCH). */
    sha256: z.string().trim().regex(/^[0-9a-fA-F]{64}$/, '64 hex digits'),
  })
  .superRefine((v, ctx) => {
    if ((v.draftId === undefined) === (v.dossierCode === undefined)) ctx.addIssue({ code: 'custom', path: ['draftId'], message: 'exactly one of draftId and dossierCode' });
  });
export type UploadCreate = z.infer<typeof UploadCreate>;

export const Upload = z.object({
  id: z.uuid(),
  draftId: z.uuid().nullable(),
  dossierCode: z.string().nullable(),
  documentIndex: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** Bytes received so far: the next PATCH must carry this as `Upload-Offset`. */
  offset: z.number().int(),
  status: UploadStatus,
  createdAt: Instant,
  /** An unfinished upload is removed after this instant; a complete one keeps until used or deleted (null). */
  expiresAt: Instant.nullable(),
});
export type Upload = z.infer<typeof Upload>;

/** The headers of PATCH /api/v1/portal/uploads/{id} (the body is the raw chunk, `Content-Type: application/offset+octet-stream`). */
export const UploadChunkHeaders = z.object({ 'upload-offset': z.coerce.number().int().min(0).max(1_000_000_000) });

// ------------------------------------------------------------------ drafts

export const DRAFT_STATUSES = ['open', 'submitted'] as const;
export const DraftStatus = z.enum(DRAFT_STATUSES);

/** POST /api/v1/portal/drafts: starts an application (422 PORTAL_NOT_ONLINE for a procedure not offered online). */
export const DraftCreate = z.strictObject({
  procedureCode: z.string().trim().min(1).max(40),
  /** One of the form's `units`; may be chosen later. */
  receivingUnitCode: z.string().trim().min(1).max(32).nullable().optional(),
  /** Default: the form's pre-filled applicant. */
  applicant: DraftApplicant.nullable().optional(),
});
export type DraftCreate = z.infer<typeof DraftCreate>;

/** PATCH /api/v1/portal/drafts/{id}: the version read (409 VERSION_CONFLICT when stale) and the fields to replace. */
export const DraftUpdate = z.strictObject({
  version: z.number().int().min(1),
  receivingUnitCode: z.string().trim().min(1).max(32).nullable().optional(),
  applicant: DraftApplicant.optional(),
});
export type DraftUpdate = z.infer<typeof DraftUpdate>;

export const DraftVersionQuery = z.strictObject({ version: z.coerce.number().int().min(1) });

export const DraftDocument = FormDocument.extend({ uploads: z.array(Upload) });

export const Draft = z.object({
  id: z.uuid(),
  status: DraftStatus,
  procedure: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable(), onlineLevel: OnlineLevel }),
  receivingUnit: FormUnit.nullable(),
  applicant: DraftApplicant,
  /** The procedure's document lines, each with this draft's uploads for it. */
  documents: z.array(DraftDocument),
  /** Set once submitted. */
  dossierCode: z.string().nullable(),
  submittedAt: Instant.nullable(),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Draft = z.infer<typeof Draft>;

export const DraftSummary = z.object({
  id: z.uuid(),
  status: DraftStatus,
  procedure: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
  /** Completed uploads over all lines. */
  files: z.number().int(),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export const DraftList = z.object({ items: z.array(DraftSummary) });
export type DraftList = z.infer<typeof DraftList>;

/**
 * POST /api/v1/portal/drafts/{id}/submit, with an `Idempotency-Key` header
 * (8–100 characters): the same key for the same draft answers 200 with the
 * same dossier (and secret); nothing is created twice.
 */
export const SubmitInput = z.strictObject({ version: z.number().int().min(1) });
export type SubmitInput = z.infer<typeof SubmitInput>;

export const SubmitResult = z.object({
  /** The dossier code, e.g. `H55.242-251124-0007`. */
  code: z.string(),
  /** The lookup secret for people without the account (shown with the receipt); null on a retry answered after 24 hours. */
  secret: z.string().nullable(),
  status: Status,
  /** The receiving unit accepts or sends it back by then (8 working hours). */
  acceptDueAt: Instant,
  draftId: z.uuid(),
});
export type SubmitResult = z.infer<typeof SubmitResult>;

// ------------------------------------------------------------------ my dossiers

export const MyDossierListQuery = z.strictObject({
  status: Status.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type MyDossierListQuery = z.input<typeof MyDossierListQuery>;

const ProcedureRef = z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() });
const UnitRef = z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() });

export const MyDossierSummary = z.object({
  code: z.string(),
  procedure: ProcedureRef,
  status: Status,
  /** The national portal's status number. */
  nationalStatus: z.number().int(),
  step: Step.nullable(),
  receivingUnit: UnitRef,
  receivedAt: Instant,
  /** The appointment to collect the result (the due date); null until accepted. */
  appointmentAt: Instant.nullable(),
  /** While waiting for acceptance: by when the unit answers. */
  acceptDueAt: Instant.nullable(),
  /** Something for the applicant to do: answer a supplementation, download, rate. */
  actionNeeded: z.boolean(),
  updatedAt: Instant,
});
export type MyDossierSummary = z.infer<typeof MyDossierSummary>;

export const MyDossierList = z.object({ total: z.number().int(), page: z.number().int(), items: z.array(MyDossierSummary) });
export type MyDossierList = z.infer<typeof MyDossierList>;

/** One line of the public timeline (the same as the public lookup's). */
export const TimelineEntry = z.object({ at: Instant, action: z.string(), status: Status, step: Step.nullable() });

export const MyDossierFile = z.object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), size: z.number().int() });

export const MyDossierDocument = z.object({
  index: z.number().int(),
  name: z.string(),
  nameEn: z.string().nullable(),
  mandatory: z.boolean(),
  received: z.boolean(),
  files: z.array(MyDossierFile),
});

export const MyDossier = MyDossierSummary.extend({
  applicant: Applicant,
  settlingUnit: UnitRef,
  /** Where to collect a paper result: the receiving unit's name and address. */
  returnPlace: z.string().nullable(),
  documents: z.array(MyDossierDocument),
  fees: z.array(z.object({ label: z.string(), amountVnd: z.number().int() })),
  /** The reason given for a refusal, a stop or a rejection. */
  reason: z.string().nullable(),
  outcome: z.enum(['approved', 'rejected']).nullable(),
  /** The request for supplementation, when one was made. */
  supplement: z
    .object({
      requestedAt: Instant,
      deadline: Instant,
      /** What the officer asked for (their words). */
      missing: z.array(z.string()),
      receivedAt: Instant.nullable(),
      /** Open now: upload the documents (POST /uploads with `dossierCode`) and POST …/supplement. */
      canAnswer: z.boolean(),
      /** Completed uploads waiting to be sent with the answer. */
      uploads: z.array(Upload),
    })
    .nullable(),
  result: z.object({
    signedAt: Instant.nullable(),
    returnedAt: Instant.nullable(),
    /** GET …/result gives the signed PDF now. */
    downloadable: z.boolean(),
    /** The procedure lets the result be downloaded online (`full` level), once signed. */
    online: z.boolean(),
  }),
  rating: z.object({ canRate: z.boolean(), rated: z.boolean() }),
  /** POST …/withdraw is open now (open, before the decision); `withdrawn`: it was withdrawn at the applicant's request. */
  withdrawal: z.object({ canWithdraw: z.boolean(), withdrawn: z.boolean() }),
  timeline: z.array(TimelineEntry),
  /** For POST …/supplement and …/withdraw (409 VERSION_CONFLICT when stale). */
  version: z.number().int(),
});
export type MyDossier = z.infer<typeof MyDossier>;

/**
 * POST /api/v1/portal/dossiers/{code}/supplement: sends every completed upload
 * made for this dossier as the supplementation; the settlement time restarts.
 */
export const SupplementInput = z.strictObject({ version: z.number().int().min(1), note: z.string().trim().max(2000).nullable().optional() });
export type SupplementInput = z.infer<typeof SupplementInput>;

/** POST /api/v1/portal/dossiers/{code}/withdraw: the applicant withdraws their dossier before the result, saying why. */
export const WithdrawInput = z.strictObject({ version: z.number().int().min(1), reason: z.string().trim().min(1).max(2000) });
export type WithdrawInput = z.infer<typeof WithdrawInput>;

/** POST /api/v1/portal/dossiers/{code}/rating: the five criteria of the national service index, once, after the return. */
export const PortalRatingInput = z.strictObject({
  time: Score,
  attitude: Score,
  transparency: Score,
  ease: Score,
  overall: Score,
  comment: z.string().trim().max(1000).optional(),
});
export type PortalRatingInput = z.infer<typeof PortalRatingInput>;

export const RatingResult = FeedbackRatingResult;
