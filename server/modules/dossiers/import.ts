/**
 * Historical import of dossiers from a previous system (issue 7), so that
 * the reports over periods before the switch are complete.
 *
 * Decisions (see also import-rows.ts for the row format and the dates):
 * - Every row is checked before anything is written; any problem answers 422
 *   IMPORT_INVALID with the list (`{row, field, code}`, the first 1,000, and
 *   the total) and nothing is written: no dossier, no rating, no
 *   `dossier_imports` row. A dry run checks the same and counts what would
 *   be created, updated or left unchanged, and writes nothing either.
 * - Idempotent by code: a row whose code is an imported dossier with the same
 *   values is `unchanged`; with other values (the old system finished it
 *   since) it updates that dossier, which then names the new import. A code
 *   of a dossier made here is refused (IMPORT_CODE_NATIVE).
 * - The settling unit (`unitCode`) must be in the importer's `dossier.import`
 *   scope (administrators); it receives and settles the dossier. Any
 *   procedure of the catalog may be named, active or not (the old system's
 *   may since have been withdrawn); units likewise (merged communes).
 * - What an imported dossier holds: the unit's ancestor chain as its scope;
 *   timeliness judged like a result made here (rules.ts `timeliness` in the
 *   settling unit's calendar, against the due date; no due date counts as on
 *   time); `finishedAt` is also the decision and the hand-over; stopped and
 *   withdrawn dossiers are closed then. No personal data is imported: the
 *   applicant is `{}` and its name empty, no documents, no trips, no creator,
 *   no assignee (no one's inbox), and a secret hash of a random value nobody
 *   holds, so the public lookup never finds it (its applicant never had a
 *   Motcua receipt). A rating becomes one `feedback_ratings` row with every
 *   criterion at that level, channel `import`, dated at `finishedAt`.
 * - Set-based: the rows go to PostgreSQL as one JSON parameter and are
 *   inserted and updated with INSERT … SELECT / UPDATE … FROM, so the report
 *   triggers (migration 0011) run once per statement and count the imported
 *   history (an update moves the figures by the difference).
 * - One transaction: the dossiers, their ratings, a history row per dossier
 *   written (action `import`), the `dossier_imports` row and an audit row.
 *   Imports run one at a time (a transaction-scoped advisory lock), so two
 *   files with the same new codes cannot both insert them.
 * - Imported dossiers are read-only: `refuseImported` (service.ts) answers
 *   409 DOSSIER_IMPORTED to every action and edit.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { IMPORT_LIMITS, type DossierImportList, type DossierImportResult } from '../../../contracts/dossier-import.js';
import type { Channel, Timeliness } from '../../../contracts/dossiers.js';
import type { Score } from '../../../contracts/feedback.js';
import type { Tx } from '../../db/client.js';
import { staffActor, type ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import type { WorkingCalendar } from '../calendar/calendar.js';
import { resolveCalendar } from '../calendar/service.js';
import { importRatings, overallScores } from '../feedback/service.js';
import { uuidArray } from '../org/scope.js';
import { checkRows, columnsOf, fingerprint, importStatusOf, UnreadableImport, type CheckedRow, type RawRow, type RowProblem } from './import-rows.js';
import { timeliness } from './rules.js';

export type ImportFile = { format: 'json' | 'csv'; sourceSystem: string; fileName: string | null; sha256: string; read: () => RawRow[] };

/** The sha256 of what was sent (the file's bytes for CSV, the rows' JSON for JSON), recorded with the import. */
export function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

type Existing = {
  id: string;
  code: string;
  import_id: string | null;
  visible: boolean;
  procedure_code: string;
  unit_code: string;
  received_at: Date;
  due_at: Date | null;
  finished_at: Date | null;
  closed_at: Date | null;
  status: string;
  outcome: string | null;
  withdrawn: boolean;
  channel: Channel;
};

const jsonList = (items: readonly string[]) => sql`(SELECT jsonb_array_elements_text(${JSON.stringify(items)}::jsonb))`;

function invalid(problems: RowProblem[]): DomainError {
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  return new DomainError('IMPORT_INVALID', { total: sorted.length, problems: sorted.slice(0, IMPORT_LIMITS.problemsShown) });
}

export async function importDossiers(ctx: ServiceContext, file: ImportFile, dryRun: boolean): Promise<DossierImportResult> {
  const actor = staffActor(ctx);
  let raw: RawRow[];
  try {
    raw = file.read();
  } catch (err) {
    if (err instanceof UnreadableImport) throw invalid([err.problem]);
    throw err;
  }
  const roots = actor.scope('dossier.import');
  const now = ctx.clock.now();
  const checked = checkRows(raw, now);
  return ctx.database.db.transaction(async (tx) => {
    // One import at a time: two files bringing the same new code would otherwise both insert it.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('motcua.dossier_import'))`);
    const problems = [...checked.problems];
    const rows = checked.rows;
    const procedures = await idsByCode(tx, sql`SELECT id, code, NULL::uuid[] AS ancestors FROM procedures WHERE code IN ${jsonList(uniq(rows.map((r) => r.procedureCode)))}`);
    const units = await idsByCode(
      tx,
      sql`SELECT id, code, ancestors FROM units WHERE code IN ${jsonList(uniq(rows.map((r) => r.unitCode)))} AND ancestors && ${uuidArray(roots)}`,
    );
    // Locked: a concurrent import of the same codes waits for this one and then finds them.
    const existing = new Map(
      (
        await tx.execute<Existing>(sql`
          SELECT d.id, d.code, d.import_id, d.scope_units && ${uuidArray(roots)} AS visible, p.code AS procedure_code, u.code AS unit_code,
            d.received_at, d.due_at, d.finished_at, d.closed_at, d.status, d.outcome, d.withdrawn, d.channel
          FROM dossiers d JOIN procedures p ON p.id = d.procedure_id JOIN units u ON u.id = d.settling_unit_id
          WHERE d.code IN ${jsonList(rows.map((r) => r.code))}
          FOR UPDATE OF d`)
      ).rows.map((r) => [r.code, r]),
    );
    for (const r of rows) {
      if (!procedures.has(r.procedureCode)) problems.push({ row: r.row, field: 'procedureCode', code: 'IMPORT_PROCEDURE_UNKNOWN' });
      if (!units.has(r.unitCode)) problems.push({ row: r.row, field: 'unitCode', code: 'IMPORT_UNIT_UNKNOWN' });
      const old = existing.get(r.code);
      if (old && old.import_id === null) problems.push({ row: r.row, field: 'code', code: 'IMPORT_CODE_NATIVE' });
      else if (old && !old.visible) problems.push({ row: r.row, field: 'unitCode', code: 'IMPORT_UNIT_UNKNOWN' });
    }
    if (problems.length > 0) throw invalid(problems);

    const scores = await overallScores(tx, [...existing.values()].map((e) => e.id));
    const created: CheckedRow[] = [];
    const updated: CheckedRow[] = [];
    for (const r of rows) {
      const old = existing.get(r.code);
      if (!old) created.push(r);
      else if (fingerprint(r) !== fingerprint(asRow(old, scores.get(old.id) ?? null))) updated.push(r);
    }
    const counts = { rows: rows.length, created: created.length, updated: updated.length, unchanged: rows.length - created.length - updated.length };
    if (dryRun) return { importId: null, dryRun: true, ...counts };

    const [batch] = (
      await tx.execute<{ id: string }>(sql`
        INSERT INTO dossier_imports (source_system, file_name, format, sha256, rows, created, updated, unchanged, imported_by, imported_at)
        VALUES (${file.sourceSystem}, ${file.fileName}, ${file.format}, ${file.sha256}, ${counts.rows}, ${counts.created}, ${counts.updated}, ${counts.unchanged}, ${actor.staffId}, ${now})
        RETURNING id`)
    ).rows;
    if (!batch) throw new Error('insert returned nothing');
    const calendars = new Map<string, Promise<WorkingCalendar>>();
    const calendarOf = (unitId: string) => {
      let c = calendars.get(unitId);
      if (!c) calendars.set(unitId, (c = resolveCalendar(tx, unitId)));
      return c;
    };
    const toRecord = async (r: CheckedRow): Promise<DossierRecord> => {
      const unit = units.get(r.unitCode);
      const procedureId = procedures.get(r.procedureCode)?.id;
      if (!unit || !procedureId) throw new Error('checked above');
      const c = columnsOf(r);
      const judged: Timeliness | null = c.finishedAt ? timeliness(await calendarOf(unit.id), c.finishedAt, r.dueAt ?? c.finishedAt, false) : null;
      return {
        code: r.code,
        procedure_id: procedureId,
        unit_id: unit.id,
        scope_units: `{${(unit.ancestors ?? [unit.id]).join(',')}}`,
        channel: r.channel,
        status: c.status,
        outcome: c.outcome,
        withdrawn: c.withdrawn,
        received_at: r.receivedAt.toISOString(),
        due_at: r.dueAt?.toISOString() ?? null,
        finished_at: c.finishedAt?.toISOString() ?? null,
        closed_at: c.closedAt?.toISOString() ?? null,
        timeliness: judged,
      };
    };
    const createdRecords = await Promise.all(created.map(toRecord));
    const updatedRecords = await Promise.all(updated.map(toRecord));
    await insertDossiers(tx, createdRecords, batch.id, now);
    await updateDossiers(tx, updatedRecords, batch.id, now);
    const written = [...created, ...updated];
    if (written.length > 0) {
      const changes = written.map((r, i) => ({ code: r.code, change: i < created.length ? 'created' : 'updated', from: existing.get(r.code)?.status ?? null }));
      await tx.execute(sql`
        INSERT INTO dossier_history (dossier_id, at, actor_id, action, from_status, to_status, from_step, to_step, from_unit_id, to_unit_id, note, details)
        SELECT d.id, ${now}, ${actor.staffId}, 'import', x."from", d.status, NULL, NULL, NULL, d.settling_unit_id, NULL,
          jsonb_build_object('importId', ${batch.id}::text, 'sourceSystem', ${file.sourceSystem}::text, 'change', x.change)
        FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) AS x(code text, change text, "from" dossier_status) JOIN dossiers d ON d.code = x.code`);
      const ids = await idsByCode(tx, sql`SELECT id, code, NULL::uuid[] AS ancestors FROM dossiers WHERE code IN ${jsonList(written.map((r) => r.code))}`);
      await importRatings(
        tx,
        written.flatMap((r) => {
          const id = ids.get(r.code)?.id;
          const unitId = units.get(r.unitCode)?.id;
          if (!id || !unitId) return [];
          // A rating the dossier never had needs nothing removed.
          if (r.rating === null && !scores.has(existing.get(r.code)?.id ?? '')) return [];
          return [{ dossierId: id, unitId, score: r.rating, at: r.finishedAt ?? r.receivedAt }];
        }),
      );
    }
    await recordAudit(tx, ctx, {
      action: 'dossier.import',
      objectType: 'dossier_import',
      objectId: batch.id,
      details: { format: file.format, sourceSystem: file.sourceSystem, sha256: file.sha256, ...counts },
    });
    return { importId: batch.id, dryRun: false, ...counts };
  });
}

/** An imported dossier's columns, as sent to PostgreSQL (jsonb_to_recordset). */
type DossierRecord = {
  code: string;
  procedure_id: string;
  unit_id: string;
  scope_units: string;
  channel: Channel;
  status: string;
  outcome: string | null;
  withdrawn: boolean;
  received_at: string;
  due_at: string | null;
  finished_at: string | null;
  closed_at: string | null;
  timeliness: Timeliness | null;
};

const RECORD_COLUMNS = sql.raw(`code text, procedure_id uuid, unit_id uuid, scope_units uuid[], channel dossier_channel, status dossier_status, outcome dossier_outcome,
  withdrawn boolean, received_at timestamptz, due_at timestamptz, finished_at timestamptz, closed_at timestamptz, timeliness dossier_timeliness`);

async function insertDossiers(tx: Tx, records: DossierRecord[], importId: string, now: Date): Promise<void> {
  if (records.length === 0) return;
  await tx.execute(sql`
    INSERT INTO dossiers (code, secret_hash, procedure_id, receiving_unit_id, settling_unit_id, scope_units, channel, status, step, outcome, applicant, applicant_name,
      documents, received_at, clock_started_at, due_at, original_due_at, decided_at, finished_at, timeliness, returned_at, closed_at, withdrawn, visits, import_id, created_by, created_at, updated_at)
    SELECT x.code, encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex'), x.procedure_id, x.unit_id, x.unit_id, x.scope_units,
      x.channel, x.status, NULL, x.outcome, '{}'::jsonb, '', '[]'::jsonb, x.received_at, x.received_at, x.due_at, NULL, x.finished_at, x.finished_at, x.timeliness,
      x.finished_at, x.closed_at, x.withdrawn, 0, ${importId}::uuid, NULL, ${now}, ${now}
    FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS x(${RECORD_COLUMNS})`);
}

async function updateDossiers(tx: Tx, records: DossierRecord[], importId: string, now: Date): Promise<void> {
  if (records.length === 0) return;
  await tx.execute(sql`
    UPDATE dossiers d SET procedure_id = x.procedure_id, receiving_unit_id = x.unit_id, settling_unit_id = x.unit_id, scope_units = x.scope_units, channel = x.channel,
      status = x.status, outcome = x.outcome, received_at = x.received_at, clock_started_at = x.received_at, due_at = x.due_at, decided_at = x.finished_at,
      finished_at = x.finished_at, timeliness = x.timeliness, returned_at = x.finished_at, closed_at = x.closed_at, withdrawn = x.withdrawn,
      import_id = ${importId}::uuid, version = d.version + 1, updated_at = ${now}
    FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS x(${RECORD_COLUMNS})
    WHERE d.code = x.code AND d.import_id IS NOT NULL`);
}

function asRow(e: Existing, rating: Score | null): Parameters<typeof fingerprint>[0] {
  const status = importStatusOf(e);
  return {
    procedureCode: e.procedure_code,
    unitCode: e.unit_code,
    receivedAt: new Date(e.received_at),
    dueAt: e.due_at ? new Date(e.due_at) : null,
    finishedAt: status === 'pending' ? null : status === 'stopped' || status === 'withdrawn' ? dateOrNull(e.closed_at) : dateOrNull(e.finished_at),
    status,
    channel: e.channel,
    rating,
  };
}

const dateOrNull = (d: Date | string | null) => (d === null ? null : new Date(d));

async function idsByCode(tx: Tx, query: ReturnType<typeof sql>): Promise<Map<string, { id: string; ancestors: string[] | null }>> {
  const rows = await tx.execute<{ id: string; code: string; ancestors: string[] | null }>(query);
  return new Map(rows.rows.map((r) => [r.code, { id: r.id, ancestors: r.ancestors }]));
}

function uniq(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** Past imports of the deployment (one province), newest first, for the administrators' page; the list names no dossier and no applicant. */
export async function listImports(ctx: ServiceContext, page: number, pageSize: number): Promise<DossierImportList> {
  staffActor(ctx);
  const db = ctx.database.db;
  const [count] = (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM dossier_imports`)).rows;
  const rows = await db.execute<{
    id: string;
    source_system: string;
    file_name: string | null;
    format: 'json' | 'csv';
    sha256: string;
    rows: number;
    created: number;
    updated: number;
    unchanged: number;
    full_name: string;
    imported_at: Date;
  }>(sql`
    SELECT i.id, i.source_system, i.file_name, i.format, i.sha256, i.rows, i.created, i.updated, i.unchanged, s.full_name, i.imported_at
    FROM dossier_imports i JOIN staff s ON s.id = i.imported_by
    ORDER BY i.imported_at DESC, i.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
  return {
    total: count?.n ?? 0,
    page,
    items: rows.rows.map((r) => ({
      id: r.id,
      sourceSystem: r.source_system,
      fileName: r.file_name,
      format: r.format,
      sha256: r.sha256,
      rows: r.rows,
      created: r.created,
      updated: r.updated,
      unchanged: r.unchanged,
      importedBy: r.full_name,
      importedAt: new Date(r.imported_at).toISOString(),
    })),
  };
}
