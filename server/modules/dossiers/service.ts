/**
 * Dossiers: intake at the desk, the five-step workflow, reads, public lookup.
 *
 * Every state change is one transaction that writes the dossier, a history
 * row and an audit row; concurrent actions on one dossier are settled by the
 * version column (exactly one wins, the other gets 409 VERSION_CONFLICT).
 * Who may take an action is decided by the transition table (workflow.ts)
 * from the roles the officer holds on each side of the dossier (receiving
 * unit, settling unit, consulted unit, each with its subtree).
 *
 * Decisions (see also workflow.ts and rules.ts):
 * - Every desk intake is kept, whatever its outcome: an accepted dossier, an
 *   incomplete one (the request for supplementation is its slip) or a refused
 *   one (the refusal slip). All get a code, so each slip is numbered and the
 *   register (form 07) lists every visit.
 * - Due dates use the settling unit's calendar; the desk's acceptance window
 *   for online dossiers (8 working hours) the receiving unit's.
 * - The lookup secret is shown once: in the intake answer (kept with the
 *   idempotency key for a day, so a retried submission prints the same
 *   receipt) and when a receptionist reissues it for a lost receipt.
 * - Reading a dossier, listing dossiers and downloading a scan are audited
 *   (personal data); the audit names the dossier, never the applicant.
 * - An online dossier from the citizen portal (`createOnline`, within the
 *   portal's transaction) carries its files, already in the storage, and the
 *   account (`citizen_id`); the citizen's reads (`ownDossier`, `ownDossiers`,
 *   `ownDossierRow`) filter by that account in SQL, so another citizen's
 *   dossier is 404 like a missing one. `receiveSupplementOnline` is the same
 *   `receive_supplement` transition as at the desk, taken by the owner: no
 *   role, the state table's rules, the clock restarting, history and audit in
 *   one transaction (the history row has no staff actor).
 * - Trips to the desk (`visits`, the reports' trips per dossier) are counted
 *   in the same INSERT/UPDATE that records them: an intake in person (1,
 *   whatever its outcome: a guided or refused intake was a trip too; by post
 *   or online 0), a supplement an officer records received
 *   (`receive_supplement`; online, by the owner: none), and a result handed
 *   over at the desk (`return_result` with `desk`; by post or online: none).
 * - `withdraw` (the applicant's written request, Decree 118/2025) ends the
 *   dossier as `stop` does, with `withdrawn = true`; `stop` is the
 *   authority's.
 * - Dossiers brought by the historical import (import.ts, `import_id` set)
 *   are read-only: `refuseImported` answers 409 DOSSIER_IMPORTED wherever an
 *   action or an edit loads the row (actions, secret reissue, scans, the
 *   digitised flag, the owner's supplementation; ratings and documents call
 *   it too). They have no applicant in the API, no actions, and are in no
 *   inbox view (nor the deadline job's sweep).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { StepPlan, Step } from '../../../contracts/catalog.js';
import {
  FINAL_STATUSES,
  NATIONAL_STATUS,
  type Action,
  type ActionBody,
  type Dossier,
  type DossierAlert,
  type DossierList,
  type DossierListQuery,
  type DossierSummary,
  type HistoryEntry,
  type InboxView,
  type IntakeInput,
  type IntakeResult,
  type LookupResult,
  type Status,
} from '../../../contracts/dossiers.js';
import type { Role } from '../../../contracts/roles.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { citizenActor, staffActor, type ServiceContext, type StaffActor } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { newStorageKey, type FileStorage } from '../documents/storage/storage.js';
import { checkUpload, UPLOAD_CONTENT_TYPES, UPLOAD_LIMIT_BYTES, UploadRejectedError, type CheckedUpload } from '../documents/storage/upload.js';
import { limitRequests } from '../auth/rate-limit.js';
import { levelOfKind } from '../catalog/service.js';
import type { WorkingCalendar } from '../calendar/calendar.js';
import { addWorkingDays, addWorkingHours, dueDate, endOfWorkingDay, workingTimeBetween } from '../calendar/due-date.js';
import { parseIsoDate } from '../calendar/local-date.js';
import { resolveCalendar } from '../calendar/service.js';
import { inUnitScope, uuidArray } from '../org/scope.js';
import { overdueNow, RUNNING_SQL } from './overdue.js';
import * as q from './queries.js';
import {
  citizenIdProblem,
  dossierCode,
  extensionLatest,
  hashSecret,
  newSecret,
  normaliseSecret,
  receiptDay,
  shiftByPause,
  stepDueDates,
  supplementWindowEnd,
  timeliness,
} from './rules.js';
import { applicantNotices, dossierConsultations, dossierFiles, dossierHistory, dossiers, dossierTransfers, type DossierRow, type StepDueRow } from './schema.js';
import { applyAction, availableActions, checkAction, mayTake, type Holdings, type WorkflowAction, type WorkflowState } from './workflow.js';

type UnitInfo = NonNullable<Awaited<ReturnType<typeof q.unitByCode>>>;
type ProcedureRow = NonNullable<Awaited<ReturnType<typeof q.procedureById>>>;

const LOOKUP_LIMIT = 30;

/** Calendars per unit, for one request or one job run. */
class Calendars {
  private readonly cache = new Map<string, Promise<WorkingCalendar>>();
  constructor(private readonly db: DbOrTx) {}
  of(unitId: string): Promise<WorkingCalendar> {
    let c = this.cache.get(unitId);
    if (!c) {
      c = resolveCalendar(this.db, unitId);
      this.cache.set(unitId, c);
    }
    return c;
  }
}

// ---------------------------------------------------------------- intake

function applicantName(a: IntakeInput['applicant']): string {
  return a.kind === 'person' ? a.fullName : a.name;
}

function requestHash(input: IntakeInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

function checkApplicant(a: IntakeInput['applicant'], proc: ProcedureRow): void {
  const wanted = proc.applicantType;
  if ((wanted === 'citizen' && a.kind !== 'person') || (wanted === 'business' && a.kind !== 'organisation')) {
    throw new DomainError('APPLICANT_TYPE_MISMATCH', { expected: wanted, got: a.kind });
  }
  if (a.kind === 'person') {
    const problem = citizenIdProblem(a.idNumber, a.birthDate);
    if (problem) throw new DomainError('CITIZEN_ID_INVALID', { reason: problem });
  }
}

/** The ticked list must be the procedure's list: every line once, no others. */
function checkDocuments(input: IntakeInput, proc: ProcedureRow): string[] {
  const required = proc.documents;
  const unknown = input.documents.filter((d) => d.index >= required.length).map((d) => d.index);
  const listed = new Set(input.documents.map((d) => d.index));
  const absent = required.map((_, i) => i).filter((i) => !listed.has(i));
  if (unknown.length > 0 || absent.length > 0) throw new DomainError('DOSSIER_DOCUMENTS_MISMATCH', { unknown, absent, expected: required.length });
  const byIndex = new Map(input.documents.map((d) => [d.index, d]));
  const missing = required.filter((r, i) => r.mandatory && !(byIndex.get(i)?.received && (byIndex.get(i)?.count ?? 0) > 0)).map((r) => r.name);
  if (input.outcome === 'accepted' && missing.length > 0) throw new DomainError('DOSSIER_DOCUMENTS_INCOMPLETE', { missing });
  const all = [...missing, ...input.missing];
  if (input.outcome === 'incomplete' && all.length === 0) throw new DomainError('DOSSIER_NOTHING_MISSING');
  return input.outcome === 'incomplete' ? all : [];
}

async function implementedBy(tx: DbOrTx, proc: ProcedureRow, unit: UnitInfo): Promise<boolean> {
  const listed = await tx.execute<{ unit_id: string }>(sql`SELECT unit_id FROM procedure_units WHERE procedure_id = ${proc.id}`);
  if (listed.rows.length > 0) return listed.rows.some((r) => r.unit_id === unit.id);
  return levelOfKind(unit.kind) === proc.level;
}

function rolesAt(actor: StaffActor, ancestors: readonly string[]): Role[] {
  return actor.grants.filter((g) => ancestors.includes(g.unitId)).map((g) => g.role);
}

/** Which unit and role perform a step under the plan. */
async function assigneeOf(tx: DbOrTx, plan: StepPlan, step: Step | null, receivingId: string, settlingId: string): Promise<{ unitId: string | null; role: Role | null }> {
  const planned = step ? plan.find((s) => s.step === step) : undefined;
  if (!planned) return { unitId: null, role: null };
  if (planned.performer === 'receiving_unit') return { unitId: receivingId, role: planned.role };
  if (planned.performer === 'settling_unit' || !planned.unitCode) return { unitId: settlingId, role: planned.role };
  const fixed = await q.unitByCode(tx, planned.unitCode);
  return { unitId: fixed?.id ?? settlingId, role: planned.role };
}

function uniq(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function stepDueRows(dues: { step: Step; dueAt: Date }[]): StepDueRow[] {
  return dues.map((d) => ({ step: d.step, dueAt: d.dueAt.toISOString() }));
}

function dueOfStep(rows: readonly StepDueRow[], step: Step | null): Date | null {
  const found = step ? rows.find((r) => r.step === step) : undefined;
  return found ? new Date(found.dueAt) : null;
}

export async function intake(ctx: ServiceContext, key: string, input: IntakeInput): Promise<{ created: boolean; result: IntakeResult }> {
  const actor = staffActor(ctx);
  const hash = requestHash(input);
  const outcome = await ctx.database.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    if (!(await q.claimIntakeKey(tx, actor.staffId, key, hash, now))) {
      const existing = await q.intakeKey(tx, actor.staffId, key);
      if (!existing || existing.requestHash !== hash || !existing.dossierId) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
      return { created: false as const, row: await dossierById(tx, existing.dossierId), secret: existing.secret };
    }
    const proc = await procedureOrThrow(tx, input.procedureCode);
    const receiving = input.receivingUnitCode ? await q.unitByCode(tx, input.receivingUnitCode) : (await q.unitRefs(tx, [actor.unitId]))[0];
    if (!receiving?.active) throw new DomainError('UNIT_NOT_FOUND', { field: 'receivingUnitCode' });
    const intakeRoots = actor.scope('dossier.intake');
    if (!receiving.ancestors.some((id) => intakeRoots.includes(id))) throw new DomainError('DOSSIER_ROLE_FORBIDDEN', { action: 'intake' });
    const settling = input.settlingUnitCode ? await q.unitByCode(tx, input.settlingUnitCode) : receiving;
    if (!settling?.active) throw new DomainError('UNIT_NOT_FOUND', { field: 'settlingUnitCode' });
    // Boundary-free filing within the province (Decree 118/2025 Art. 15): same tree root.
    if (settling.ancestors[0] !== receiving.ancestors[0]) throw new DomainError('PROCEDURE_NOT_OFFERED', { unit: settling.code });
    if (!(await implementedBy(tx, proc, settling))) throw new DomainError('PROCEDURE_NOT_OFFERED', { unit: settling.code, procedure: proc.code });
    const counter = input.counterCode ? await q.counterOf(tx, receiving.id, input.counterCode) : undefined;
    if (input.counterCode && !counter) throw new DomainError('COUNTER_NOT_FOUND', { code: input.counterCode });
    checkApplicant(input.applicant, proc);
    const missing = checkDocuments(input, proc);

    const status: Status = input.outcome === 'accepted' ? 'processing' : input.outcome === 'incomplete' ? 'intake_incomplete' : 'not_accepted';
    const row = await createDossier(ctx, tx, {
      proc,
      receiving,
      settling,
      counterId: counter?.id ?? null,
      channel: input.channel,
      status,
      applicant: input.applicant,
      documents: input.documents,
      missing,
      sets: input.sets,
      priority: input.priority,
      reason: input.reason ?? null,
      note: input.note ?? null,
      action: `intake_${input.outcome}`,
    });
    const { secret, ...stored } = row;
    await tx.execute(sql`UPDATE intake_keys SET dossier_id = ${row.id}, secret = ${secret} WHERE staff_id = ${actor.staffId} AND key = ${key}`);
    await recordAudit(tx, ctx, { action: `dossier.intake.${input.outcome}`, objectType: 'dossier', objectId: row.code, unitId: receiving.id });
    return { created: true as const, row: stored, secret };
  });
  return { created: outcome.created, result: { dossier: await toDossier(ctx, ctx.database.db, outcome.row, actor), secret: outcome.secret } };
}

type NewDossier = {
  proc: ProcedureRow;
  receiving: UnitInfo;
  settling: UnitInfo;
  counterId: string | null;
  channel: 'in_person' | 'online' | 'post';
  /** processing (accepted at the desk), pending_acceptance (online), intake_incomplete or not_accepted. */
  status: Status;
  applicant: IntakeInput['applicant'];
  documents: IntakeInput['documents'];
  missing: string[];
  sets: number;
  priority: IntakeInput['priority'];
  reason: string | null;
  note: string | null;
  action: string;
  /** The citizen account that applied online (portal), else absent. */
  citizenId?: string | null;
};

/** Numbers, dates and inserts a dossier with its first history row; returns it with its secret. */
async function createDossier(ctx: ServiceContext, tx: Tx, d: NewDossier): Promise<DossierRow & { secret: string }> {
  const now = ctx.clock.now();
  const actorId = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null;
  const receivingCal = await resolveCalendar(tx, d.receiving.id);
  const settlingCal = d.settling.id === d.receiving.id ? receivingCal : await resolveCalendar(tx, d.settling.id);
  const secret = newSecret();
  const running = d.status === 'processing';
  const pending = d.status === 'pending_acceptance';
  const step: Step | null = running ? 'appraise' : pending ? 'receive' : null;
  const due = running ? dueDate(settlingCal, now, d.proc.settlement) : null;
  const dues = due ? stepDueRows(stepDueDates(settlingCal, now, due, d.proc.stepPlan)) : [];
  const assignee = await assigneeOf(tx, d.proc.stepPlan, step, d.receiving.id, d.settling.id);
  const a = d.applicant;
  // Last before the insert: the (unit, day) sequence row stays locked until commit.
  const sequence = await q.nextSequence(tx, d.receiving.id, receiptDay(receivingCal, now));
  const [row] = await tx
    .insert(dossiers)
    .values({
      code: dossierCode(d.receiving.code, receivingCal, now, sequence),
      secretHash: hashSecret(secret),
      procedureId: d.proc.id,
      receivingUnitId: d.receiving.id,
      settlingUnitId: d.settling.id,
      scopeUnits: uniq([...d.receiving.ancestors, ...d.settling.ancestors]),
      counterId: d.counterId,
      channel: d.channel,
      status: d.status,
      step,
      applicant: a,
      applicantName: applicantName(a),
      applicantIdNumber: a.kind === 'person' ? a.idNumber : a.taxCode,
      priority: d.priority,
      documents: d.documents.map((x) => ({ index: x.index, received: x.received, form: x.form, count: x.count })).sort((x, y) => x.index - y.index),
      missing: d.missing,
      sets: d.sets,
      reason: d.reason,
      note: d.note,
      assigneeUnitId: assignee.unitId,
      assigneeRole: assignee.role,
      receivedAt: now,
      // Online: accept or send back within 8 working hours (Decree 118/2025 Art. 15).
      acceptDueAt: pending ? addWorkingHours(receivingCal, now, 8) : null,
      clockStartedAt: running ? now : null,
      dueAt: due,
      stepDues: dues,
      stepDueAt: dueOfStep(dues, step),
      createdBy: actorId,
      // A trip to the desk: the applicant came in person (also when guided to complete or refused).
      visits: d.channel === 'in_person' ? 1 : 0,
      citizenId: d.citizenId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  await tx.insert(dossierHistory).values({
    dossierId: row.id,
    at: now,
    actorId,
    action: d.action,
    fromStatus: null,
    toStatus: d.status,
    fromStep: pending ? null : 'receive',
    toStep: step,
    fromUnitId: d.receiving.id,
    toUnitId: running ? d.settling.id : null,
    note: d.reason ?? d.note,
    details: d.missing.length > 0 ? { missing: d.missing } : {},
  });
  // An accepted dossier: the applicant is told its appointment (notify delivers it after commit).
  if (due) await tx.insert(applicantNotices).values({ dossierId: row.id, kind: 'received', payload: { appointmentAt: due.toISOString() }, createdAt: now });
  return { ...row, secret };
}

/** A file already in the storage (checked, under a key the server made) that becomes a dossier's scan. */
export type StoredFile = { documentIndex: number; fileName: string; contentType: string; size: number; sha256: string; storageKey: string };

export type OnlineSubmission = {
  procedureCode: string;
  receivingUnitCode: string;
  settlingUnitCode?: string | null;
  applicant: IntakeInput['applicant'];
  documents: IntakeInput['documents'];
  priority?: IntakeInput['priority'];
  /** The citizen account applying (the portal); absent for the national portal. */
  citizenId?: string | null;
  /** Files sent with it, in the storage already. */
  files?: StoredFile[];
};

export type OnlineSubmitted = { id: string; code: string; secret: string; status: Status; acceptDueAt: string; fileIds: string[] };

/**
 * An online dossier (from the citizen portal or the national portal): it
 * waits at the receive step until a receptionist of the receiving unit
 * accepts it or sends it back, within 8 working hours; the settlement time
 * starts at acceptance. The portal issue builds its HTTP side on this.
 */
export async function submitOnline(ctx: ServiceContext, input: OnlineSubmission): Promise<{ code: string; secret: string; acceptDueAt: string }> {
  const done = await ctx.database.db.transaction((tx) => createOnline(ctx, tx, input));
  return { code: done.code, secret: done.secret, acceptDueAt: done.acceptDueAt };
}

/**
 * `submitOnline` within the caller's transaction (the portal commits its draft
 * with the dossier). The files become the dossier's scans, in the order given
 * (`fileIds`).
 */
export async function createOnline(ctx: ServiceContext, tx: Tx, input: OnlineSubmission): Promise<OnlineSubmitted> {
  const proc = await procedureOrThrow(tx, input.procedureCode);
  const receiving = await unitOrThrow(tx, input.receivingUnitCode, 'receivingUnitCode');
  const settling = input.settlingUnitCode ? await unitOrThrow(tx, input.settlingUnitCode, 'settlingUnitCode') : receiving;
  if (!(await implementedBy(tx, proc, settling))) throw new DomainError('PROCEDURE_NOT_OFFERED', { unit: settling.code, procedure: proc.code });
  checkApplicant(input.applicant, proc);
  const unknown = (input.files ?? []).filter((f) => f.documentIndex >= proc.documents.length).map((f) => f.documentIndex);
  if (unknown.length > 0) throw new DomainError('DOSSIER_DOCUMENTS_MISMATCH', { unknown });
  const row = await createDossier(ctx, tx, {
    proc,
    receiving,
    settling,
    counterId: null,
    channel: 'online',
    status: 'pending_acceptance',
    applicant: input.applicant,
    documents: input.documents,
    missing: [],
    sets: 1,
    priority: input.priority ?? [],
    reason: null,
    note: null,
    action: 'submit_online',
    citizenId: input.citizenId ?? null,
  });
  const fileIds = await insertStoredFiles(tx, row.id, input.files ?? [], row.receivedAt);
  await tx.execute(sql`
    INSERT INTO dossier_alerts (dossier_id, kind, step, due_at, unit_id, role, created_at)
    VALUES (${row.id}, 'online_received', 'receive', ${row.acceptDueAt}, ${row.assigneeUnitId}, ${row.assigneeRole}, ${row.receivedAt})`);
  await recordAudit(tx, ctx, { action: 'dossier.submit_online', objectType: 'dossier', objectId: row.code, unitId: receiving.id, details: fileIds.length > 0 ? { files: fileIds.length } : undefined });
  return { id: row.id, code: row.code, secret: row.secret, status: row.status, acceptDueAt: row.acceptDueAt?.toISOString() ?? '', fileIds };
}

async function insertStoredFiles(tx: Tx, dossierId: string, files: readonly StoredFile[], now: Date): Promise<string[]> {
  if (files.length === 0) return [];
  const rows = await tx
    .insert(dossierFiles)
    .values(files.map((f) => ({ dossierId, documentIndex: f.documentIndex, fileName: f.fileName, contentType: f.contentType, size: f.size, sha256: f.sha256, storageKey: f.storageKey, uploadedBy: null, createdAt: now })))
    .returning({ id: dossierFiles.id, storageKey: dossierFiles.storageKey });
  // RETURNING keeps no promised order: match by the (unique, server-made) storage key.
  return files.map((f) => rows.find((r) => r.storageKey === f.storageKey)?.id ?? '');
}

async function procedureOrThrow(tx: DbOrTx, code: string): Promise<ProcedureRow> {
  const [row] = await tx.execute<{ id: string }>(sql`SELECT id FROM procedures WHERE code = ${code} AND active`).then((r) => r.rows);
  const proc = row ? await q.procedureById(tx, row.id) : undefined;
  if (!proc) throw new DomainError('PROCEDURE_NOT_FOUND', { code });
  return proc;
}

async function dossierById(db: DbOrTx, id: string): Promise<DossierRow> {
  const [row] = await db.select().from(dossiers).where(eq(dossiers.id, id));
  if (!row) throw new Error('dossier vanished');
  return row;
}

// ---------------------------------------------------------------- actions

function stateOf(row: DossierRow): WorkflowState {
  return {
    status: row.status,
    step: row.step,
    outcome: row.outcome,
    supplementRequests: row.supplementRequests,
    extended: row.extendedAt !== null,
    openConsultations: row.openConsultations,
  };
}

async function holdingsOf(tx: DbOrTx, actor: StaffActor, row: DossierRow): Promise<Holdings> {
  const open = row.openConsultations > 0 ? await q.openConsultationUnits(tx, row.id) : [];
  const assignee = row.assigneeUnitId ? [row.assigneeUnitId] : [];
  const places = await q.unitRefs(tx, uniq([row.receivingUnitId, row.settlingUnitId, ...assignee, ...open.map((c) => c.unitId)]));
  const chain = (id: string) => places.find((p) => p.id === id)?.ancestors ?? [];
  return {
    assignee: row.assigneeUnitId ? rolesAt(actor, chain(row.assigneeUnitId)) : [],
    receiving: rolesAt(actor, chain(row.receivingUnitId)),
    settling: rolesAt(actor, chain(row.settlingUnitId)),
    consulted: uniq(open.flatMap((c) => rolesAt(actor, chain(c.unitId)))) as Role[],
  };
}

type Patch = Partial<typeof dossiers.$inferInsert>;
/** One more trip of the applicant to the desk, counted in the same UPDATE (reports: trips per dossier). */
const visitPatch = { visits: sql`${dossiers.visits} + 1` } as unknown as Patch;
type Effect = { patch: Patch; note?: string | null; details?: Record<string, unknown>; toUnitId?: string; notice?: { kind: string; payload?: Record<string, unknown> } };

/** Imported dossiers (historical import) are read-only: every action and edit is refused. */
export function refuseImported(row: Pick<DossierRow, 'importId' | 'code'>): void {
  if (row.importId !== null) throw new DomainError('DOSSIER_IMPORTED', { code: row.code });
}

/** The dossier an officer may take `action` on now, or the error they would get (404, 409 version or state, 403 role). */
async function actionable(ctx: ServiceContext, db: DbOrTx, actor: StaffActor, code: string, action: Action, body: { version: number; toStep?: Step }): Promise<DossierRow> {
  const current = await q.dossierByCode(db, code, actor.scope('dossier.read'));
  if (!current) throw new DomainError('DOSSIER_NOT_FOUND', { code });
  refuseImported(current);
  if (current.version !== body.version) throw new DomainError('VERSION_CONFLICT', { current: current.version });
  // What the state does not allow is refused as such (409), whoever asks; then the role (403).
  const invalid = checkAction(stateOf(current), action, body.toStep ? { toStep: body.toStep } : {});
  if (invalid) throw new DomainError(invalid, { action, status: current.status, step: current.step });
  const holdings = await holdingsOf(db, actor, current);
  if (!mayTake(action, holdings)) throw new DomainError('DOSSIER_ROLE_FORBIDDEN', { action });
  return current;
}

/** What another module needs of a dossier to prepare an action's documents (the result to sign, a letter). */
export type ActionSubject = { row: DossierRow; procedure: ProcedureRow };

/**
 * Checks, without changing anything, that the officer may take `action` now
 * (the same errors `act` would answer), so that work done before the action —
 * rendering and signing a PDF — is not done for nothing.
 */
export async function checkActionNow(ctx: ServiceContext, code: string, action: Action, body: { version: number }): Promise<ActionSubject> {
  const actor = staffActor(ctx);
  const row = await actionable(ctx, ctx.database.db, actor, code, action, body);
  const procedure = await q.procedureById(ctx.database.db, row.procedureId);
  if (!procedure) throw new Error('procedure of a dossier vanished');
  return { row, procedure };
}

/**
 * Takes an action on a dossier for an officer (or, for `close`, the system).
 * `within` runs in the same transaction after the transition (another
 * module's rows that must commit with it, e.g. the signed result).
 */
export async function act<A extends Action>(
  ctx: ServiceContext,
  code: string,
  action: A,
  body: ActionBody<A>,
  within?: (tx: Tx, updated: DossierRow, before: DossierRow) => Promise<void>,
): Promise<Dossier> {
  const actor = staffActor(ctx);
  const row = await ctx.database.db.transaction(async (tx) => {
    const current = await actionable(ctx, tx, actor, code, action, body as { version: number; toStep?: Step });
    const updated = await transition(ctx, tx, current, action, body as ActionBody<Action>);
    if (within) await within(tx, updated, current);
    return updated;
  });
  return toDossier(ctx, ctx.database.db, row, actor);
}

async function transition(ctx: ServiceContext, tx: Tx, current: DossierRow, action: WorkflowAction, body: Partial<ActionBody<Action>> & { version: number }): Promise<DossierRow> {
  const params = 'toStep' in body ? { toStep: body.toStep } : {};
  const next = applyAction(stateOf(current), action, params);
  if (!next.ok) throw new DomainError(next.error, { action, status: current.status, step: current.step });
  const now = ctx.clock.now();
  const proc = await q.procedureById(tx, current.procedureId);
  if (!proc) throw new Error('procedure of a dossier vanished');
  const cals = new Calendars(tx);
  const effect = await effectOf(ctx, tx, cals, current, proc, action, body, now);
  const state = next.state;
  let settlingId = effect.patch.settlingUnitId ?? current.settlingUnitId;
  const stepChanged = state.step !== current.step || settlingId !== current.settlingUnitId;
  const patch: Patch = { ...effect.patch, status: state.status, step: state.step, outcome: state.outcome, updatedAt: now };
  if (stepChanged || FINAL_STATUSES.includes(state.status)) {
    const assignee = await assigneeOf(tx, proc.stepPlan, state.step, current.receivingUnitId, settlingId);
    patch.assigneeUnitId = assignee.unitId;
    patch.assigneeRole = assignee.role;
    patch.assigneeStaffId = null;
    const dues = patch.stepDues ?? current.stepDues;
    patch.stepDueAt = dueOfStep(dues, state.step);
  }
  settlingId = patch.settlingUnitId ?? current.settlingUnitId;
  const [updated] = await tx
    .update(dossiers)
    .set({ ...patch, version: sql`${dossiers.version} + 1` })
    .where(and(eq(dossiers.id, current.id), eq(dossiers.version, current.version)))
    .returning();
  if (!updated) throw new DomainError('VERSION_CONFLICT', {});
  const actorId = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null;
  await tx.insert(dossierHistory).values({
    dossierId: current.id,
    at: now,
    actorId,
    action,
    fromStatus: current.status,
    toStatus: state.status,
    fromStep: current.step,
    toStep: state.step,
    fromUnitId: current.settlingUnitId,
    toUnitId: effect.toUnitId ?? settlingId,
    note: effect.note ?? null,
    details: effect.details ?? {},
  });
  if (effect.notice) await tx.insert(applicantNotices).values({ dossierId: current.id, kind: effect.notice.kind, payload: effect.notice.payload ?? {}, createdAt: now });
  await recordAudit(tx, ctx, { action: `dossier.${action}`, objectType: 'dossier', objectId: current.code, unitId: settlingId });
  return updated;
}

function restartClock(cal: WorkingCalendar, proc: ProcedureRow, now: Date): Patch {
  const due = dueDate(cal, now, proc.settlement);
  const dues = stepDueRows(stepDueDates(cal, now, due, proc.stepPlan));
  return { clockStartedAt: now, dueAt: due, stepDues: dues, pausedAt: null, overdueAt: null };
}

function resumeClock(cal: WorkingCalendar, row: DossierRow, now: Date): Patch {
  if (!row.pausedAt || !row.dueAt) return { pausedAt: null };
  const from = row.pausedAt;
  const shift = (d: Date) => shiftByPause(cal, d, from, now);
  return {
    pausedAt: null,
    dueAt: shift(row.dueAt),
    originalDueAt: row.originalDueAt ? shift(row.originalDueAt) : null,
    stepDues: row.stepDues.map((s) => ({ step: s.step, dueAt: shift(new Date(s.dueAt)).toISOString() })),
  };
}

async function unitOrThrow(tx: DbOrTx, code: string, field: string): Promise<UnitInfo> {
  const unit = await q.unitByCode(tx, code);
  if (!unit?.active) throw new DomainError('UNIT_NOT_FOUND', { field, code });
  return unit;
}

async function effectOf(
  ctx: ServiceContext,
  tx: Tx,
  cals: Calendars,
  row: DossierRow,
  proc: ProcedureRow,
  action: WorkflowAction,
  body: Partial<ActionBody<Action>> & { version: number },
  now: Date,
): Promise<Effect> {
  const b = body as Record<string, unknown>;
  const note = (b.note as string | null | undefined) ?? (b.reason as string | undefined) ?? null;
  const settlingCal = () => cals.of(row.settlingUnitId);
  switch (action) {
    case 'accept': {
      const patch = restartClock(await settlingCal(), proc, now);
      return { patch, note, toUnitId: row.settlingUnitId, notice: { kind: 'received', payload: { appointmentAt: patch.dueAt?.toISOString() ?? null } } };
    }
    case 'refuse_intake': {
      const missing = (b.missing as string[] | undefined) ?? [];
      return { patch: { reason: b.reason as string, missing, closedAt: now }, note, details: { missing }, notice: { kind: 'not_accepted' } };
    }
    case 'assign': {
      const staffId = (b.staffId as string | null | undefined) ?? (ctx.actor.kind === 'staff' ? ctx.actor.staffId : null);
      if (staffId) {
        const [person] = await q.staffNames(tx, [staffId]);
        const unit = row.assigneeUnitId ? (await q.unitRefs(tx, [row.assigneeUnitId]))[0] : undefined;
        const personUnit = person ? (await q.unitRefs(tx, [person.unitId]))[0] : undefined;
        if (!person?.active || !personUnit || !unit || !personUnit.ancestors.includes(unit.id)) throw new DomainError('STAFF_NOT_FOUND', { id: staffId });
      }
      return { patch: { assigneeStaffId: staffId }, note, details: { staffId } };
    }
    case 'forward':
      return { patch: {}, note, details: b.proposal ? { proposal: b.proposal } : {} };
    case 'send_back':
      return { patch: { decidedAt: null }, note, details: { toStep: b.toStep } };
    case 'request_supplement': {
      const cal = await settlingCal();
      const started = row.clockStartedAt ?? row.receivedAt;
      if (now.getTime() > supplementWindowEnd(cal, started).getTime()) throw new DomainError('DOSSIER_SUPPLEMENT_WINDOW_CLOSED', { until: supplementWindowEnd(cal, started).toISOString() });
      const missing = b.missing as string[];
      const deadline = dueDate(cal, now, { kind: 'calendar_days', amount: proc.supplementDays });
      return {
        patch: { pausedAt: now, supplementRequestedAt: now, supplementDeadline: deadline, supplementMissing: missing, supplementRequests: row.supplementRequests + 1 },
        note,
        details: { missing, deadline: deadline.toISOString() },
        notice: { kind: 'supplement_requested', payload: { deadline: deadline.toISOString() } },
      };
    }
    case 'receive_supplement':
      // Decree 118/2025 Art. 19: the settlement time restarts in full. Recorded by an officer, the
      // applicant brought it to the office: a trip (online, the citizen takes it: none).
      return { patch: { ...restartClock(await settlingCal(), proc, now), supplementReceivedAt: now, ...(ctx.actor.kind === 'staff' ? visitPatch : {}) }, note };
    case 'close':
      return { patch: { closedAt: now, pausedAt: null }, note: null, details: { reason: 'supplement_not_received' }, notice: { kind: 'closed' } };
    case 'consult': {
      const unit = await unitOrThrow(tx, b.unitCode as string, 'unitCode');
      if (unit.id === row.settlingUnitId) throw new DomainError('DOSSIER_CONSULT_SELF');
      const dueAt = addWorkingDays(await settlingCal(), now, b.days as number);
      const actorId = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null;
      const [c] = await tx.insert(dossierConsultations).values({ dossierId: row.id, unitId: unit.id, question: b.question as string, dueAt, askedBy: actorId, askedAt: now }).returning({ id: dossierConsultations.id });
      return {
        patch: { openConsultations: row.openConsultations + 1, scopeUnits: uniq([...row.scopeUnits, ...unit.ancestors]) },
        note: b.question as string,
        toUnitId: unit.id,
        details: { consultationId: c?.id, unit: unit.code, dueAt: dueAt.toISOString() },
      };
    }
    case 'answer_consultation': {
      const actor = staffActor(ctx);
      const open = await q.openConsultationUnits(tx, row.id);
      const target = open.find((c) => c.id === b.consultationId);
      const unit = target ? (await q.unitRefs(tx, [target.unitId]))[0] : undefined;
      if (!target || !unit) throw new DomainError('DOSSIER_NO_OPEN_CONSULTATION', { id: b.consultationId });
      if (rolesAt(actor, unit.ancestors).length === 0) throw new DomainError('DOSSIER_ROLE_FORBIDDEN', { action });
      await tx.update(dossierConsultations).set({ answer: b.answer as string, answeredBy: actor.staffId, answeredAt: now }).where(eq(dossierConsultations.id, target.id));
      return { patch: { openConsultations: row.openConsultations - 1 }, note: b.answer as string, toUnitId: row.settlingUnitId, details: { consultationId: target.id } };
    }
    case 'transfer': {
      const to = await unitOrThrow(tx, b.unitCode as string, 'unitCode');
      if (to.id === row.settlingUnitId) throw new DomainError('DOSSIER_TRANSFER_SELF');
      if (!(await implementedBy(tx, proc, to)) && to.ancestors[0] !== row.scopeUnits[0]) throw new DomainError('PROCEDURE_NOT_OFFERED', { unit: to.code });
      const cal = await settlingCal();
      const taskList = b.tasks as { unitCode: string; task: string; days: number }[];
      const tasks = [];
      const extra: string[] = [...to.ancestors];
      for (const t of taskList) {
        const u = await unitOrThrow(tx, t.unitCode, 'tasks');
        extra.push(...u.ancestors);
        tasks.push({ unitId: u.id, task: t.task, dueAt: addWorkingDays(cal, now, t.days).toISOString() });
      }
      const actorId = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null;
      await tx.insert(dossierTransfers).values({ dossierId: row.id, at: now, fromUnitId: row.settlingUnitId, toUnitId: to.id, reason: b.reason as string, tasks, by: actorId });
      // The clock keeps running (Decree 118/2025 Art. 20): due dates stay.
      return { patch: { settlingUnitId: to.id, scopeUnits: uniq([...row.scopeUnits, ...extra]) }, note, toUnitId: to.id, details: { tasks }, notice: { kind: 'transferred', payload: { toUnitId: to.id } } };
    }
    case 'approve':
      return { patch: { decidedAt: now }, note };
    case 'reject':
    case 'sign': {
      const cal = await settlingCal();
      const due = row.dueAt ?? now;
      const patch: Patch = { finishedAt: now, timeliness: timeliness(cal, now, due, row.extendedAt !== null) };
      if (action === 'reject') Object.assign(patch, { decidedAt: now, reason: b.reason as string });
      else patch.signedAt = now;
      return { patch, note, notice: { kind: action === 'reject' ? 'rejected' : 'result_ready' } };
    }
    case 'request_payment': {
      const items = b.items as { label: string; amountVnd: number }[];
      return { patch: { paymentItems: items, paymentRequestedAt: now, paidAt: null, receiptNumber: null, pausedAt: now }, note, details: { totalVnd: items.reduce((s, i) => s + i.amountVnd, 0) }, notice: { kind: 'payment_requested' } };
    }
    case 'record_payment':
      return { patch: { ...resumeClock(await settlingCal(), row, now), paidAt: now, receiptNumber: b.receiptNumber as string }, note, details: { receiptNumber: b.receiptNumber } };
    case 'stop':
    case 'withdraw':
      // Both end `stopped`; `withdrawn` tells the applicant's request (Decree 118/2025) from the authority's stop.
      return { patch: { reason: b.reason as string, closedAt: now, pausedAt: null, withdrawn: action === 'withdraw' }, note, notice: { kind: action === 'withdraw' ? 'withdrawn' : 'stopped' } };
    case 'extend': {
      const cal = await settlingCal();
      if (!row.dueAt) throw new DomainError('DOSSIER_TRANSITION_INVALID', { action });
      if (!extensionLatest(cal, now, row.dueAt)) throw new DomainError('DOSSIER_EXTENSION_TOO_LATE', { dueAt: row.dueAt.toISOString() });
      const day = parseIsoDate(b.newDueDate as string);
      if (!cal.isWorkingDay(day)) throw new DomainError('DOSSIER_EXTENSION_DATE_INVALID', { reason: 'not_a_working_day' });
      const newDue = endOfWorkingDay(cal, day);
      if (newDue.getTime() <= row.dueAt.getTime()) throw new DomainError('DOSSIER_EXTENSION_DATE_INVALID', { reason: 'not_later' });
      const from = row.step ?? 'appraise';
      const remaining = stepDueDates(cal, now, newDue, proc.stepPlan, from);
      const dues = row.stepDues.map((s) => remaining.find((r) => r.step === s.step) ?? { step: s.step, dueAt: new Date(s.dueAt) });
      return {
        patch: { originalDueAt: row.dueAt, dueAt: newDue, extendedAt: now, extensionReason: b.reason as string, stepDues: stepDueRows(dues), stepDueAt: dueOfStep(stepDueRows(dues), row.step), overdueAt: null },
        note,
        details: { from: row.dueAt.toISOString(), to: newDue.toISOString() },
        notice: { kind: 'apology_extension', payload: { newDueAt: newDue.toISOString() } },
      };
    }
    case 'return_result': {
      const at = b.receivedAt ? new Date(b.receivedAt as string) : now;
      if (at.getTime() > now.getTime() + 60_000) throw new DomainError('DOSSIER_RETURN_TIME_INVALID');
      return {
        patch: { returnedAt: at, returnMethod: b.method as 'desk', returnedTo: b.receivedBy as string, ...(b.method === 'desk' ? visitPatch : {}) },
        note,
        details: { method: b.method },
        notice: { kind: 'returned', payload: { returnedAt: at.toISOString(), method: b.method } },
      };
    }
  }
}

/** Closes dossiers whose supplementation did not arrive in time (the deadline job). */
export async function closeExpiredSupplements(ctx: ServiceContext, limit = 500): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.database.db
    .select({ id: dossiers.id })
    .from(dossiers)
    .where(and(eq(dossiers.status, 'supplement_requested'), lte(dossiers.supplementDeadline, now)))
    .limit(limit);
  let closed = 0;
  for (const { id } of due) {
    await ctx.database.db.transaction(async (tx) => {
      const [row] = await tx.select().from(dossiers).where(and(eq(dossiers.id, id), eq(dossiers.status, 'supplement_requested'))).for('update');
      if (!row) return;
      await transition(ctx, tx, row, 'close', { version: row.version });
      closed++;
    });
  }
  return closed;
}

// ---------------------------------------------------------------- reads

async function summaries(ctx: ServiceContext, db: DbOrTx, rows: DossierRow[]): Promise<DossierSummary[]> {
  const [procs, unitRows, people] = await Promise.all([
    q.proceduresByIds(db, uniq(rows.map((r) => r.procedureId))),
    q.unitRefs(db, uniq(rows.flatMap((r) => [r.receivingUnitId, r.settlingUnitId]))),
    q.staffNames(db, uniq(rows.flatMap((r) => (r.assigneeStaffId ? [r.assigneeStaffId] : [])))),
  ]);
  const cals = new Calendars(db);
  const now = ctx.clock.now();
  const unitRef = (id: string) => {
    const u = unitRows.find((x) => x.id === id);
    return { id, code: u?.code ?? '', name: u?.name ?? '', nameEn: u?.nameEn ?? null };
  };
  return Promise.all(
    rows.map(async (r) => {
      const p = procs.find((x) => x.id === r.procedureId);
      const waiting = r.status === 'pending_acceptance' ? workingTimeBetween(await cals.of(r.receivingUnitId), r.receivedAt, now) / 3_600_000 : null;
      return {
        code: r.code,
        procedure: { code: p?.code ?? '', name: p?.name ?? '', nameEn: p?.nameEn ?? null },
        applicantName: r.applicantName,
        channel: r.channel,
        status: r.status,
        step: r.step,
        receivingUnit: unitRef(r.receivingUnitId),
        settlingUnit: unitRef(r.settlingUnitId),
        assignee: { unitId: r.assigneeUnitId, role: r.assigneeRole, staffId: r.assigneeStaffId, staffName: people.find((s) => s.id === r.assigneeStaffId)?.fullName ?? null },
        priority: r.priority,
        receivedAt: r.receivedAt.toISOString(),
        dueAt: r.dueAt?.toISOString() ?? null,
        stepDueAt: r.stepDueAt?.toISOString() ?? null,
        overdue: isOverdue(r, now),
        waitingHours: waiting === null ? null : Math.round(waiting * 10) / 10,
        acceptDueAt: r.acceptDueAt?.toISOString() ?? null,
        timeliness: r.timeliness,
        imported: r.importId !== null,
        version: r.version,
      };
    }),
  );
}

function isOverdue(r: DossierRow, now: Date): boolean {
  if (r.status === 'pending_acceptance') return r.acceptDueAt !== null && r.acceptDueAt < now;
  if (r.status !== 'processing' && r.status !== 'payment_requested') return false;
  if (r.outcome !== null && r.step === 'return') return false;
  return r.dueAt !== null && r.dueAt < now;
}

async function toDossier(ctx: ServiceContext, db: DbOrTx, row: DossierRow, actor: StaffActor | null): Promise<Dossier> {
  // Independent reads run side by side on the pool.
  const [[summary], proc, files, consultations, transfers, counter, holdings] = await Promise.all([
    summaries(ctx, db, [row]),
    q.procedureById(db, row.procedureId),
    q.filesOf(db, row.id),
    q.consultationsOf(db, row.id),
    q.transfersOf(db, row.id),
    row.counterId ? q.counterById(db, row.counterId) : Promise.resolve(undefined),
    actor ? holdingsOf(db, actor, row) : Promise.resolve(null),
  ]);
  if (!summary) throw new Error('unreachable');
  const unitIds = uniq([...consultations.map((c) => c.unitId), ...transfers.flatMap((t) => [t.fromUnitId, t.toUnitId, ...t.tasks.map((k) => k.unitId)])]);
  const unitRows = await q.unitRefs(db, unitIds);
  const ref = (id: string) => {
    const u = unitRows.find((x) => x.id === id);
    return { id, code: u?.code ?? '', name: u?.name ?? '', nameEn: u?.nameEn ?? null };
  };
  const required = proc?.documents ?? [];
  // An imported dossier is read-only: no action is offered.
  const actions = holdings && row.importId === null ? availableActions(stateOf(row), holdings) : [];
  const importedFrom = row.importId ? await q.importSource(db, row.importId) : null;
  const items = row.paymentItems ?? [];
  return {
    ...summary,
    applicant: row.importId ? null : row.applicant,
    importedFrom,
    counter: counter ?? null,
    sets: row.sets,
    documents: row.documents.map((d) => {
      const r = required[d.index];
      return {
        index: d.index,
        name: r?.name ?? '',
        nameEn: r?.nameEn ?? null,
        mandatory: r?.mandatory ?? false,
        required: { form: r?.form ?? 'original_or_copy', quantity: r?.quantity ?? 1 },
        received: d.received,
        form: d.form as Dossier['documents'][number]['form'],
        count: d.count,
        digitised: d.digitised ?? false,
        files: files.filter((f) => f.documentIndex === d.index).map(({ documentIndex: _i, ...f }) => f),
      };
    }),
    missing: row.missing,
    reason: row.reason,
    outcome: row.outcome,
    clockStartedAt: row.clockStartedAt?.toISOString() ?? null,
    originalDueAt: row.originalDueAt?.toISOString() ?? null,
    stepDues: row.stepDues,
    extension: row.extendedAt && row.dueAt ? { reason: row.extensionReason ?? '', at: row.extendedAt.toISOString(), newDueAt: row.dueAt.toISOString() } : null,
    supplement:
      row.supplementRequestedAt && row.supplementDeadline
        ? { requestedAt: row.supplementRequestedAt.toISOString(), deadline: row.supplementDeadline.toISOString(), missing: row.supplementMissing ?? [], receivedAt: row.supplementReceivedAt?.toISOString() ?? null }
        : null,
    payment: row.paymentRequestedAt
      ? { items, totalVnd: items.reduce((s, i) => s + i.amountVnd, 0), requestedAt: row.paymentRequestedAt.toISOString(), paidAt: row.paidAt?.toISOString() ?? null, receiptNumber: row.receiptNumber }
      : null,
    result: {
      decidedAt: row.decidedAt?.toISOString() ?? null,
      signedAt: row.signedAt?.toISOString() ?? null,
      finishedAt: row.finishedAt?.toISOString() ?? null,
      returnedAt: row.returnedAt?.toISOString() ?? null,
      method: row.returnMethod,
      receivedBy: row.returnedTo,
    },
    consultations: consultations.map((c) => ({
      id: c.id,
      unit: ref(c.unitId),
      question: c.question,
      dueAt: c.dueAt.toISOString(),
      askedAt: c.askedAt.toISOString(),
      answer: c.answer,
      answeredAt: c.answeredAt?.toISOString() ?? null,
    })),
    transfers: transfers.map((t) => ({
      id: t.id,
      at: t.at.toISOString(),
      fromUnit: ref(t.fromUnitId),
      toUnit: ref(t.toUnitId),
      reason: t.reason,
      tasks: t.tasks.map((k) => ({ unit: ref(k.unitId), task: k.task, dueAt: k.dueAt })),
    })),
    fees: proc?.fees.map((f) => ({ label: f.label, amountVnd: f.amountVnd })) ?? [],
    actions,
  };
}

async function visibleDossier(ctx: ServiceContext, db: DbOrTx, code: string): Promise<{ actor: StaffActor; row: DossierRow }> {
  const actor = staffActor(ctx);
  const row = await q.dossierByCode(db, code, actor.scope('dossier.read'));
  if (!row) throw new DomainError('DOSSIER_NOT_FOUND', { code });
  return { actor, row };
}

/** A dossier's procedure (the catalog's row), for another module's work on the dossier. */
export async function procedureOf(db: DbOrTx, procedureId: string): Promise<ProcedureRow> {
  const proc = await q.procedureById(db, procedureId);
  if (!proc) throw new Error('procedure of a dossier vanished');
  return proc;
}

/** A dossier's code by its id (for a public answer that names the dossier, as its documents print it). */
export async function codeOf(db: DbOrTx, id: string): Promise<string> {
  const [row] = await db.select({ code: dossiers.code }).from(dossiers).where(eq(dossiers.id, id));
  return row?.code ?? '';
}

/** A dossier the officer may see (404 otherwise), for another module's reads about it (not audited here: say what you read). */
export async function visibleRow(ctx: ServiceContext, code: string): Promise<DossierRow> {
  return (await visibleDossier(ctx, ctx.database.db, code)).row;
}

export async function getDossier(ctx: ServiceContext, code: string): Promise<Dossier> {
  const { actor, row } = await visibleDossier(ctx, ctx.database.db, code);
  await recordAudit(ctx.database.db, ctx, { action: 'dossier.read', objectType: 'dossier', objectId: row.code, unitId: row.settlingUnitId });
  return toDossier(ctx, ctx.database.db, row, actor);
}

export async function history(ctx: ServiceContext, code: string): Promise<HistoryEntry[]> {
  const { row } = await visibleDossier(ctx, ctx.database.db, code);
  const rows = await q.historyOf(ctx.database.db, row.id);
  const [people, unitRows] = await Promise.all([
    q.staffNames(ctx.database.db, uniq(rows.flatMap((h) => (h.actorId ? [h.actorId] : [])))),
    q.unitRefs(ctx.database.db, uniq(rows.flatMap((h) => [h.fromUnitId, h.toUnitId].filter((x): x is string => x !== null)))),
  ]);
  const codeOf = (id: string | null) => (id ? (unitRows.find((u) => u.id === id)?.code ?? null) : null);
  return rows.map((h) => {
    const person = people.find((p) => p.id === h.actorId);
    return {
      id: String(h.id),
      at: h.at.toISOString(),
      action: h.action,
      actor: { staffId: h.actorId, name: person?.fullName ?? null, unitCode: person ? codeOf(person.unitId) : null },
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      fromStep: h.fromStep,
      toStep: h.toStep,
      fromUnit: codeOf(h.fromUnitId),
      toUnit: codeOf(h.toUnitId),
      note: h.note,
      details: h.details,
    };
  });
}

const OPEN_SQL = sql`${dossiers.status} IN ('pending_acceptance', 'processing', 'supplement_requested', 'payment_requested')`;

/** The officer's own grant units, per role (the "my tasks" inbox matches them exactly). */
function grantPairs(actor: StaffActor): SQL {
  const pairs = actor.grants.filter((g) => g.role !== 'admin' && g.role !== 'viewer');
  if (pairs.length === 0) return sql`false`;
  return sql`(${sql.join(
    pairs.map((g) => sql`(${dossiers.assigneeUnitId} = ${g.unitId} AND ${dossiers.assigneeRole} = ${g.role})`),
    sql` OR `,
  )})`;
}

async function viewConditions(ctx: ServiceContext, actor: StaffActor): Promise<Record<Exclude<InboxView, 'all'>, SQL>> {
  const now = ctx.clock.now();
  const cal = await resolveCalendar(ctx.database.db, actor.unitId);
  const soon = addWorkingDays(cal, now, 1);
  const myUnits = uniq(actor.grants.map((g) => g.unitId));
  const units = myUnits.length ? inArray(dossiers.assigneeUnitId, myUnits) : sql`false`;
  const mine = or(eq(dossiers.assigneeStaffId, actor.staffId), and(isNull(dossiers.assigneeStaffId), grantPairs(actor))) ?? sql`false`;
  return {
    mine: and(OPEN_SQL, mine) ?? sql`false`,
    unit: and(OPEN_SQL, units) ?? sql`false`,
    due_soon: sql`${RUNNING_SQL} AND ${units} AND ((${dossiers.stepDueAt} > ${now} AND ${dossiers.stepDueAt} <= ${soon}) OR (${dossiers.dueAt} > ${now} AND ${dossiers.dueAt} <= ${soon}))`,
    overdue: overdueNow(now),
    supplement: eq(dossiers.status, 'supplement_requested'),
    acceptance: eq(dossiers.status, 'pending_acceptance'),
    // Uncorrelated, so PostgreSQL evaluates it once rather than per dossier.
    consultations: sql`${dossiers.id} IN (SELECT c.dossier_id FROM dossier_consultations c WHERE c.answered_at IS NULL AND c.unit_id IN (SELECT id FROM units WHERE ancestors && ${uuidArray(actor.scope('dossier.process'))}))`,
  };
}

const CODE_PATTERN = /^[A-Z0-9.]+-\d{6}-\d{4,}$/i;

function searchCondition(text: string): { where: SQL; kind: 'code' | 'id_number' | 'name' } {
  if (CODE_PATTERN.test(text)) return { where: eq(dossiers.code, text.toUpperCase()), kind: 'code' };
  if (/^(?:\d{10,12}|\d{10}-\d{3})$/.test(text)) return { where: eq(dossiers.applicantIdNumber, text), kind: 'id_number' };
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return { where: sql`${dossiers.searchName} LIKE '%' || motcua_unaccent(lower(${escaped})) || '%'`, kind: 'name' };
}

export async function list(ctx: ServiceContext, query: DossierListQuery & { page: number; pageSize: number }): Promise<DossierList> {
  const actor = staffActor(ctx);
  const db = ctx.database.db;
  const conds: SQL[] = [q.visibleTo(actor.scope('dossier.read'))];
  // Inbox views are work to do: an imported dossier (read-only) is in none of them.
  if (query.view && query.view !== 'all') conds.push((await viewConditions(ctx, actor))[query.view], isNull(dossiers.importId));
  if (query.status) conds.push(eq(dossiers.status, query.status));
  if (query.step) conds.push(eq(dossiers.step, query.step));
  if (query.unit) {
    const unit = await q.unitByCode(db, query.unit);
    if (!unit) throw new DomainError('UNIT_NOT_FOUND', { field: 'unit', code: query.unit });
    conds.push(or(eq(dossiers.receivingUnitId, unit.id), eq(dossiers.settlingUnitId, unit.id)) ?? sql`false`);
  }
  if (query.procedure) conds.push(sql`${dossiers.procedureId} = (SELECT id FROM procedures WHERE code = ${query.procedure})`);
  if (query.assignee) conds.push(query.assignee === 'none' ? isNull(dossiers.assigneeStaffId) : eq(dossiers.assigneeStaffId, query.assignee));
  if (query.settlingUnit) {
    const unit = await q.unitByCode(db, query.settlingUnit);
    if (!unit) throw new DomainError('UNIT_NOT_FOUND', { field: 'settlingUnit', code: query.settlingUnit });
    conds.push(query.includeDescendants === 'true' ? inUnitScope(dossiers.settlingUnitId, [unit.id]) : eq(dossiers.settlingUnitId, unit.id));
  }
  if (query.overdue !== undefined) {
    const now = ctx.clock.now();
    const overdue = overdueNow(now);
    conds.push(query.overdue ? overdue : sql`NOT (${overdue})`);
  }
  const cal = query.receivedFrom || query.receivedTo ? await resolveCalendar(db, actor.unitId) : null;
  if (cal && query.receivedFrom) conds.push(gt(dossiers.receivedAt, new Date(cal.toInstant(parseIsoDate(query.receivedFrom), 0) - 1)));
  if (cal && query.receivedTo) conds.push(sql`${dossiers.receivedAt} < ${new Date(cal.toInstant(parseIsoDate(query.receivedTo) + 1, 0))}`);
  const search = query.q ? searchCondition(query.q) : null;
  if (search) conds.push(search.where);
  const where = and(...conds) ?? sql`true`;
  const orderBy = query.view && !['all'].includes(query.view) ? 'due' : 'received';
  const pageSize = query.pageSize;
  const { total, rows } = await q.listDossiers(db, { where, orderBy }, pageSize, (query.page - 1) * pageSize);
  if (rows.length > 0) {
    await recordAudit(db, ctx, { action: 'dossier.list', objectType: 'dossier', details: { view: query.view ?? null, search: search?.kind ?? null, shown: rows.length } });
  }
  return { total, page: query.page, items: await summaries(ctx, db, rows) };
}

/** Deadline alerts of the last 30 days for the officer: assigned to them, or to a unit and role they hold. */
export async function alerts(ctx: ServiceContext): Promise<DossierAlert[]> {
  const actor = staffActor(ctx);
  const since = new Date(ctx.clock.now().getTime() - 30 * 86_400_000);
  const pairs = actor.grants.filter((g) => g.role !== 'admin' && g.role !== 'viewer');
  const mine = sql.join([sql`a.staff_id = ${actor.staffId}`, ...pairs.map((g) => sql`(a.staff_id IS NULL AND a.unit_id = ${g.unitId} AND a.role = ${g.role})`)], sql` OR `);
  const rows = await ctx.database.db.execute<{ code: string; kind: string; step: Step | null; due_at: Date; created_at: Date }>(sql`
    SELECT d.code, a.kind, a.step, a.due_at, a.created_at FROM dossier_alerts a JOIN dossiers d ON d.id = a.dossier_id
    WHERE a.created_at > ${since} AND (${mine}) AND d.scope_units && ${uuidArray(actor.scope('dossier.read'))}
      AND d.status IN ('pending_acceptance', 'processing', 'supplement_requested', 'payment_requested')
    ORDER BY a.created_at DESC LIMIT 100`);
  return rows.rows.map((r) => ({ code: r.code, kind: r.kind as DossierAlert['kind'], step: r.step, dueAt: new Date(r.due_at).toISOString(), createdAt: new Date(r.created_at).toISOString() }));
}

export async function inbox(ctx: ServiceContext): Promise<Record<string, number>> {
  const actor = staffActor(ctx);
  const conditions = await viewConditions(ctx, actor);
  return q.inboxCounts(ctx.database.db, sql`${q.visibleTo(actor.scope('dossier.read'))} AND ${OPEN_SQL} AND ${dossiers.importId} IS NULL`, conditions);
}

/** A new lookup secret for a lost receipt; the old one stops working. */
export async function reissueSecret(ctx: ServiceContext, code: string): Promise<{ code: string; secret: string }> {
  const actor = staffActor(ctx);
  return ctx.database.db.transaction(async (tx) => {
    const row = await q.dossierByCode(tx, code, actor.scope('dossier.read'));
    if (!row) throw new DomainError('DOSSIER_NOT_FOUND', { code });
    refuseImported(row);
    const place = (await q.unitRefs(tx, [row.receivingUnitId]))[0];
    if (!place || !rolesAt(actor, place.ancestors).includes('receptionist')) throw new DomainError('DOSSIER_ROLE_FORBIDDEN', { action: 'reissue_secret' });
    const secret = newSecret();
    await tx.update(dossiers).set({ secretHash: hashSecret(secret), updatedAt: ctx.clock.now() }).where(eq(dossiers.id, row.id));
    await tx.insert(dossierHistory).values({ dossierId: row.id, at: ctx.clock.now(), actorId: actor.staffId, action: 'reissue_secret', fromStatus: row.status, toStatus: row.status, fromStep: row.step, toStep: row.step });
    await recordAudit(tx, ctx, { action: 'dossier.secret.reissue', objectType: 'dossier', objectId: row.code, unitId: row.receivingUnitId });
    return { code: row.code, secret };
  });
}

// ---------------------------------------------------------------- files

/** An upload's checks as the API's errors (one mapping for every module that takes uploads). */
export function checkedUpload(upload: { fileName: string; contentType: string; content: Buffer }): CheckedUpload {
  try {
    return checkUpload({ fileName: upload.fileName, declaredType: upload.contentType, content: upload.content });
  } catch (err) {
    if (!(err instanceof UploadRejectedError)) throw err;
    const details = { reason: err.reason, allowed: UPLOAD_CONTENT_TYPES };
    if (err.reason === 'empty') throw new DomainError('UPLOAD_EMPTY', details);
    if (err.reason === 'corrupt') throw new DomainError('UPLOAD_CORRUPT', details);
    if (err.reason === 'encrypted') throw new DomainError('UPLOAD_ENCRYPTED', details);
    if (err.reason === 'too_large') throw new DomainError('BODY_TOO_LARGE', { limit: UPLOAD_LIMIT_BYTES });
    throw new DomainError('DOSSIER_FILE_TYPE_NOT_ALLOWED', { ...details, contentType: upload.contentType });
  }
}

/**
 * Attaches a scan to a document of the dossier. The bytes go to the file
 * storage first (under a key the server makes), then the row commits; when
 * the transaction fails, the stored bytes are removed again, so nothing is
 * left half-stored.
 */
export async function addFile(ctx: ServiceContext, storage: FileStorage, code: string, documentIndex: number, upload: { fileName: string; contentType: string; content: Buffer }) {
  const actor = staffActor(ctx);
  const checked = checkedUpload(upload);
  const now = ctx.clock.now();
  // Checked before the bytes are written: nothing is stored for a request that would be refused.
  const found = await q.dossierByCode(ctx.database.db, code, actor.scope('dossier.process'));
  if (!found) throw new DomainError('DOSSIER_NOT_FOUND', { code });
  refuseImported(found);
  const key = newStorageKey('scans', now);
  await storage.put(key, upload.content, checked.contentType);
  try {
    return await ctx.database.db.transaction(async (tx) => {
      const row = await q.dossierByCode(tx, code, actor.scope('dossier.process'));
      if (!row) throw new DomainError('DOSSIER_NOT_FOUND', { code });
      if (!row.documents.some((d) => d.index === documentIndex)) throw new DomainError('DOSSIER_DOCUMENTS_MISMATCH', { unknown: [documentIndex] });
      const holdings = await holdingsOf(tx, actor, row);
      if (!(holdings.receiving?.length || holdings.settling?.length)) throw new DomainError('DOSSIER_ROLE_FORBIDDEN', { action: 'attach' });
      const [file] = await tx
        .insert(dossierFiles)
        .values({ dossierId: row.id, documentIndex, fileName: checked.fileName, contentType: checked.contentType, size: checked.size, sha256: checked.sha256, storageKey: key, uploadedBy: actor.staffId, createdAt: now })
        .returning();
      if (!file) throw new Error('insert returned nothing');
      await recordAudit(tx, ctx, { action: 'dossier.file.add', objectType: 'dossier', objectId: row.code, details: { file: file.id, document: documentIndex } });
      return { id: file.id, fileName: file.fileName, contentType: file.contentType, size: file.size, sha256: file.sha256 };
    });
  } catch (err) {
    await storage.delete(key).catch(() => undefined);
    throw err;
  }
}

/** A scan's bytes and how to send them (audited: a scan is personal data). */
export async function fileOf(ctx: ServiceContext, storage: FileStorage, code: string, id: string): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const { row } = await visibleDossier(ctx, ctx.database.db, code);
  const file = await q.fileContent(ctx.database.db, row.id, id);
  if (!file) throw new DomainError('DOSSIER_FILE_NOT_FOUND', { id });
  // Scans attached before the storage existed are still in the row.
  const content = file.storageKey ? await storage.get(file.storageKey) : file.content;
  if (!content) throw new Error(`scan ${file.id} has neither a storage key nor content`);
  await recordAudit(ctx.database.db, ctx, { action: 'dossier.file.read', objectType: 'dossier', objectId: row.code, details: { file: id } });
  return { fileName: file.fileName, contentType: file.contentType, content };
}

/**
 * Marks a received document as digitised (scanned, linked to the dossier,
 * reusable) or not. It needs a scan of that document; it changes no step, so
 * it is audited but not a line of the processing history, and does not move
 * the dossier's version (an officer's open page keeps working).
 */
export async function setDigitised(ctx: ServiceContext, code: string, documentIndex: number, digitised: boolean): Promise<Dossier> {
  const actor = staffActor(ctx);
  const row = await ctx.database.db.transaction(async (tx) => {
    const current = await q.dossierByCode(tx, code, actor.scope('dossier.process'));
    if (!current) throw new DomainError('DOSSIER_NOT_FOUND', { code });
    refuseImported(current);
    const line = current.documents.find((d) => d.index === documentIndex);
    if (!line) throw new DomainError('DOSSIER_DOCUMENTS_MISMATCH', { unknown: [documentIndex] });
    const holdings = await holdingsOf(tx, actor, current);
    if (!(holdings.receiving?.length || holdings.settling?.length)) throw new DomainError('DOSSIER_ROLE_FORBIDDEN', { action: 'digitise' });
    if (digitised && !(await q.filesOf(tx, current.id)).some((f) => f.documentIndex === documentIndex)) {
      throw new DomainError('DOSSIER_DOCUMENT_NOT_SCANNED', { document: documentIndex });
    }
    // One statement on the row: a concurrent change of another line is not overwritten.
    const [updated] = await tx
      .update(dossiers)
      .set({
        documents: sql`(SELECT jsonb_agg(CASE WHEN (d->>'index')::int = ${documentIndex} THEN d || jsonb_build_object('digitised', ${digitised}::boolean) ELSE d END ORDER BY (d->>'index')::int) FROM jsonb_array_elements(${dossiers.documents}) d)`,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(dossiers.id, current.id))
      .returning();
    if (!updated) throw new Error('update returned nothing');
    await recordAudit(tx, ctx, { action: digitised ? 'dossier.document.digitised' : 'dossier.document.undigitised', objectType: 'dossier', objectId: current.code, details: { document: documentIndex } });
    return updated;
  });
  return toDossier(ctx, ctx.database.db, row, actor);
}

// ---------------------------------------------------------------- the applicant's own (citizen portal)

/** One line of the public timeline: what happened, when, the status and step it led to (no actor, no note). */
export type PublicTimelineEntry = { at: string; action: string; status: Status; step: Step | null };

function publicTimeline(rows: { at: Date; action: string; toStatus: Status; toStep: Step | null }[]): PublicTimelineEntry[] {
  return rows.map((h) => ({ at: h.at.toISOString(), action: h.action, status: h.toStatus, step: h.toStep }));
}

type PlaceRef = { code: string; name: string; nameEn: string | null; address: string | null };

/** What the portal shows its owner of a dossier: the row, its procedure, the two units, its scans and the public timeline. */
export type OwnDossier = {
  row: DossierRow;
  procedure: ProcedureRow;
  receivingUnit: PlaceRef;
  settlingUnit: PlaceRef;
  files: { id: string; documentIndex: number; fileName: string; contentType: string; size: number; sha256: string }[];
  timeline: PublicTimelineEntry[];
};

async function ownRow(db: DbOrTx, citizenId: string, code: string, lock = false): Promise<DossierRow> {
  const where = and(eq(dossiers.code, code.trim().toUpperCase()), eq(dossiers.citizenId, citizenId));
  const [row] = lock ? await db.select().from(dossiers).where(where).for('update') : await db.select().from(dossiers).where(where);
  // Another citizen's dossier answers exactly like one that does not exist.
  if (!row) throw new DomainError('DOSSIER_NOT_FOUND', { code });
  return row;
}

/**
 * The signed-in citizen's own dossier (404 for anyone else's); within the
 * caller's transaction and locked for update when asked. Not audited here:
 * the caller says what it read.
 */
export async function ownDossierRow(ctx: ServiceContext, code: string, within?: { tx: Tx; lock?: boolean }): Promise<DossierRow> {
  return ownRow(within?.tx ?? ctx.database.db, citizenActor(ctx).citizenId, code, within?.lock ?? false);
}

/** The signed-in citizen's own dossier with what the portal shows of it (404 for anyone else's; the caller audits). */
export async function ownDossier(ctx: ServiceContext, code: string): Promise<OwnDossier> {
  const db = ctx.database.db;
  const row = await ownRow(db, citizenActor(ctx).citizenId, code);
  const [procedure, places, files, history] = await Promise.all([
    procedureOf(db, row.procedureId),
    q.unitRefs(db, uniq([row.receivingUnitId, row.settlingUnitId])),
    q.filesOf(db, row.id),
    q.historyOf(db, row.id),
  ]);
  const place = (id: string): PlaceRef => {
    const u = places.find((p) => p.id === id);
    return { code: u?.code ?? '', name: u?.name ?? '', nameEn: u?.nameEn ?? null, address: u?.address ?? null };
  };
  return { row, procedure, receivingUnit: place(row.receivingUnitId), settlingUnit: place(row.settlingUnitId), files, timeline: publicTimeline(history) };
}

/** The signed-in citizen's own dossiers, newest first, a page of them with the procedure and receiving unit (the caller audits). */
export async function ownDossiers(
  ctx: ServiceContext,
  query: { status?: Status; page: number; pageSize: number },
): Promise<{ total: number; items: { row: DossierRow; procedure: { code: string; name: string; nameEn: string | null }; receivingUnit: PlaceRef }[] }> {
  const db = ctx.database.db;
  const actor = citizenActor(ctx);
  const where = and(eq(dossiers.citizenId, actor.citizenId), query.status ? eq(dossiers.status, query.status) : undefined) ?? sql`false`;
  const { total, rows } = await q.listDossiers(db, { where, orderBy: 'received' }, query.pageSize, (query.page - 1) * query.pageSize);
  const [procs, places] = await Promise.all([q.proceduresByIds(db, uniq(rows.map((r) => r.procedureId))), q.unitRefs(db, uniq(rows.map((r) => r.receivingUnitId)))]);
  return {
    total,
    items: rows.map((row) => {
      const p = procs.find((x) => x.id === row.procedureId);
      const u = places.find((x) => x.id === row.receivingUnitId);
      return {
        row,
        procedure: { code: p?.code ?? '', name: p?.name ?? '', nameEn: p?.nameEn ?? null },
        receivingUnit: { code: u?.code ?? '', name: u?.name ?? '', nameEn: u?.nameEn ?? null, address: u?.address ?? null },
      };
    }),
  };
}

/**
 * The applicant answers a request for supplementation online: the files they
 * sent become the dossier's scans and the supplementation is received, the
 * same transition (`receive_supplement`) as when a receptionist or specialist
 * records it at the office, so the settlement time restarts in full (Decree
 * 118/2025 Art. 19) and the history shows it. Only the owning citizen (404
 * for anyone else), only while it is requested (409 from the workflow's
 * table), at the version read (409 VERSION_CONFLICT), with at least one file
 * (422 PORTAL_SUPPLEMENT_EMPTY). `within` runs in the same transaction (the
 * portal marks its uploads used).
 */
export async function receiveSupplementOnline(
  ctx: ServiceContext,
  code: string,
  input: { version: number; note?: string | null; files: StoredFile[] },
  within?: (tx: Tx, updated: DossierRow, fileIds: string[]) => Promise<void>,
): Promise<DossierRow> {
  const actor = citizenActor(ctx);
  return ctx.database.db.transaction(async (tx) => {
    const current = await ownRow(tx, actor.citizenId, code, true);
    refuseImported(current);
    if (current.version !== input.version) throw new DomainError('VERSION_CONFLICT', { current: current.version });
    if (current.status !== 'supplement_requested') throw new DomainError('PORTAL_SUPPLEMENT_NOT_OPEN', { status: current.status });
    const invalid = checkAction(stateOf(current), 'receive_supplement', {});
    if (invalid) throw new DomainError(invalid, { action: 'receive_supplement', status: current.status, step: current.step });
    if (input.files.length === 0) throw new DomainError('PORTAL_SUPPLEMENT_EMPTY');
    const unknown = input.files.filter((f) => !current.documents.some((d) => d.index === f.documentIndex)).map((f) => f.documentIndex);
    if (unknown.length > 0) throw new DomainError('DOSSIER_DOCUMENTS_MISMATCH', { unknown });
    const note = input.note?.trim() || null;
    const updated = await transition(ctx, tx, current, 'receive_supplement', { version: current.version, note });
    const fileIds = await insertStoredFiles(tx, current.id, input.files, ctx.clock.now());
    // The lines the applicant sent files for now count as received.
    const sent = new Set(input.files.map((f) => f.documentIndex));
    const [final] = await tx
      .update(dossiers)
      .set({ documents: updated.documents.map((d) => (sent.has(d.index) && !d.received ? { ...d, received: true, count: Math.max(d.count, 1) } : d)) })
      .where(eq(dossiers.id, current.id))
      .returning();
    if (!final) throw new Error('update returned nothing');
    if (within) await within(tx, final, fileIds);
    return final;
  });
}

/** Whether the owner may withdraw the dossier online now: the workflow's `withdraw` rule (open, before the decision). */
export function withdrawableOnline(row: DossierRow): boolean {
  return checkAction(stateOf(row), 'withdraw', {}) === null;
}

/**
 * The applicant withdraws their own online dossier (Decree 118/2025: before
 * the result): the same `withdraw` transition the desk records from a written
 * request, taken by the owner — no role, the table's rules, history (no staff
 * actor), audit and the applicant's notice in one transaction. 404 for anyone
 * else's dossier, 409 from the table, 409 VERSION_CONFLICT when stale.
 */
export async function withdrawOnline(ctx: ServiceContext, code: string, input: { version: number; reason: string }): Promise<DossierRow> {
  const actor = citizenActor(ctx);
  return ctx.database.db.transaction(async (tx) => {
    const current = await ownRow(tx, actor.citizenId, code, true);
    refuseImported(current);
    if (current.version !== input.version) throw new DomainError('VERSION_CONFLICT', { current: current.version });
    return transition(ctx, tx, current, 'withdraw', { version: current.version, reason: input.reason });
  });
}

// ---------------------------------------------------------------- public lookup

const DUMMY_HASH = hashSecret('0'.repeat(26));

/**
 * The public lookup: code + secret, no personal data in the answer, the same
 * 404 for a wrong code and a wrong secret, 30 requests a minute per address.
 */
export async function lookup(ctx: ServiceContext, input: { code: string; secret: string }): Promise<LookupResult> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  await limitRequests(db, `lookup:${ctx.ip ?? 'unknown'}`, LOOKUP_LIMIT, now);
  const row = await dossierByCodeAndSecret(db, input.code, input.secret);
  if (!row) throw new DomainError('LOOKUP_NOT_FOUND');
  const [proc, unit, rows] = await Promise.all([q.procedureById(db, row.procedureId), q.unitRefs(db, [row.receivingUnitId]), q.historyOf(db, row.id)]);
  const place = unit[0];
  return {
    code: row.code,
    procedure: { code: proc?.code ?? '', name: proc?.name ?? '', nameEn: proc?.nameEn ?? null },
    status: row.status,
    nationalStatus: NATIONAL_STATUS[row.status],
    step: row.step,
    receivedAt: row.receivedAt.toISOString(),
    appointmentAt: row.dueAt?.toISOString() ?? null,
    returnPlace: place ? [place.name, place.address].filter(Boolean).join(', ') : null,
    missing: row.status === 'supplement_requested' ? (row.supplementMissing ?? []) : row.status === 'intake_incomplete' ? row.missing : [],
    timeline: publicTimeline(rows),
  };
}

/**
 * The dossier under this code when the secret is its lookup secret, else null
 * (the same for a wrong code and a wrong secret; the secret is compared in
 * constant time). For another module's public route; not rate-limited here.
 */
export async function dossierByCodeAndSecret(db: DbOrTx, code: string, secret: string): Promise<DossierRow | null> {
  const row = await q.dossierByCode(db, code.trim().toUpperCase());
  const given = Buffer.from(hashSecret(normaliseSecret(secret)), 'hex');
  const stored = Buffer.from(row?.secretHash ?? DUMMY_HASH, 'hex');
  return timingSafeEqual(given, stored) && row ? row : null;
}

/**
 * The dossiers of a settling unit whose result (or refusal) was ready in
 * [from, to) — the settled dossiers of the reports — each with whether it was
 * digitised: at least one received document and every received one marked
 * `digitised`. For the service index (reports module).
 */
export async function settledDigitisation(db: DbOrTx, unitId: string, from: Date, to: Date): Promise<{ id: string; digitised: boolean }[]> {
  const result = await db.execute<{ id: string; digitised: boolean }>(sql`
    SELECT d.id::text AS id,
      COALESCE(bool_and(COALESCE((e->>'digitised')::boolean, false)) FILTER (WHERE COALESCE((e->>'received')::boolean, false)), false) AS digitised
      FROM ${dossiers} d LEFT JOIN LATERAL jsonb_array_elements(d.documents) e ON true
     WHERE d.settling_unit_id = ${unitId}::uuid AND d.timeliness IS NOT NULL AND d.finished_at >= ${from.toISOString()}::timestamptz AND d.finished_at < ${to.toISOString()}::timestamptz
     GROUP BY d.id`);
  return result.rows;
}
