/**
 * The citizen portal: applying online and following one's dossiers.
 *
 * A signed-in citizen opens the application form of a procedure offered
 * online (`full` or `partial`), keeps a draft (applicant, receiving unit, the
 * files of each document line), submits it — and the dossiers module creates
 * an online dossier waiting for acceptance at the receive step, which the
 * receptionist accepts, refuses or guides exactly like a desk intake. Then the
 * citizen follows it under "My dossiers", answers a request for
 * supplementation online, downloads the result and rates the service.
 *
 * Decisions:
 * - Ownership is the only scope: every query of a draft, upload or dossier
 *   names the signed-in citizen, and another citizen's object answers the
 *   same 404 as one that does not exist (PORTAL_DRAFT_NOT_FOUND,
 *   PORTAL_UPLOAD_NOT_FOUND, DOSSIER_NOT_FOUND). Staff sessions never reach
 *   these routes (a separate cookie; 401).
 * - A draft may be incomplete; the whole applicant (contracts/dossiers.ts
 *   `Applicant`), a receiving unit among the form's, the procedure's
 *   applicant type, the CCCD's structure and a completed upload for every
 *   mandatory line are checked at submission (422 with the problems in
 *   `details`), where the dossier's rules are.
 * - Drafts carry a version (409 VERSION_CONFLICT when stale): two tabs do not
 *   overwrite each other. At most 20 open drafts per citizen.
 * - Submission is idempotent by the `Idempotency-Key` header: the draft's row
 *   is locked, so a retry (even a concurrent one) with the same key answers
 *   200 with the same dossier; another key for a submitted draft 409
 *   PORTAL_DRAFT_SUBMITTED; the key of another submission 422
 *   IDEMPOTENCY_KEY_REUSED. The dossier, its files, the uploads marked used
 *   and the draft marked submitted commit in one transaction (with the
 *   dossier's history, alert and audit rows). The lookup secret is answered
 *   on retries for 24 hours, then null and wiped from the draft at the
 *   citizen's next submission (as desk intakes keep theirs for a day).
 * - The applicant's e-mail and language default to the account's when the
 *   form leaves them empty (the e-mail only when the account proved it), so
 *   the notices (received, supplementation asked, result ready…) reach them
 *   like any applicant's: the notify module reads the dossier's applicant.
 * - Supplementation answered online: files are uploaded for the dossier's
 *   lines (POST /uploads with `dossierCode`, only while it is requested),
 *   then `POST …/supplement` calls `dossiers.receiveSupplementOnline`, the
 *   same `receive_supplement` transition as at the desk: the settlement time
 *   restarts in full.
 * - Withdrawn online: `POST …/withdraw` calls `dossiers.withdrawOnline`, the
 *   same `withdraw` transition the desk records from a written request (open,
 *   before the decision; not while waiting for acceptance, as the workflow's
 *   table says), with the citizen's reason; no visit to the desk is counted.
 * - Results online: the catalog does not say whether a result may be handed
 *   over online, so a `full`-level procedure's result (the signed PDF the
 *   documents module stored at signing) is downloadable by its owner from the
 *   signature on; `partial` results are collected at the desk. A refusal is
 *   not a result. The download is audited (`portal.result.read`).
 * - Every read of one's dossier (list or one) is audited, naming the dossier,
 *   never the applicant. Draft reads are not: the draft holds only what the
 *   citizen typed about themselves; changes to drafts are audited.
 */
import { and, count, desc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { Applicant, NATIONAL_STATUS, type ReceivedDocument } from '../../../contracts/dossiers.js';
import {
  PORTAL_CONTENT_TYPES,
  PORTAL_LIMITS,
  type ApplicantKind,
  type ApplicationForm,
  type Draft,
  type DraftApplicant,
  type DraftCreate,
  type DraftList,
  type DraftUpdate,
  type MyDossier,
  type MyDossierList,
  type MyDossierListQuery,
  type MyDossierSummary,
  type PortalRatingInput,
  type SubmitResult,
} from '../../../contracts/portal.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { citizenActor, type ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { citizenProfile, type CitizenProfile } from '../auth/citizen-profile.js';
import * as catalog from '../catalog/service.js';
import type { DossierRow } from '../dossiers/schema.js';
import * as dossiers from '../dossiers/service.js';
import { existingDocument } from '../documents/service.js';
import type { FileStorage } from '../documents/storage/storage.js';
import * as feedback from '../feedback/service.js';
import * as org from '../org/service.js';
import { portalDrafts, portalUploads, type PortalDraftRow, type PortalUploadRow } from './schema.js';
import { applicantKinds, completeApplicant, resultReady } from './rules.js';
import { pendingUploadsOfDossier, toUpload, uploadExpired, uploadsOfDraft } from './uploads.js';

const SECRET_KEPT_MS = 24 * 3_600_000;

// ---------------------------------------------------------------- the form

/** The applicant pre-filled from the account: a person whole; an organisation's contact fields. */
function prefilled(profile: CitizenProfile | undefined, kind: ApplicantKind): DraftApplicant {
  if (kind === 'organisation') {
    return { kind, name: null, taxCode: null, representative: profile?.fullName ?? null, address: null, phone: profile?.phone ?? null, email: profile?.email ?? null, language: profile?.language ?? 'vi' };
  }
  return {
    kind,
    fullName: profile?.fullName ?? null,
    idNumber: profile?.idNumber ?? null,
    birthDate: profile?.birthDate ?? null,
    address: profile?.address ?? null,
    phone: profile?.phone ?? null,
    email: profile?.email ?? null,
    language: profile?.language ?? 'vi',
  };
}

async function onlineProcedure(ctx: ServiceContext, code: string) {
  const detail = await catalog.getPublic(ctx, code);
  if (detail.onlineLevel === 'none') throw new DomainError('PORTAL_NOT_ONLINE', { code: detail.code });
  return detail;
}

export async function applicationForm(ctx: ServiceContext, code: string): Promise<ApplicationForm> {
  const actor = citizenActor(ctx);
  const proc = await onlineProcedure(ctx, code);
  const profile = await citizenProfile(ctx.database.db, actor.citizenId);
  const kinds = applicantKinds(proc.applicantType);
  return {
    procedure: {
      code: proc.code,
      name: proc.name,
      nameEn: proc.nameEn,
      onlineLevel: proc.onlineLevel,
      applicantType: proc.applicantType,
      settlement: proc.settlement,
      resultType: proc.resultType,
      supplementDays: proc.supplementDays,
    },
    applicantKinds: kinds,
    documents: proc.documents.map((d, index) => ({ index, name: d.name, nameEn: d.nameEn ?? null, form: d.form, quantity: d.quantity, mandatory: d.mandatory, templateId: d.templateId ?? null })),
    fees: proc.fees.map((f) => ({ label: f.label, labelEn: f.labelEn ?? null, amountVnd: f.amountVnd })),
    feeNote: proc.feeNote,
    units: proc.applyAt.map((u) => ({ code: u.unitCode, name: u.unitName, nameEn: u.unitNameEn, address: u.address })),
    applicant: prefilled(profile, kinds[0] ?? 'person'),
    resultOnline: proc.onlineLevel === 'full',
    limits: {
      fileBytes: PORTAL_LIMITS.fileBytes,
      chunkBytes: PORTAL_LIMITS.chunkBytes,
      filesPerDocument: PORTAL_LIMITS.filesPerDocument,
      filesPerDraft: PORTAL_LIMITS.filesPerDraft,
      contentTypes: [...PORTAL_CONTENT_TYPES],
    },
  };
}

// ---------------------------------------------------------------- drafts

async function ownDraft(db: DbOrTx, citizenId: string, id: string, lock = false): Promise<PortalDraftRow> {
  const where = and(eq(portalDrafts.id, id), eq(portalDrafts.citizenId, citizenId));
  const [row] = lock ? await db.select().from(portalDrafts).where(where).for('update') : await db.select().from(portalDrafts).where(where);
  if (!row) throw new DomainError('PORTAL_DRAFT_NOT_FOUND');
  return row;
}

/** The receiving unit chosen, when it is one of the form's (else 422 PROCEDURE_NOT_OFFERED). */
async function chosenUnit(ctx: ServiceContext, db: DbOrTx, unitCodes: readonly string[], code: string): Promise<string> {
  if (!unitCodes.includes(code)) throw new DomainError('PROCEDURE_NOT_OFFERED', { unit: code });
  const unit = await org.unitPlaceByCode(db, code);
  if (!unit?.active) throw new DomainError('PROCEDURE_NOT_OFFERED', { unit: code });
  return unit.id;
}

function checkKind(applicant: DraftApplicant, kinds: readonly ApplicantKind[], expected: string): void {
  if (!kinds.includes(applicant.kind)) throw new DomainError('APPLICANT_TYPE_MISMATCH', { expected, got: applicant.kind });
}

async function toDraft(db: DbOrTx, row: PortalDraftRow): Promise<Draft> {
  const [proc, unit, uploads, dossierCode] = await Promise.all([
    dossiers.procedureOf(db, row.procedureId),
    row.receivingUnitId ? org.unitPlaceById(db, row.receivingUnitId) : Promise.resolve(undefined),
    uploadsOfDraft(db, row.id),
    row.dossierId ? dossiers.codeOf(db, row.dossierId) : Promise.resolve(null),
  ]);
  return {
    id: row.id,
    status: row.status === 'submitted' ? 'submitted' : 'open',
    procedure: { code: proc.code, name: proc.name, nameEn: proc.nameEn, onlineLevel: proc.onlineLevel },
    receivingUnit: unit ? { code: unit.code, name: unit.name, nameEn: unit.nameEn, address: unit.address } : null,
    applicant: row.applicant,
    documents: proc.documents.map((d, index) => ({
      index,
      name: d.name,
      nameEn: d.nameEn ?? null,
      form: d.form,
      quantity: d.quantity,
      mandatory: d.mandatory,
      templateId: d.templateId ?? null,
      uploads: uploads.filter((u) => u.documentIndex === index).map((u) => toUpload(u, null)),
    })),
    dossierCode,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listDrafts(ctx: ServiceContext): Promise<DraftList> {
  const actor = citizenActor(ctx);
  const db = ctx.database.db;
  const rows = await db
    .select({
      id: portalDrafts.id,
      version: portalDrafts.version,
      createdAt: portalDrafts.createdAt,
      updatedAt: portalDrafts.updatedAt,
      procedureId: portalDrafts.procedureId,
      // Qualified by hand: drizzle writes a column of the outer table unqualified ("id"), which the subquery would read as its own.
      files: sql<number>`(SELECT count(*)::int FROM portal_uploads u WHERE u.draft_id = portal_drafts.id AND u.status = 'complete')`,
    })
    .from(portalDrafts)
    .where(and(eq(portalDrafts.citizenId, actor.citizenId), eq(portalDrafts.status, 'open')))
    .orderBy(desc(portalDrafts.updatedAt));
  const procs = await Promise.all([...new Set(rows.map((r) => r.procedureId))].map((id) => dossiers.procedureOf(db, id)));
  return {
    items: rows.map((r) => {
      const p = procs.find((x) => x.id === r.procedureId);
      return {
        id: r.id,
        status: 'open' as const,
        procedure: { code: p?.code ?? '', name: p?.name ?? '', nameEn: p?.nameEn ?? null },
        files: r.files,
        version: r.version,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    }),
  };
}

export async function createDraft(ctx: ServiceContext, input: DraftCreate): Promise<Draft> {
  const actor = citizenActor(ctx);
  const proc = await onlineProcedure(ctx, input.procedureCode);
  const kinds = applicantKinds(proc.applicantType);
  const applicant = input.applicant ?? prefilled(await citizenProfile(ctx.database.db, actor.citizenId), kinds[0] ?? 'person');
  checkKind(applicant, kinds, proc.applicantType);
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    const unitId = input.receivingUnitCode ? await chosenUnit(ctx, tx, proc.applyAt.map((u) => u.unitCode), input.receivingUnitCode) : null;
    // Serialises one citizen's creations so the limit holds under concurrency.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('portal_drafts'), hashtext(${actor.citizenId}))`);
    const [open] = await tx
      .select({ n: count() })
      .from(portalDrafts)
      .where(and(eq(portalDrafts.citizenId, actor.citizenId), eq(portalDrafts.status, 'open')));
    if ((open?.n ?? 0) >= PORTAL_LIMITS.openDrafts) throw new DomainError('PORTAL_DRAFT_LIMIT', { limit: PORTAL_LIMITS.openDrafts });
    const [created] = await tx
      .insert(portalDrafts)
      .values({ citizenId: actor.citizenId, procedureId: proc.id, receivingUnitId: unitId, applicant, createdAt: now, updatedAt: now })
      .returning();
    if (!created) throw new Error('insert returned nothing');
    await recordAudit(tx, ctx, { action: 'portal.draft.create', objectType: 'draft', objectId: created.id, details: { procedure: proc.code } });
    return created;
  });
  return toDraft(ctx.database.db, row);
}

export async function getDraft(ctx: ServiceContext, id: string): Promise<Draft> {
  const actor = citizenActor(ctx);
  return toDraft(ctx.database.db, await ownDraft(ctx.database.db, actor.citizenId, id));
}

async function openDraftAt(tx: Tx, citizenId: string, id: string, version: number): Promise<PortalDraftRow> {
  const row = await ownDraft(tx, citizenId, id, true);
  if (row.status !== 'open') throw new DomainError('PORTAL_DRAFT_SUBMITTED');
  if (row.version !== version) throw new DomainError('VERSION_CONFLICT', { current: row.version });
  return row;
}

export async function updateDraft(ctx: ServiceContext, id: string, input: DraftUpdate): Promise<Draft> {
  const actor = citizenActor(ctx);
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    const current = await openDraftAt(tx, actor.citizenId, id, input.version);
    const patch: Partial<typeof portalDrafts.$inferInsert> = { updatedAt: now };
    if (input.receivingUnitCode !== undefined || input.applicant !== undefined) {
      const proc = await dossiers.procedureOf(tx, current.procedureId);
      if (proc.onlineLevel === 'none' || !proc.active) throw new DomainError('PORTAL_NOT_ONLINE', { code: proc.code });
      if (input.applicant) {
        checkKind(input.applicant, applicantKinds(proc.applicantType), proc.applicantType);
        patch.applicant = input.applicant;
      }
      if (input.receivingUnitCode === null) patch.receivingUnitId = null;
      else if (input.receivingUnitCode) {
        const form = await catalog.getPublic(ctx, proc.code);
        patch.receivingUnitId = await chosenUnit(ctx, tx, form.applyAt.map((u) => u.unitCode), input.receivingUnitCode);
      }
    }
    const [updated] = await tx
      .update(portalDrafts)
      .set({ ...patch, version: sql`${portalDrafts.version} + 1` })
      .where(and(eq(portalDrafts.id, current.id), eq(portalDrafts.version, current.version)))
      .returning();
    if (!updated) throw new DomainError('VERSION_CONFLICT', {});
    await recordAudit(tx, ctx, { action: 'portal.draft.update', objectType: 'draft', objectId: current.id });
    return updated;
  });
  return toDraft(ctx.database.db, row);
}

export async function deleteDraft(ctx: ServiceContext, storage: FileStorage, id: string, version: number): Promise<void> {
  const actor = citizenActor(ctx);
  const keys = await ctx.database.db.transaction(async (tx) => {
    const current = await openDraftAt(tx, actor.citizenId, id, version);
    const uploads = await tx.select({ key: portalUploads.storageKey }).from(portalUploads).where(eq(portalUploads.draftId, current.id));
    await tx.delete(portalDrafts).where(eq(portalDrafts.id, current.id));
    await recordAudit(tx, ctx, { action: 'portal.draft.delete', objectType: 'draft', objectId: current.id });
    return uploads.flatMap((u) => (u.key ? [u.key] : []));
  });
  // After the commit, so a rolled-back delete keeps its files.
  await Promise.all(keys.map((k) => storage.delete(k).catch(() => undefined)));
}

// ---------------------------------------------------------------- submission

type Issue = { path: string; message: string };

function zodIssues(error: z.ZodError, prefix: string): Issue[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), message: i.message }));
}

async function submittedAnswer(ctx: ServiceContext, draft: PortalDraftRow): Promise<SubmitResult> {
  if (!draft.dossierId) throw new Error('a submitted draft without its dossier');
  const code = await dossiers.codeOf(ctx.database.db, draft.dossierId);
  const row = await dossiers.ownDossierRow(ctx, code);
  const fresh = draft.submittedAt !== null && ctx.clock.now().getTime() - draft.submittedAt.getTime() < SECRET_KEPT_MS;
  return { code, secret: fresh ? draft.submitSecret : null, status: row.status, acceptDueAt: row.acceptDueAt?.toISOString() ?? '', draftId: draft.id };
}

/** The lookup secrets kept for retried submissions are forgotten after 24 hours (the citizen's own drafts, by their index). */
async function forgetOldSecrets(db: DbOrTx, citizenId: string, now: Date): Promise<void> {
  await db
    .update(portalDrafts)
    .set({ submitSecret: null })
    .where(and(eq(portalDrafts.citizenId, citizenId), eq(portalDrafts.status, 'submitted'), lt(portalDrafts.submittedAt, new Date(now.getTime() - SECRET_KEPT_MS)), isNotNull(portalDrafts.submitSecret)));
}

export async function submitDraft(ctx: ServiceContext, id: string, key: string, input: { version: number }): Promise<{ created: boolean; result: SubmitResult }> {
  const actor = citizenActor(ctx);
  const db = ctx.database.db;
  const profile = await citizenProfile(db, actor.citizenId);
  const now = ctx.clock.now();
  await forgetOldSecrets(db, actor.citizenId, now);
  let outcome: { created: true; result: SubmitResult } | { created: false; draft: PortalDraftRow };
  try {
    outcome = await db.transaction(async (tx) => {
      // The lock orders concurrent submissions of one draft: the second sees the first's result.
      const draft = await ownDraft(tx, actor.citizenId, id, true);
      if (draft.status === 'submitted') {
        if (draft.submitKey === key) return { created: false as const, draft };
        throw new DomainError('PORTAL_DRAFT_SUBMITTED', { dossierCode: draft.dossierId ? await dossiers.codeOf(tx, draft.dossierId) : null });
      }
      const [reused] = await tx
        .select({ id: portalDrafts.id })
        .from(portalDrafts)
        .where(and(eq(portalDrafts.citizenId, actor.citizenId), eq(portalDrafts.submitKey, key)));
      if (reused) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
      if (draft.version !== input.version) throw new DomainError('VERSION_CONFLICT', { current: draft.version });
      const proc = await dossiers.procedureOf(tx, draft.procedureId);
      if (!proc.active) throw new DomainError('PROCEDURE_NOT_FOUND', { code: proc.code });
      if (proc.onlineLevel === 'none') throw new DomainError('PORTAL_NOT_ONLINE', { code: proc.code });

      const issues: Issue[] = [];
      const unit = draft.receivingUnitId ? await org.unitPlaceById(tx, draft.receivingUnitId) : undefined;
      if (!unit?.active) issues.push({ path: 'receivingUnitCode', message: 'required' });
      const parsed = Applicant.safeParse(completeApplicant(draft.applicant, profile));
      if (!parsed.success) issues.push(...zodIssues(parsed.error, 'applicant'));
      if (issues.length > 0 || !parsed.success || !unit) throw new DomainError('PORTAL_DRAFT_INCOMPLETE', { issues });

      // Locked: a concurrent delete of an upload waits for this commit (then finds it used).
      const uploads = (await tx.select().from(portalUploads).where(eq(portalUploads.draftId, draft.id)).for('update')).filter((u) => !uploadExpired(u, now));
      const unfinished = uploads.filter((u) => u.status !== 'complete');
      if (unfinished.length > 0) throw new DomainError('PORTAL_UPLOADS_INCOMPLETE', { uploads: unfinished.map((u) => u.id) });
      const byLine = (i: number) => uploads.filter((u) => u.documentIndex === i);
      const missing = proc.documents.flatMap((d, index) => (d.mandatory && byLine(index).length === 0 ? [{ index, name: d.name }] : []));
      if (missing.length > 0) throw new DomainError('PORTAL_DOCUMENTS_MISSING', { missing });

      const documents: ReceivedDocument[] = proc.documents.map((d, index) => ({ index, received: byLine(index).length > 0, form: d.form, count: byLine(index).length }));
      const files = uploads.map(storedFile);
      const made = await dossiers.createOnline(ctx, tx, { procedureCode: proc.code, receivingUnitCode: unit.code, applicant: parsed.data, documents, citizenId: actor.citizenId, files });
      await markUsed(tx, uploads, made.fileIds, made.id);
      await tx
        .update(portalDrafts)
        .set({ status: 'submitted', submitKey: key, submitSecret: made.secret, dossierId: made.id, submittedAt: now, updatedAt: now, version: sql`${portalDrafts.version} + 1` })
        .where(eq(portalDrafts.id, draft.id));
      await recordAudit(tx, ctx, { action: 'portal.draft.submit', objectType: 'dossier', objectId: made.code, details: { draft: draft.id, files: files.length } });
      return { created: true as const, result: { code: made.code, secret: made.secret, status: made.status, acceptDueAt: made.acceptDueAt, draftId: draft.id } };
    });
  } catch (err) {
    // The same key sent at once for two drafts: one wins, the other is told.
    if (isUniqueViolation(err, 'portal_drafts_submit_key')) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    throw err;
  }
  if (outcome.created) return outcome;
  return { created: false, result: await submittedAnswer(ctx, outcome.draft) };
}

/** A completed upload as the dossier's file: its bytes are in the storage already. */
function storedFile(u: PortalUploadRow) {
  if (u.status !== 'complete' || !u.storageKey) throw new Error(`upload ${u.id} is not complete`);
  return { documentIndex: u.documentIndex, fileName: u.fileName, contentType: u.contentType, size: u.size, sha256: u.sha256, storageKey: u.storageKey };
}

async function markUsed(tx: Tx, uploads: readonly PortalUploadRow[], fileIds: readonly string[], dossierId: string): Promise<void> {
  for (const [i, u] of uploads.entries()) {
    const fileId = fileIds[i];
    if (!fileId) throw new Error('a file of the dossier is missing');
    await tx.update(portalUploads).set({ dossierId, dossierFileId: fileId }).where(eq(portalUploads.id, u.id));
  }
}

// ---------------------------------------------------------------- my dossiers

function summaryOf(
  row: DossierRow,
  procedure: MyDossierSummary['procedure'],
  receivingUnit: { code: string; name: string; nameEn: string | null },
  rated: boolean,
): MyDossierSummary {
  const actionNeeded = row.status === 'supplement_requested' || (row.status === 'returned' && !rated) || (resultReady(row) && row.status !== 'returned');
  return {
    code: row.code,
    procedure,
    status: row.status,
    nationalStatus: NATIONAL_STATUS[row.status],
    step: row.step,
    receivingUnit: { code: receivingUnit.code, name: receivingUnit.name, nameEn: receivingUnit.nameEn },
    receivedAt: row.receivedAt.toISOString(),
    appointmentAt: row.dueAt?.toISOString() ?? null,
    acceptDueAt: row.status === 'pending_acceptance' ? (row.acceptDueAt?.toISOString() ?? null) : null,
    actionNeeded,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function myDossiers(ctx: ServiceContext, query: MyDossierListQuery & { page: number; pageSize: number }): Promise<MyDossierList> {
  const db = ctx.database.db;
  const { total, items } = await dossiers.ownDossiers(ctx, query);
  const rated = await feedback.ratedDossiers(db, items.map((i) => i.row.id));
  if (items.length > 0) await recordAudit(db, ctx, { action: 'portal.dossier.list', objectType: 'dossier', details: { shown: items.length } });
  return { total, page: query.page, items: items.map((i) => summaryOf(i.row, i.procedure, i.receivingUnit, rated.has(i.row.id))) };
}

async function resultDocument(db: DbOrTx, row: DossierRow) {
  const doc = await existingDocument(db, row.id, 'result');
  return doc?.signed ? doc : undefined;
}

export async function myDossier(ctx: ServiceContext, code: string): Promise<MyDossier> {
  const db = ctx.database.db;
  const own = await dossiers.ownDossier(ctx, code);
  const { row, procedure } = own;
  const [rated, doc, pending] = await Promise.all([feedback.ratedDossiers(db, [row.id]), resultDocument(db, row), pendingUploadsOfDossier(db, row.id)]);
  await recordAudit(db, ctx, { action: 'portal.dossier.read', objectType: 'dossier', objectId: row.code, unitId: row.receivingUnitId });
  const isRated = rated.has(row.id);
  const online = procedure.onlineLevel === 'full';
  const now = ctx.clock.now();
  return {
    ...summaryOf(row, { code: procedure.code, name: procedure.name, nameEn: procedure.nameEn }, own.receivingUnit, isRated),
    applicant: row.applicant,
    settlingUnit: { code: own.settlingUnit.code, name: own.settlingUnit.name, nameEn: own.settlingUnit.nameEn },
    returnPlace: [own.receivingUnit.name, own.receivingUnit.address].filter(Boolean).join(', ') || null,
    documents: row.documents.map((d) => {
      const r = procedure.documents[d.index];
      return {
        index: d.index,
        name: r?.name ?? '',
        nameEn: r?.nameEn ?? null,
        mandatory: r?.mandatory ?? false,
        received: d.received,
        files: own.files.filter((f) => f.documentIndex === d.index).map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, size: f.size })),
      };
    }),
    fees: procedure.fees.map((f) => ({ label: f.label, amountVnd: f.amountVnd })),
    reason: ['not_accepted', 'stopped'].includes(row.status) || row.outcome === 'rejected' ? row.reason : null,
    outcome: row.outcome,
    supplement:
      row.supplementRequestedAt && row.supplementDeadline
        ? {
            requestedAt: row.supplementRequestedAt.toISOString(),
            deadline: row.supplementDeadline.toISOString(),
            missing: row.supplementMissing ?? [],
            receivedAt: row.supplementReceivedAt?.toISOString() ?? null,
            canAnswer: row.status === 'supplement_requested',
            uploads: pending.filter((u) => !uploadExpired(u, now)).map((u) => toUpload(u, row.code)),
          }
        : null,
    result: { signedAt: row.signedAt?.toISOString() ?? null, returnedAt: row.returnedAt?.toISOString() ?? null, downloadable: online && resultReady(row) && doc !== undefined, online },
    rating: { canRate: row.status === 'returned' && !isRated, rated: isRated },
    withdrawal: { canWithdraw: dossiers.withdrawableOnline(row), withdrawn: row.withdrawn },
    timeline: own.timeline,
    version: row.version,
  };
}

/** Sends the uploads made for the dossier as the supplementation asked for; the settlement time restarts. */
export async function answerSupplement(ctx: ServiceContext, code: string, input: { version: number; note?: string | null }): Promise<MyDossier> {
  const db = ctx.database.db;
  const row = await dossiers.ownDossierRow(ctx, code);
  if (row.status !== 'supplement_requested') throw new DomainError('PORTAL_SUPPLEMENT_NOT_OPEN', { status: row.status });
  const now = ctx.clock.now();
  const pending = (await pendingUploadsOfDossier(db, row.id)).filter((u) => !uploadExpired(u, now));
  const unfinished = pending.filter((u) => u.status !== 'complete');
  if (unfinished.length > 0) throw new DomainError('PORTAL_UPLOADS_INCOMPLETE', { uploads: unfinished.map((u) => u.id) });
  const files = pending.map(storedFile);
  await dossiers.receiveSupplementOnline(ctx, row.code, { version: input.version, note: input.note ?? null, files }, async (tx, updated, fileIds) => {
    // Only uploads still there and unused: a concurrent delete makes this fail and roll back.
    const ids = pending.map((u) => u.id);
    const locked = await tx
      .select({ id: portalUploads.id })
      .from(portalUploads)
      .where(and(inArray(portalUploads.id, ids), isNull(portalUploads.dossierFileId)))
      .for('update');
    if (locked.length !== ids.length) throw new DomainError('VERSION_CONFLICT', { reason: 'uploads_changed' });
    await markUsed(tx, pending, fileIds, updated.id);
  });
  return myDossier(ctx, row.code);
}

/** Withdraws one's own dossier before the result (the workflow's `withdraw`, as the desk records it from a written request). */
export async function withdrawMine(ctx: ServiceContext, code: string, input: { version: number; reason: string }): Promise<MyDossier> {
  const row = await dossiers.withdrawOnline(ctx, code, input);
  return myDossier(ctx, row.code);
}

/** The signed result of one's own dossier (only a `full`-level procedure's, only once signed; audited). */
export async function resultFile(ctx: ServiceContext, storage: FileStorage, code: string): Promise<{ fileName: string; content: Buffer; sha256: string }> {
  const db = ctx.database.db;
  const row = await dossiers.ownDossierRow(ctx, code);
  const procedure = await dossiers.procedureOf(db, row.procedureId);
  if (procedure.onlineLevel !== 'full') throw new DomainError('PORTAL_RESULT_NOT_AVAILABLE', { reason: 'not_online' });
  if (row.outcome === 'rejected') throw new DomainError('PORTAL_RESULT_NOT_AVAILABLE', { reason: 'rejected' });
  const doc = resultReady(row) ? await resultDocument(db, row) : undefined;
  if (!doc) throw new DomainError('PORTAL_RESULT_NOT_AVAILABLE', { reason: 'not_ready' });
  const content = await storage.get(doc.storageKey);
  await recordAudit(db, ctx, { action: 'portal.result.read', objectType: 'dossier', objectId: row.code, unitId: row.receivingUnitId, details: { document: doc.id } });
  return { fileName: `${row.code}-ket-qua.pdf`, content, sha256: doc.sha256 };
}

/** The citizen rates their own returned dossier, once (the feedback module's rules). */
export async function rateMine(ctx: ServiceContext, code: string, input: PortalRatingInput) {
  const row = await dossiers.ownDossierRow(ctx, code);
  return feedback.rateByApplicant(ctx, row, input);
}
