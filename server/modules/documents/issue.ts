/**
 * Issuing documents: the templates (stored or built in), the signed result of
 * the `sign` action, the courtesy letter of `return_result`.
 *
 * Decisions:
 * - A template belongs to a procedure and a kind (`result`, `congratulation`,
 *   `condolence`), province-wide (no unit) or a unit's own; the unit's wins,
 *   then the province's, then the one built in (builtins.ts; a generic result
 *   for procedures without one). Admins edit them as data (documents.admin;
 *   province-wide ones need the grant at the root unit).
 * - What a template may use: the dossier's fields (DOSSIER_FIELDS: code,
 *   dates, procedure, applicant, signer), the frame's (unit, date, number,
 *   verification code) and, for a result, its declared `inputs` — values the
 *   signing leader types (the child's name on a birth extract…). Anything
 *   else is refused when the template is saved (422 TEMPLATE_UNKNOWN_FIELD
 *   naming the fields). A letter uses the fields of its kind
 *   (pdf/templates.ts COURTESY_FIELDS), filled from the dossier and from the
 *   values typed when the result was signed (kept with the result document).
 * - The kind of courtesy letter follows the catalog's flag; for a
 *   congratulation, a procedure whose name speaks of marriage ("kết hôn")
 *   gets the marriage letter, any other the birth letter.
 * - A letter whose values are incomplete (its template changed after the
 *   result was signed) is not issued; the result is returned all the same.
 */
import { and, eq, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import { FieldName } from '../../../contracts/documents.js';
import type { ActionBody, Dossier } from '../../../contracts/dossiers.js';
import type { DbOrTx } from '../../db/client.js';
import type { AppDeps, ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { translator } from '../../i18n/index.js';
import { recordAudit } from '../audit/service.js';
import * as catalog from '../catalog/service.js';
import * as dossiers from '../dossiers/service.js';
import * as org from '../org/service.js';
import { BUILTIN_RESULT_TEMPLATES, GENERIC_RESULT_TEMPLATE, type TemplateInput } from './builtins.js';
import { unitForms } from './forms.js';
import {
  checkTemplate,
  COURTESY_FIELDS,
  DEFAULT_COURTESY_TEMPLATES,
  DocumentTemplate,
  renderCourtesyLetter,
  renderResultDocument,
  RESULT_BUILTIN_FIELDS,
  TemplateError,
  TemplateValuesMissingError,
  type CourtesyKind,
} from './pdf/index.js';
import { documentTemplates } from './schema.js';
import { activeCertificate, existingDocument, formatVerificationCode, newVerificationCode, signWith, storeWithAction, type Prepared } from './service.js';
import { checkUsable } from './signing/index.js';

export const TEMPLATE_KINDS = ['result', 'congratulation', 'condolence'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** Filled from the dossier and the signing certificate. */
export const DOSSIER_FIELDS = [
  'dossier.code',
  'dossier.receivedDate',
  'procedure.code',
  'procedure.name',
  'applicant.fullName',
  'applicant.idNumber',
  'applicant.birthDate',
  'applicant.address',
  'signer.fullName',
  'signer.title',
] as const;

export const TemplateInputSchema = z.strictObject({
  name: FieldName,
  label: z.string().trim().min(1).max(200),
});

export const TemplateUpdate = z.strictObject({
  kind: z.enum(TEMPLATE_KINDS),
  procedureCode: z.string().trim().min(1).max(40),
  /** The unit whose own template this is; null or absent: the province-wide one. */
  unitCode: z.string().trim().min(1).max(32).nullable().optional(),
  template: DocumentTemplate,
  /** Result templates: what the signing leader types. */
  inputs: z.array(TemplateInputSchema).max(50).default([]),
  /** The version read (absent for a first template). */
  version: z.number().int().min(1).optional(),
});
export type TemplateUpdate = z.infer<typeof TemplateUpdate>;

export const TemplateView = z.object({
  kind: z.enum(TEMPLATE_KINDS),
  procedureCode: z.string(),
  unitCode: z.string().nullable(),
  /** Where the template in force comes from. */
  source: z.enum(['unit', 'province', 'builtin']),
  template: DocumentTemplate,
  inputs: z.array(TemplateInputSchema),
  /** The fields this template may use. */
  allowedFields: z.array(z.string()),
  /** The stored template's version (null for a built-in one). */
  version: z.number().int().nullable(),
});
export type TemplateView = z.infer<typeof TemplateView>;

type ProcedureLike = { id: string; code: string; name: string; courtesyLetter: string };
type Effective = { template: DocumentTemplate; inputs: TemplateInput[]; source: TemplateView['source']; version: number | null };

export function courtesyKindOf(proc: Pick<ProcedureLike, 'name' | 'courtesyLetter'>): CourtesyKind | null {
  if (proc.courtesyLetter === 'condolence') return 'death';
  if (proc.courtesyLetter === 'congratulation') return /kết hôn/iu.test(proc.name) ? 'marriage' : 'birth';
  return null;
}

function allowedFields(kind: TemplateKind, proc: ProcedureLike, inputs: readonly TemplateInput[]): string[] {
  if (kind === 'result') return [...RESULT_BUILTIN_FIELDS, ...DOSSIER_FIELDS, ...inputs.map((i) => i.name)];
  const courtesy = courtesyKindOf(proc);
  return courtesy ? [...COURTESY_FIELDS[courtesy]] : [];
}

async function effectiveTemplate(db: DbOrTx, kind: TemplateKind, proc: ProcedureLike, unitId: string | null): Promise<Effective> {
  const rows = await db
    .select()
    .from(documentTemplates)
    .where(and(eq(documentTemplates.kind, kind), eq(documentTemplates.procedureId, proc.id), unitId ? or(eq(documentTemplates.unitId, unitId), isNull(documentTemplates.unitId)) : isNull(documentTemplates.unitId)));
  const own = rows.find((r) => r.unitId !== null) ?? rows.find((r) => r.unitId === null);
  if (own) return { template: DocumentTemplate.parse(own.template), inputs: own.inputs, source: own.unitId ? 'unit' : 'province', version: own.version };
  if (kind === 'result') {
    const builtin = BUILTIN_RESULT_TEMPLATES[proc.code] ?? GENERIC_RESULT_TEMPLATE;
    return { template: builtin.template, inputs: builtin.inputs, source: 'builtin', version: null };
  }
  const courtesy = courtesyKindOf(proc);
  return { template: DEFAULT_COURTESY_TEMPLATES[courtesy ?? 'birth'], inputs: [], source: 'builtin', version: null };
}

// ---------------------------------------------------------------- administration

async function procedureOf(ctx: ServiceContext, code: string): Promise<ProcedureLike> {
  const p = await catalog.getForStaff(ctx, code);
  return { id: p.id, code: p.code, name: p.name, courtesyLetter: p.courtesyLetter };
}

/** The unit (in the admin's scope) a template is for, or null for the province-wide one (needs the grant at the root). */
async function templateUnit(ctx: ServiceContext, db: DbOrTx, unitCode: string | null | undefined): Promise<org.UnitPlace | null> {
  if (ctx.actor.kind !== 'staff') throw new DomainError('AUTH_REQUIRED');
  const roots = ctx.actor.scope('documents.admin');
  if (!unitCode) {
    const root = (await org.permissionRoots({ ...ctx, actor: { kind: 'system' } }, db, 'documents.admin'))[0];
    if (!root || !roots.includes(root)) throw new DomainError('FORBIDDEN', { reason: 'province_templates_need_root_grant' });
    return null;
  }
  const unit = await org.unitPlaceByCode(db, unitCode, roots);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { field: 'unitCode', code: unitCode });
  return unit;
}

function kindFits(kind: TemplateKind, proc: ProcedureLike): boolean {
  return kind === 'result' || proc.courtesyLetter === kind;
}

export async function getTemplate(ctx: ServiceContext, kind: TemplateKind, procedureCode: string, unitCode: string | null): Promise<TemplateView> {
  const db = ctx.database.db;
  const proc = await procedureOf(ctx, procedureCode);
  const unit = await templateUnit(ctx, db, unitCode);
  if (!kindFits(kind, proc)) throw new DomainError('VALIDATION_FAILED', { field: 'kind', reason: 'procedure_has_no_such_letter' });
  const eff = await effectiveTemplate(db, kind, proc, unit?.id ?? null);
  return { kind, procedureCode: proc.code, unitCode: unit?.code ?? null, ...eff, allowedFields: allowedFields(kind, proc, eff.inputs) };
}

/** Saves a template after checking every field it uses (422 TEMPLATE_UNKNOWN_FIELD naming the others). */
export async function putTemplate(ctx: ServiceContext, input: TemplateUpdate): Promise<TemplateView> {
  const proc = await procedureOf(ctx, input.procedureCode);
  if (!kindFits(input.kind, proc)) throw new DomainError('VALIDATION_FAILED', { field: 'kind', reason: 'procedure_has_no_such_letter' });
  const inputs = input.kind === 'result' ? input.inputs : [];
  const shadowing = inputs.filter((i) => (DOSSIER_FIELDS as readonly string[]).includes(i.name) || (RESULT_BUILTIN_FIELDS as readonly string[]).includes(i.name));
  if (shadowing.length > 0) throw new DomainError('VALIDATION_FAILED', { field: 'inputs', reason: 'filled_by_the_server', names: shadowing.map((i) => i.name) });
  let unknown: string[];
  try {
    unknown = checkTemplate(input.template, allowedFields(input.kind, proc, inputs));
  } catch (err) {
    if (err instanceof TemplateError) throw new DomainError('VALIDATION_FAILED', { field: 'template', reason: 'malformed_placeholder', fragments: err.fields });
    throw err;
  }
  if (unknown.length > 0) throw new DomainError('TEMPLATE_UNKNOWN_FIELD', { fields: unknown });
  return ctx.database.db.transaction(async (tx) => {
    const unit = await templateUnit(ctx, tx, input.unitCode);
    const now = ctx.clock.now();
    const staffId = ctx.actor.kind === 'staff' ? ctx.actor.staffId : null;
    const where = and(eq(documentTemplates.kind, input.kind), eq(documentTemplates.procedureId, proc.id), unit ? eq(documentTemplates.unitId, unit.id) : isNull(documentTemplates.unitId));
    const [current] = await tx.select().from(documentTemplates).where(where).for('update');
    if (current && current.version !== input.version) throw new DomainError('VERSION_CONFLICT', { current: current.version });
    if (!current && input.version !== undefined) throw new DomainError('VERSION_CONFLICT', { current: null });
    const [saved] = current
      ? await tx.update(documentTemplates).set({ template: input.template, inputs, version: current.version + 1, updatedBy: staffId, updatedAt: now }).where(eq(documentTemplates.id, current.id)).returning()
      : await tx.insert(documentTemplates).values({ kind: input.kind, procedureId: proc.id, unitId: unit?.id ?? null, template: input.template, inputs, updatedBy: staffId, updatedAt: now }).returning();
    if (!saved) throw new Error('template write returned nothing');
    await recordAudit(tx, ctx, { action: 'template.update', objectType: 'procedure', objectId: proc.code, unitId: unit?.id ?? null, details: { kind: input.kind, version: saved.version } });
    return {
      kind: input.kind,
      procedureCode: proc.code,
      unitCode: unit?.code ?? null,
      source: unit ? 'unit' : 'province',
      template: input.template,
      inputs,
      allowedFields: allowedFields(input.kind, proc, inputs),
      version: saved.version,
    } satisfies TemplateView;
  });
}

// ---------------------------------------------------------------- values

const vnDate = (d: Date | string): string => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(d));

/** The applicant of a dossier documents are made for; an imported dossier has none and is read-only. */
function applicantOf(d: Dossier): NonNullable<Dossier['applicant']> {
  if (!d.applicant) throw new DomainError('DOSSIER_IMPORTED', { code: d.code });
  return d.applicant;
}

function dossierValues(d: Dossier, signer: { name: string; title: string }): Record<string, string> {
  const a = applicantOf(d);
  return {
    'dossier.code': d.code,
    'dossier.receivedDate': vnDate(d.receivedAt),
    'procedure.code': d.procedure.code,
    'procedure.name': d.procedure.name,
    'applicant.fullName': a.kind === 'person' ? a.fullName : a.name,
    'applicant.idNumber': a.kind === 'person' ? a.idNumber : a.taxCode,
    'applicant.birthDate': a.kind === 'person' && a.birthDate ? vnDate(`${a.birthDate}T00:00:00+07:00`) : '',
    'applicant.address': a.kind === 'person' ? (a.address ?? '') : (a.address ?? ''),
    'signer.fullName': signer.name,
    'signer.title': signer.title,
  };
}

/** What the signing leader must type for the result of this dossier. */
export async function resultFields(ctx: ServiceContext, code: string): Promise<TemplateInput[]> {
  const row = await dossiers.visibleRow(ctx, code);
  const proc = await dossiers.procedureOf(ctx.database.db, row.procedureId);
  return (await effectiveTemplate(ctx.database.db, 'result', proc, row.settlingUnitId)).inputs;
}

// ---------------------------------------------------------------- the sign action

/**
 * The `sign` action with its result: renders the result from the template,
 * signs it with the settling unit's certificate, stores it and takes the
 * action, all or nothing.
 */
export async function signResult(ctx: ServiceContext, deps: AppDeps, code: string, body: ActionBody<'sign'>): Promise<Dossier> {
  const db = ctx.database.db;
  const { row, procedure } = await dossiers.checkActionNow(ctx, code, 'sign', body);
  if (await existingDocument(db, row.id, 'result')) throw new DomainError('DOCUMENT_ALREADY_SIGNED');
  const now = ctx.clock.now();
  const cert = await activeCertificate(db, row.settlingUnitId);
  if (!cert) throw new DomainError('SIGNING_CERTIFICATE_MISSING', { unit: row.settlingUnitId });
  const unusable = checkUsable(cert, now);
  if (unusable) throw new DomainError('CERTIFICATE_EXPIRED', { reason: unusable, notAfter: cert.notAfter.toISOString() });
  const eff = await effectiveTemplate(db, 'result', procedure, row.settlingUnitId);
  const given = body.resultValues;
  const names = eff.inputs.map((i) => i.name);
  const unknown = Object.keys(given).filter((k) => !names.includes(k));
  if (unknown.length > 0) throw new DomainError('TEMPLATE_UNKNOWN_FIELD', { fields: unknown });
  const missing = names.filter((n) => !given[n]);
  if (missing.length > 0) throw new DomainError('TEMPLATE_VALUE_MISSING', { fields: missing });
  const dossier = await dossiers.getDossier(ctx, code);
  const unit = await unitForms(ctx, row.settlingUnitId, 'vi');
  const values = { ...given, ...dossierValues(dossier, { name: cert.signerName, title: cert.signerTitle }) };
  const verificationCode = newVerificationCode();
  const printed = formatVerificationCode(verificationCode);
  const pdf = await renderResultDocument({
    lang: 'vi',
    issuer: unit.issuer,
    place: unit.place,
    issuedAt: now,
    number: row.code,
    template: eff.template,
    values,
    allowedFields: [...DOSSIER_FIELDS, ...names],
    verification: { url: `${deps.config.publicUrl}/verify/${printed}`, code: printed },
  });
  const t = translator('vi');
  const signed = await signWith(deps, cert, pdf, { reason: t('documents.signReason', { code: row.code }), location: unit.place, at: now });
  const prepared: Prepared = { kind: 'result', title: eff.template.title, pdf: signed, verificationCode, cert, signedAt: now, values: given };
  return storeWithAction(ctx, deps, code, 'sign', body, prepared);
}

// ---------------------------------------------------------------- returning the result

/**
 * `return_result`, with the courtesy letter of a flagged procedure (signed
 * when the unit has a usable certificate, else issued unsigned for the desk).
 */
export async function returnResult(ctx: ServiceContext, deps: AppDeps, code: string, body: ActionBody<'return_result'>): Promise<Dossier> {
  const db = ctx.database.db;
  const { row, procedure } = await dossiers.checkActionNow(ctx, code, 'return_result', body);
  const courtesy = courtesyKindOf(procedure);
  if (!courtesy || row.outcome !== 'approved' || procedure.courtesyLetter === 'none') return storeWithAction(ctx, deps, code, 'return_result', body, null);
  const kind = procedure.courtesyLetter as 'congratulation' | 'condolence';
  if (await existingDocument(db, row.id, kind)) return storeWithAction(ctx, deps, code, 'return_result', body, null);
  const now = ctx.clock.now();
  const certRow = await activeCertificate(db, row.settlingUnitId);
  const cert = certRow && !checkUsable(certRow, now) ? certRow : null;
  const result = await existingDocument(db, row.id, 'result');
  const dossier = await dossiers.getDossier(ctx, code);
  const unit = await unitForms(ctx, row.settlingUnitId, 'vi');
  const eff = await effectiveTemplate(db, kind, procedure, row.settlingUnitId);
  const applicant = applicantOf(dossier);
  const applicantName = applicant.kind === 'person' ? applicant.fullName : applicant.name;
  const values = {
    'family.address': applicant.address ?? '',
    'parents.names': applicantName,
    'family.names': applicantName,
    ...(result?.values ?? {}),
  };
  let pdf: Buffer;
  try {
    pdf = await renderCourtesyLetter({
      lang: 'vi',
      kind: courtesy,
      issuer: unit.issuer,
      place: unit.place,
      issuedAt: now,
      number: row.code,
      template: eff.template,
      values,
      chairperson: { fullName: cert?.signerName ?? '', title: cert?.signerTitle ?? null },
    });
  } catch (err) {
    if (err instanceof TemplateValuesMissingError) return storeWithAction(ctx, deps, code, 'return_result', body, null);
    throw err;
  }
  const t = translator('vi');
  const final = cert ? await signWith(deps, cert, pdf, { reason: t('documents.letterReason', { code: row.code }), location: unit.place, at: now }) : pdf;
  const prepared: Prepared = { kind, title: eff.template.title, pdf: final, verificationCode: newVerificationCode(), cert, signedAt: cert ? now : null, values: {} };
  return storeWithAction(ctx, deps, code, 'return_result', body, prepared);
}

