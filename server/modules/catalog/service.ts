/**
 * The procedure catalog: what can be applied for, where, with which papers,
 * at what cost and in how much time.
 *
 * Decisions:
 * - a procedure is identified by its national code (provinces add suffixes for
 *   local ones); editing keeps the code and bumps `version` (optimistic
 *   locking); procedures are never deleted, only deactivated, so dossiers and
 *   reports keep pointing at them;
 * - the catalog belongs to the province: writing it needs `catalog.write`
 *   granted at the root unit;
 * - a procedure lists the units that implement it; an empty list means every
 *   active unit whose kind matches the level (commune → communes and wards,
 *   district → districts, province → the province), so a province need not
 *   list its hundred communes on every civil-status procedure;
 * - fees are integer VND, one row per case; the step plan gives each of the
 *   five steps a performer and a whole-percent share of the statutory time,
 *   adding up to 100 (contracts/catalog.ts refuses anything else);
 * - import is all or nothing: every row is checked (contract, field and unit
 *   codes, duplicates) before anything is written, and one transaction writes
 *   them; re-importing the same file changes nothing (idempotent by code);
 * - the public sees active procedures only; staff see all.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type {
  ApplyAt,
  CatalogStats,
  ImportReport,
  Procedure,
  ProcedureDetail,
  ProcedureInput,
  ProcedureLevel,
  ProcedureSearch,
  ProcedureSummary,
} from '../../../contracts/catalog.js';
import type { UnitKind } from '../../../contracts/roles.js';
import type { DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import * as calendar from '../calendar/service.js';
import * as org from '../org/service.js';
import { readCsv, readJson, toInput, UnreadableFile, validateRows, writeCsv, type FieldInput, type RowError } from './exchange.js';
import * as q from './queries.js';
import type { ProcedureRow } from './schema.js';

/** The procedure level a kind of unit implements when a procedure lists no units. */
export function levelOfKind(kind: UnitKind): ProcedureLevel | null {
  switch (kind) {
    case 'commune':
    case 'ward':
      return 'commune';
    case 'district':
      return 'district';
    case 'province':
      return 'province';
    default:
      return null;
  }
}
const KINDS_OF_LEVEL: Record<ProcedureLevel, UnitKind[]> = {
  commune: ['commune', 'ward'],
  district: ['district'],
  province: ['province'],
  ministry: [],
};

type FieldNames = Map<string, { name: string; nameEn: string | null }>;

async function fieldNames(db: DbOrTx): Promise<FieldNames> {
  return new Map((await q.listFields(db)).map((f) => [f.code, { name: f.name, nameEn: f.nameEn }]));
}

async function toDtos(db: DbOrTx, rows: ProcedureRow[], fields?: FieldNames): Promise<Procedure[]> {
  const names = fields ?? (await fieldNames(db));
  const unitIds = await q.unitIdsOf(db, rows.map((r) => r.id));
  const allUnitIds = [...new Set([...unitIds.values()].flat())];
  const codeOf = new Map((await org.publicUnitsByIds(db, allUnitIds)).map((u) => [u.id, u.code]));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    field: r.fieldCode,
    fieldName: names.get(r.fieldCode)?.name ?? r.fieldCode,
    fieldNameEn: names.get(r.fieldCode)?.nameEn ?? null,
    level: r.level,
    unitCodes: (unitIds.get(r.id) ?? []).flatMap((id) => codeOf.get(id) ?? []).sort(),
    applicantType: r.applicantType,
    settlement: r.settlement,
    fees: r.fees,
    feeNote: r.feeNote,
    documents: r.documents,
    resultType: r.resultType,
    onlineLevel: r.onlineLevel,
    legalBasis: r.legalBasis,
    courtesyLetter: r.courtesyLetter,
    homeServiceEligible: r.homeServiceEligible,
    supplementDays: r.supplementDays,
    stepPlan: r.stepPlan,
    active: r.active,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

const summary = (p: Procedure): ProcedureSummary => ({
  code: p.code,
  name: p.name,
  nameEn: p.nameEn,
  field: p.field,
  fieldName: p.fieldName,
  fieldNameEn: p.fieldNameEn,
  level: p.level,
  settlement: p.settlement,
  onlineLevel: p.onlineLevel,
  applicantType: p.applicantType,
});

async function unitFilter(db: DbOrTx, code: string | undefined): Promise<q.UnitLevel | undefined> {
  if (code === undefined) return undefined;
  const [unit] = await org.publicUnitsByCodes(db, [code]);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { field: 'unit', code });
  return { id: unit.id, level: levelOfKind(unit.kind) };
}

// ---------------------------------------------------------------- reading

export async function searchPublic(ctx: ServiceContext, query: ProcedureSearch): Promise<{ total: number; items: ProcedureSummary[] }> {
  const db = ctx.database.db;
  const { total, rows } = await q.searchProcedures(db, { ...searchFilter(query), unit: await unitFilter(db, query.unit), active: true });
  return { total, items: (await toDtos(db, rows)).map(summary) };
}

export async function searchStaff(
  ctx: ServiceContext,
  query: ProcedureSearch & { active?: 'true' | 'false' | undefined },
): Promise<{ total: number; items: (ProcedureSummary & { active: boolean; version: number })[] }> {
  const db = ctx.database.db;
  const active = query.active === undefined ? undefined : query.active === 'true';
  const { total, rows } = await q.searchProcedures(db, { ...searchFilter(query), unit: await unitFilter(db, query.unit), active });
  return { total, items: (await toDtos(db, rows)).map((p) => ({ ...summary(p), active: p.active, version: p.version })) };
}

function searchFilter(query: ProcedureSearch) {
  return { text: query.q || undefined, field: query.field, level: query.level, online: query.online, limit: query.limit, offset: query.offset };
}

export async function getForStaff(ctx: ServiceContext, code: string): Promise<Procedure & { forms: ProcedureDetail['forms'] }> {
  const db = ctx.database.db;
  const row = await q.procedureByCode(db, code);
  if (!row) throw new DomainError('PROCEDURE_NOT_FOUND', { code });
  const [dto] = await toDtos(db, [row]);
  if (!dto) throw new Error('unreachable');
  return { ...dto, forms: await q.formsOf(db, row.id) };
}

/** A published procedure with where and when to apply, and its forms. */
export async function getPublic(ctx: ServiceContext, code: string): Promise<ProcedureDetail> {
  const db = ctx.database.db;
  const row = await q.procedureByCode(db, code);
  if (!row?.active) throw new DomainError('PROCEDURE_NOT_FOUND', { code });
  const [dto] = await toDtos(db, [row]);
  if (!dto) throw new Error('unreachable');
  const units = dto.unitCodes.length > 0 ? await org.publicUnitsByCodes(db, dto.unitCodes) : await org.publicUnitsOfKinds(db, KINDS_OF_LEVEL[dto.level]);
  const counters = await org.publicCounters(db, units.map((u) => u.id));
  const hoursOf = await calendar.workingHoursOfUnits(db, units.map((u) => u.id));
  const applyAt: ApplyAt[] = [];
  for (const u of units) {
    const hours = hoursOf.get(u.id);
    if (!hours) throw new Error('unreachable: workingHoursOfUnits answers every unit asked');
    applyAt.push({
      unitCode: u.code,
      unitName: u.name,
      unitNameEn: u.nameEn,
      unitKind: u.kind,
      address: u.address,
      phone: u.phone,
      hotline: u.hotline,
      // Counters that serve this procedure's field, or every field.
      counters: (counters.get(u.id) ?? []).filter((c) => c.fields.length === 0 || c.fields.includes(dto.field)).map(({ code: c, name }) => ({ code: c, name })),
      openingHours: hours.workingHours,
      workingWeekdays: hours.workingWeekdays,
    });
  }
  const forms = (await q.formsOf(db, row.id)).map((f) => ({ ...f }));
  return { ...dto, applyAt, forms };
}

export async function listFields(ctx: ServiceContext) {
  return q.listFields(ctx.database.db);
}

/** Names of catalog fields by code (for the counters' nameplates); unknown codes are left out. */
export async function fieldNamesOf(db: DbOrTx, codes: readonly string[]): Promise<Map<string, { name: string; nameEn: string | null }>> {
  return new Map((await q.fieldsByCodes(db, [...new Set(codes)])).map((f) => [f.code, { name: f.name, nameEn: f.nameEn }]));
}

/** Procedures by code, or every procedure of a field (the reports' filters); unknown codes are left out. */
export async function procedureRefs(db: DbOrTx, filter: { codes?: readonly string[]; fieldCode?: string }): Promise<{ id: string; code: string; field: string }[]> {
  const rows = filter.fieldCode !== undefined ? await q.proceduresOfField(db, filter.fieldCode) : await q.proceduresByCodes(db, [...(filter.codes ?? [])]);
  return rows.map((p) => ({ id: p.id, code: p.code, field: p.fieldCode }));
}

/** Active units that implement at least one active procedure (the public unit filter). */
export async function catalogUnits(ctx: ServiceContext) {
  const db = ctx.database.db;
  const stats = await statistics(ctx, undefined);
  const codes = new Set(stats.units.filter((u) => u.procedures > 0).map((u) => u.unitCode));
  const all = await org.publicUnitsByCodes(db, [...codes]);
  return all.map((u) => ({ code: u.code, name: u.name, nameEn: u.nameEn, kind: u.kind }));
}

export async function formFile(ctx: ServiceContext, code: string, formId: string, publicOnly: boolean) {
  const db = ctx.database.db;
  const row = await q.procedureByCode(db, code);
  if (!row || (publicOnly && !row.active)) throw new DomainError('PROCEDURE_NOT_FOUND', { code });
  const form = await q.formContent(db, row.id, formId);
  if (!form) throw new DomainError('FORM_NOT_FOUND', { id: formId });
  return form;
}

// ---------------------------------------------------------------- statistics

/**
 * Procedures per unit and field, and the online-service coverage rate:
 * (full + partial) / all active procedures the unit implements.
 */
export async function statistics(ctx: ServiceContext, unitCode: string | undefined): Promise<CatalogStats> {
  const db = ctx.database.db;
  const units = unitCode
    ? await org.publicUnitsByCodes(db, [unitCode])
    : await org.publicUnitsOfKinds(db, ['province', 'district', 'commune', 'ward']);
  if (unitCode && units.length === 0) throw new DomainError('UNIT_NOT_FOUND', { field: 'unit', code: unitCode });
  const names = await fieldNames(db);
  const rows = await q.catalogCounts(db, units.map((u) => ({ id: u.id, level: levelOfKind(u.kind) })));
  const figures = (unitId: string | null) => {
    const mine = rows.filter((r) => r.unitId === unitId);
    const online = { full: 0, partial: 0, none: 0 };
    const byField = new Map<string, number>();
    for (const r of mine) {
      online[r.online] += r.n;
      byField.set(r.field, (byField.get(r.field) ?? 0) + r.n);
    }
    const total = online.full + online.partial + online.none;
    return {
      procedures: total,
      online,
      onlineCoverage: total === 0 ? null : (online.full + online.partial) / total,
      byField: [...byField]
        .map(([field, n]) => ({ field, fieldName: names.get(field)?.name ?? field, fieldNameEn: names.get(field)?.nameEn ?? null, procedures: n }))
        .sort((a, b) => b.procedures - a.procedures || a.field.localeCompare(b.field)),
    };
  };
  const overall = figures(null);
  return {
    total: overall.procedures,
    online: overall.online,
    onlineCoverage: overall.onlineCoverage,
    byField: overall.byField,
    units: units.map((u) => ({ unitCode: u.code, unitName: u.name, unitNameEn: u.nameEn, ...figures(u.id) })),
  };
}

// ---------------------------------------------------------------- writing

async function requireCatalogWriter(ctx: ServiceContext, db: DbOrTx): Promise<void> {
  if (ctx.actor.kind === 'system') return;
  const roots = ctx.actor.kind === 'staff' ? ctx.actor.scope('catalog.write') : [];
  if (!(await org.scopeIncludesRoot(db, roots))) throw new DomainError('FORBIDDEN', { permission: 'catalog.write', reason: 'province_scope' });
}

/** Field and unit codes of the inputs that the database does not know, as row problems. */
async function referenceProblems(db: DbOrTx, inputs: { row: number; input: ProcedureInput }[], extraFields: FieldInput[]): Promise<{ errors: RowError[]; unitIds: Map<string, string> }> {
  const fieldCodes = new Set([...(await q.fieldsByCodes(db, [...new Set(inputs.map((i) => i.input.field))])).map((f) => f.code), ...extraFields.map((f) => f.code)]);
  const wantedUnits = [...new Set(inputs.flatMap((i) => i.input.unitCodes))];
  const unitIds = new Map((await org.publicUnitsByCodes(db, wantedUnits)).map((u) => [u.code, u.id]));
  const errors: RowError[] = [];
  for (const { row, input } of inputs) {
    const problems = [];
    if (!fieldCodes.has(input.field)) problems.push({ path: 'field', message: `unknown field "${input.field}"` });
    input.unitCodes.forEach((c, i) => {
      if (!unitIds.has(c)) problems.push({ path: `unitCodes.${i}`, message: `unknown or inactive unit "${c}"` });
    });
    if (problems.length > 0) errors.push({ row, code: input.code, problems });
  }
  return { errors, unitIds };
}

function rowValues(input: ProcedureInput) {
  return {
    code: input.code,
    name: input.name,
    nameEn: input.nameEn ?? null,
    fieldCode: input.field,
    level: input.level,
    applicantType: input.applicantType,
    settlement: input.settlement,
    fees: input.fees,
    feeNote: input.feeNote ?? null,
    documents: input.documents,
    resultType: input.resultType ?? null,
    onlineLevel: input.onlineLevel,
    legalBasis: input.legalBasis ?? null,
    courtesyLetter: input.courtesyLetter,
    homeServiceEligible: input.homeServiceEligible,
    supplementDays: input.supplementDays,
    stepPlan: input.stepPlan,
    active: input.active,
  };
}

/** Every optional as null and unit codes sorted, so that equal procedures compare equal. */
function comparable(input: ProcedureInput): unknown {
  const settlement = input.settlement.kind === 'same_day' ? { kind: 'same_day', cutoff: input.settlement.cutoff ?? null } : input.settlement;
  return {
    ...input,
    nameEn: input.nameEn ?? null,
    feeNote: input.feeNote ?? null,
    resultType: input.resultType ?? null,
    legalBasis: input.legalBasis ?? null,
    unitCodes: [...input.unitCodes].sort(),
    settlement,
    fees: input.fees.map((f) => ({ ...f, labelEn: f.labelEn ?? null })),
    documents: input.documents.map((d) => ({ ...d, nameEn: d.nameEn ?? null, templateId: d.templateId ?? null })),
    stepPlan: input.stepPlan.map((st) => ({ ...st, unitCode: st.unitCode ?? null })),
  };
}

/** Checks every referenced unit, then creates or updates; audited in the same transaction. */
async function save(ctx: ServiceContext, tx: DbOrTx, input: ProcedureInput, unitIds: Map<string, string>, existing: ProcedureRow | undefined): Promise<'created' | 'updated' | 'unchanged'> {
  const now = ctx.clock.now();
  const units = input.unitCodes.flatMap((c) => unitIds.get(c) ?? []);
  if (existing) {
    const [current] = await toDtos(tx, [existing]);
    if (current && isDeepStrictEqual(comparable(toInput(current)), comparable(input))) return 'unchanged';
    await q.updateProcedure(tx, existing.id, rowValues(input), now);
    await q.replaceUnits(tx, existing.id, units);
    await recordAudit(tx, ctx, { action: 'procedure.update', objectType: 'procedure', objectId: input.code });
    return 'updated';
  }
  const row = await q.insertProcedure(tx, { ...rowValues(input), createdAt: now, updatedAt: now });
  await q.replaceUnits(tx, row.id, units);
  await recordAudit(tx, ctx, { action: 'procedure.create', objectType: 'procedure', objectId: input.code });
  return 'created';
}

function throwRowErrors(errors: RowError[]): void {
  const first = errors[0];
  if (!first) return;
  throw new DomainError('VALIDATION_FAILED', { issues: first.problems.map((p) => ({ in: 'body', path: `/${p.path.replaceAll('.', '/')}`, code: 'reference', message: p.message })) });
}

export async function createProcedure(ctx: ServiceContext, input: ProcedureInput): Promise<Procedure> {
  return ctx.database.db.transaction(async (tx) => {
    await requireCatalogWriter(ctx, tx);
    const { errors, unitIds } = await referenceProblems(tx, [{ row: 1, input }], []);
    throwRowErrors(errors);
    if (await q.procedureByCode(tx, input.code)) throw new DomainError('PROCEDURE_CODE_TAKEN', { code: input.code });
    try {
      await save(ctx, tx, input, unitIds, undefined);
    } catch (err) {
      if (isUniqueViolation(err, 'procedures_code_key')) throw new DomainError('PROCEDURE_CODE_TAKEN', { code: input.code });
      throw err;
    }
    return getIn(tx, input.code);
  });
}

export async function updateProcedure(ctx: ServiceContext, code: string, input: ProcedureInput & { version: number }): Promise<Procedure> {
  if (input.code !== code) throw new DomainError('PROCEDURE_CODE_MISMATCH', { path: code, body: input.code });
  return ctx.database.db.transaction(async (tx) => {
    await requireCatalogWriter(ctx, tx);
    const existing = await q.procedureByCode(tx, code, true);
    if (!existing) throw new DomainError('PROCEDURE_NOT_FOUND', { code });
    if (existing.version !== input.version) throw new DomainError('VERSION_CONFLICT', { current: existing.version });
    const { version: _version, ...rest } = input;
    const { errors, unitIds } = await referenceProblems(tx, [{ row: 1, input: rest }], []);
    throwRowErrors(errors);
    await save(ctx, tx, rest, unitIds, existing);
    return getIn(tx, code);
  });
}

async function getIn(tx: DbOrTx, code: string): Promise<Procedure> {
  const row = await q.procedureByCode(tx, code);
  if (!row) throw new Error('saved procedure not found');
  const [dto] = await toDtos(tx, [row]);
  if (!dto) throw new Error('unreachable');
  return dto;
}

export async function upsertField(ctx: ServiceContext, field: FieldInput) {
  return ctx.database.db.transaction(async (tx) => {
    await requireCatalogWriter(ctx, tx);
    const row = await q.upsertField(tx, { code: field.code, name: field.name, nameEn: field.nameEn ?? null });
    await recordAudit(tx, ctx, { action: 'catalog_field.upsert', objectType: 'catalog_field', objectId: field.code });
    return { code: row.code, name: row.name, nameEn: row.nameEn };
  });
}

// ---------------------------------------------------------------- forms

/** Form templates people download and fill in; documents, not programs. */
export const FORM_TYPES: Record<string, { extensions: string[]; magic: (b: Buffer) => boolean }> = {
  'application/pdf': { extensions: ['.pdf'], magic: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  'application/msword': { extensions: ['.doc'], magic: (b) => b.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex')) },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    extensions: ['.docx'],
    magic: (b) => b.subarray(0, 4).equals(Buffer.from('504b0304', 'hex')),
  },
};

export async function addForm(ctx: ServiceContext, code: string, upload: { fileName: string; contentType: string; content: Buffer }) {
  const type = FORM_TYPES[upload.contentType];
  // The name is only shown and sent back in Content-Disposition; path separators and control characters go.
  const fileName = [...upload.fileName.normalize('NFC')].map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch)).join('').trim();
  if (!type || !type.extensions.some((e) => fileName.toLowerCase().endsWith(e)) || !type.magic(upload.content)) {
    throw new DomainError('FORM_TYPE_NOT_ALLOWED', { contentType: upload.contentType, allowed: Object.keys(FORM_TYPES) });
  }
  return ctx.database.db.transaction(async (tx) => {
    await requireCatalogWriter(ctx, tx);
    const row = await q.procedureByCode(tx, code, true);
    if (!row) throw new DomainError('PROCEDURE_NOT_FOUND', { code });
    const sha256 = createHash('sha256').update(upload.content).digest('hex');
    const { id } = await q.insertForm(tx, { procedureId: row.id, fileName, contentType: upload.contentType, size: upload.content.length, sha256, content: upload.content });
    await recordAudit(tx, ctx, { action: 'procedure.form_add', objectType: 'procedure', objectId: code, details: { formId: id, sha256 } });
    return { id, fileName, contentType: upload.contentType, size: upload.content.length, sha256 };
  });
}

export async function removeForm(ctx: ServiceContext, code: string, formId: string): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    await requireCatalogWriter(ctx, tx);
    const row = await q.procedureByCode(tx, code, true);
    if (!row) throw new DomainError('PROCEDURE_NOT_FOUND', { code });
    if (row.documents.some((d) => d.templateId === formId)) throw new DomainError('FORM_IN_USE', { id: formId });
    if (!(await q.deleteForm(tx, row.id, formId))) throw new DomainError('FORM_NOT_FOUND', { id: formId });
    await recordAudit(tx, ctx, { action: 'procedure.form_remove', objectType: 'procedure', objectId: code, details: { formId } });
  });
}

// ---------------------------------------------------------------- import and export

export async function importCatalog(ctx: ServiceContext, format: 'json' | 'csv', text: string, dryRun: boolean): Promise<ImportReport> {
  let read: ReturnType<typeof readJson>;
  try {
    read = format === 'json' ? readJson(text) : readCsv(text);
  } catch (err) {
    if (err instanceof UnreadableFile) return { format, rows: 0, created: 0, updated: 0, unchanged: 0, errors: [{ row: 0, code: null, problems: err.problems }], applied: false };
    throw err;
  }
  const { valid, errors } = validateRows(read.rows);
  return ctx.database.db.transaction(async (tx) => {
    await requireCatalogWriter(ctx, tx);
    const refs = await referenceProblems(tx, valid, read.fields);
    const allErrors = [...errors, ...refs.errors].sort((a, b) => a.row - b.row);
    const report: ImportReport = { format, rows: read.rows.length, created: 0, updated: 0, unchanged: 0, errors: allErrors, applied: false };
    const badRows = new Set(allErrors.map((e) => e.row));
    const existing = new Map((await q.proceduresByCodes(tx, valid.map((v) => v.input.code))).map((r) => [r.code, r]));
    for (const f of read.fields) await q.upsertField(tx, { code: f.code, name: f.name, nameEn: f.nameEn ?? null });
    for (const v of valid) {
      if (badRows.has(v.row)) continue;
      report[await save(ctx, tx, v.input, refs.unitIds, existing.get(v.input.code))] += 1;
    }
    if (allErrors.length > 0 || dryRun) {
      // Counted what would happen; write nothing (the transaction is rolled back).
      throw new ImportRollback({ ...report, applied: false });
    }
    await recordAudit(tx, ctx, { action: 'catalog.import', objectType: 'catalog', details: { format, rows: report.rows, created: report.created, updated: report.updated } });
    return { ...report, applied: true };
  }).catch((err: unknown) => {
    if (err instanceof ImportRollback) return err.report;
    throw err;
  });
}

class ImportRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('import rolled back');
  }
}

/** Every procedure, active or not, in the input shape (what import takes back). */
export async function exportInputs(ctx: ServiceContext): Promise<{ fields: { code: string; name: string; nameEn: string | null }[]; procedures: ProcedureInput[] }> {
  const db = ctx.database.db;
  const fields = await q.listFields(db);
  const procedures = (await toDtos(db, await q.allProcedures(db))).map(toInput);
  await recordAudit(db, ctx, { action: 'catalog.export', objectType: 'catalog', details: { procedures: procedures.length } });
  return { fields: fields.map(({ code, name, nameEn }) => ({ code, name, nameEn })), procedures };
}

export { writeCsv };

/** Loads the starter catalog when the catalog is empty (first start). */
export async function loadStarterCatalog(ctx: ServiceContext, json: string): Promise<ImportReport | null> {
  if ((await q.countProcedures(ctx.database.db)) > 0) return null;
  const report = await importCatalog(ctx, 'json', json, false);
  if (!report.applied) throw new Error(`the starter catalog does not import: ${JSON.stringify(report.errors.slice(0, 3))}`);
  return report;
}
