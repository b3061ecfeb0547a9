/**
 * The historical import on the real database, through the API: the reports'
 * seed figure from an imported year, all-or-nothing validation with the
 * per-row list, idempotence by code (and an update moving the figures), the
 * read-only imported dossier, scope and permission, CSV = JSON.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DossierImportList, DossierImportResult, ImportProblem } from '../../../contracts/dossier-import.js';
import type { Dossier, DossierList, IntakeResult } from '../../../contracts/dossiers.js';
import type { Statistics } from '../../../contracts/reports.js';
import { countRows } from '../../../test/dossier-actions.js';
import { adminClient, makeTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { BIRTH_APPLICANT, BIRTH_PROCEDURE } from '../../../test/returned-dossier.js';
import { createUnit, officer, oneStopTeam, rootUnitId, type OneStopTeam } from '../../../test/staff.js';

let t: TestApp;
let admin: Client;
let team: OneStopTeam;
let rootId: string;

type Row = Record<string, string | null>;

const FIELDS = ['code', 'procedureCode', 'unitCode', 'receivedAt', 'dueAt', 'finishedAt', 'status', 'channel', 'rating'] as const;

function csvOf(rows: Row[]): string {
  const cell = (v: string | null | undefined) => (v === null || v === undefined ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `\uFEFF${[FIELDS.join(','), ...rows.map((r) => FIELDS.map((f) => cell(r[f])).join(','))].join('\r\n')}\r\n`;
}

async function importJson(who: Client, rows: unknown[], query = ''): Promise<{ status: number; body: DossierImportResult & { error?: { code: string; details: { total: number; problems: ImportProblem[] } } } }> {
  const res = await who.request('POST', `/api/v1/dossier-imports${query}`, { sourceSystem: 'iGate 2.0', fileName: 'hoso.json', rows });
  return { status: res.status, body: res.json() };
}

async function importCsv(who: Client, text: string, query = ''): Promise<{ status: number; body: DossierImportResult }> {
  const res = await who.request('POST', `/api/v1/dossier-imports?sourceSystem=iGate%202.0&fileName=hoso.csv${query}`, text, { 'content-type': 'text/csv; charset=utf-8' });
  return { status: res.status, body: res.json() };
}

async function stats(unit: string, year: number): Promise<Statistics['total']> {
  const res = await admin.request('GET', `/api/v1/reports/statistics?${new URLSearchParams({ unit, period: 'year', from: `${year}-06-01` }).toString()}`);
  expect(res.status, JSON.stringify(res.json())).toBe(200);
  return (res.json() as Statistics).total;
}

const day = (base: string, plus: number): string => new Date(Date.parse(`${base}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);

async function written(): Promise<{ dossiers: number; ratings: number; imports: number; history: number }> {
  return { dossiers: await countRows(t, 'dossiers'), ratings: await countRows(t, 'feedback_ratings'), imports: await countRows(t, 'dossier_imports'), history: await countRows(t, 'dossier_history') };
}

beforeAll(async () => {
  t = await makeTestApp();
  admin = await adminClient(t);
  rootId = await rootUnitId(admin);
  team = await oneStopTeam(t, admin, { code: 'IMP-T', name: 'Ủy ban nhân dân xã Nhập', kind: 'commune' }, { certificate: false });
  for (const code of ['IMP-A', 'IMP-B', 'IMP-C']) await createUnit(admin, { code, name: `Ủy ban nhân dân ${code}`, kind: 'commune', parentId: rootId });
});
afterAll(async () => t.close());

describe('the reports over an imported year', () => {
  it('1,862 dossiers of 2023, 1,489 early or on time: received 1,862, on-time share 1,489 ÷ 1,862', async () => {
    const rows: Row[] = Array.from({ length: 1862 }, (_, k) => {
      const i = k + 1;
      const received = day('2023-01-03', i % 340);
      const due = day(received, 5);
      const finished = i <= 489 ? day(received, 1) : i <= 1489 ? due : day(due, 2);
      return { code: `IG-2023-${String(i).padStart(5, '0')}`, procedureCode: BIRTH_PROCEDURE, unitCode: 'IMP-A', receivedAt: received, dueAt: due, finishedAt: finished, status: 'returned', channel: i % 5 < 2 ? 'online' : 'in_person', rating: i % 3 === 0 ? 'satisfied' : null };
    });
    const before = await written();
    const res = await importJson(admin, rows);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, rows: 1862, created: 1862, updated: 0, unchanged: 0 });
    expect(res.body.importId).toMatch(/^[0-9a-f-]{36}$/);
    const after = await written();
    expect(after.dossiers - before.dossiers).toBe(1862);
    expect(after.history - before.history).toBe(1862);
    expect(after.ratings - before.ratings).toBe(620);
    expect(after.imports - before.imports).toBe(1);

    const s = await stats('IMP-A', 2023);
    expect(s.received.total).toBe(1862);
    expect(s.settled).toMatchObject({ total: 1862, early: 489, onTime: 1000, late: 373, refused: 0 });
    expect(s.settled.onTimeShare).toBeCloseTo(1489 / 1862, 12);
    expect((s.settled.onTimeShare ?? 0) * 100).toBeCloseTo(79.97, 2);
    expect(s.pending.total).toBe(0);

    const list = (await admin.request('GET', '/api/v1/dossier-imports')).json() as DossierImportList;
    expect(list.items[0]).toMatchObject({ id: res.body.importId, sourceSystem: 'iGate 2.0', fileName: 'hoso.json', format: 'json', rows: 1862, created: 1862 });
  });
});

describe('validation, row by row, all or nothing', () => {
  it('answers 422 with every bad row and field and writes nothing: no dossier, no rating, no import', async () => {
    const intake = await team.reception.request(
      'POST',
      '/api/v1/dossiers',
      { procedureCode: BIRTH_PROCEDURE, counterCode: 'Q1', applicant: BIRTH_APPLICANT, documents: [0, 1, 2].map((index) => ({ index, received: true, form: 'original', count: 1 })), outcome: 'accepted' },
      { 'idempotency-key': randomUUID() },
    );
    expect(intake.status).toBe(201);
    const native = (intake.json() as IntakeResult).dossier.code;
    const good = { code: 'BAD-OK-1', procedureCode: BIRTH_PROCEDURE, unitCode: 'IMP-B', receivedAt: '2024-02-01', dueAt: '2024-02-06', finishedAt: '2024-02-05', status: 'returned', channel: 'post', rating: 'very_satisfied' };
    const rows = [
      good,
      { ...good, code: 'BAD-2', dueAt: '2024-01-20' },
      { ...good, code: 'BAD-3', procedureCode: '9.999999' },
      { ...good, code: 'BAD-4', unitCode: 'NO-SUCH-UNIT' },
      { ...good, code: 'BAD-OK-1' },
      { ...good, code: 'BAD-6', status: 'archived' },
      { ...good, code: native },
      { ...good, code: 'BAD-8', finishedAt: null },
      { ...good, code: 'BAD-9', receivedAt: '2024-02-30', channel: 'fax', rating: 'great' },
    ];
    const before = await written();
    const res = await importJson(admin, rows);
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe('IMPORT_INVALID');
    const problems = res.body.error?.details.problems ?? [];
    expect(problems.map(({ row, field, code }) => ({ row, field, code }))).toEqual([
      { row: 2, field: 'dueAt', code: 'IMPORT_DUE_BEFORE_RECEIVED' },
      { row: 3, field: 'procedureCode', code: 'IMPORT_PROCEDURE_UNKNOWN' },
      { row: 4, field: 'unitCode', code: 'IMPORT_UNIT_UNKNOWN' },
      { row: 5, field: 'code', code: 'IMPORT_CODE_DUPLICATE' },
      { row: 6, field: 'status', code: 'IMPORT_STATUS_INVALID' },
      { row: 7, field: 'code', code: 'IMPORT_CODE_NATIVE' },
      { row: 8, field: 'finishedAt', code: 'IMPORT_FINISHED_REQUIRED' },
      { row: 9, field: 'receivedAt', code: 'IMPORT_DATE_INVALID' },
      { row: 9, field: 'channel', code: 'IMPORT_CHANNEL_INVALID' },
      { row: 9, field: 'rating', code: 'IMPORT_RATING_INVALID' },
    ]);
    expect(res.body.error?.details.total).toBe(10);
    expect(problems[0]?.message).toBe('Ngày hẹn trả trước ngày tiếp nhận.');
    expect(await written()).toEqual(before);

    const dry = await importJson(admin, rows, '?dryRun=true');
    expect(dry.status).toBe(422);
    expect(await written()).toEqual(before);
  });

  it('refuses, row by row, a unit outside the importer\'s scope', async () => {
    const unitB = (await admin.request('GET', '/api/v1/org/units')).json().items.find((u: { code: string }) => u.code === 'IMP-C') as { id: string };
    const localAdmin = await officer(t, admin, 'Quản trị xã C', unitB.id, [{ role: 'admin', unitId: unitB.id }]);
    const row = (code: string, unitCode: string) => ({ code, procedureCode: BIRTH_PROCEDURE, unitCode, receivedAt: '2024-05-02', dueAt: '2024-05-09', finishedAt: '2024-05-08', status: 'returned', channel: 'in_person' });
    const before = await written();
    const res = await importJson(localAdmin, [row('SC-1', 'IMP-C'), row('SC-2', 'IMP-B')]);
    expect(res.status).toBe(422);
    expect(res.body.error?.details.problems.map(({ row: r, field, code }) => ({ row: r, field, code }))).toEqual([{ row: 2, field: 'unitCode', code: 'IMPORT_UNIT_UNKNOWN' }]);
    expect(await written()).toEqual(before);
    const ok = await importJson(localAdmin, [row('SC-1', 'IMP-C')]);
    expect(ok.body).toMatchObject({ created: 1 });
  });

  it('is for administrators: an officer gets 403', async () => {
    const res = await importJson(team.leader, [{ code: 'X-1' }]);
    expect(res.status).toBe(403);
    expect((await team.specialist.request('GET', '/api/v1/dossier-imports')).status).toBe(403);
  });
});

describe('idempotent by code', () => {
  const base: Row[] = [
    { code: 'IDEM-1', procedureCode: BIRTH_PROCEDURE, unitCode: 'IMP-B', receivedAt: '2024-03-01', dueAt: '2024-03-08', finishedAt: null, status: 'pending', channel: 'online', rating: null },
    { code: 'IDEM-2', procedureCode: BIRTH_PROCEDURE, unitCode: 'IMP-B', receivedAt: '2024-03-01T09:30:00+07:00', dueAt: '2024-03-08', finishedAt: '2024-03-05T15:00', status: 'refused', channel: 'in_person', rating: 'dissatisfied' },
    { code: 'idem-3', procedureCode: BIRTH_PROCEDURE, unitCode: 'IMP-B', receivedAt: '2024-04-01', dueAt: null, finishedAt: '2024-04-03', status: 'withdrawn', channel: 'post', rating: null },
  ];

  it('the same file twice changes nothing the second time; a changed row updates its dossier and the figures move', async () => {
    const first = await importJson(admin, base);
    expect(first.body).toMatchObject({ rows: 3, created: 3, updated: 0, unchanged: 0 });
    const figures = await stats('IMP-B', 2024);
    expect(figures.received.total).toBe(3);
    expect(figures.settled).toMatchObject({ total: 1, refused: 1, onTime: 0, early: 1 });
    expect(figures.pending.total).toBe(1);
    expect(figures.withdrawn + figures.stopped).toBe(1);

    const before = await written();
    const again = await importJson(admin, base);
    expect(again.body).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 3 });
    expect((await written()).dossiers).toBe(before.dossiers);
    expect((await written()).history).toBe(before.history);
    expect(await stats('IMP-B', 2024)).toEqual(figures);

    // The old system finished IDEM-1 after the first import.
    const changed = base.map((r) => (r.code === 'IDEM-1' ? { ...r, status: 'returned', finishedAt: '2024-03-07', rating: 'very_satisfied' } : r));
    const dry = await importJson(admin, changed, '?dryRun=true');
    expect(dry.body).toMatchObject({ importId: null, dryRun: true, created: 0, updated: 1, unchanged: 2 });
    expect(await stats('IMP-B', 2024)).toEqual(figures);
    const update = await importJson(admin, changed);
    expect(update.body).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const moved = await stats('IMP-B', 2024);
    expect(moved.received.total).toBe(3);
    expect(moved.settled).toMatchObject({ total: 2, refused: 1, early: 2 });
    expect(moved.pending.total).toBe(0);
    expect((await written()).ratings).toBe(before.ratings + 1);

    const history = (await admin.request('GET', '/api/v1/dossier-imports')).json() as DossierImportList;
    expect(history.items[0]).toMatchObject({ id: update.body.importId, updated: 1, unchanged: 2 });
  });

  it('a CSV file (UTF-8 with BOM) gives what the same rows in JSON give', async () => {
    const changed = base.map((r) => (r.code === 'IDEM-1' ? { ...r, status: 'returned', finishedAt: '2024-03-07', rating: 'very_satisfied' } : r));
    const csv = await importCsv(admin, csvOf(changed));
    expect(csv.status, JSON.stringify(csv.body)).toBe(200);
    expect(csv.body).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 3 });
    const fresh = changed.map((r) => ({ ...r, code: `CSV-${r.code ?? ''}`, unitCode: 'IMP-C' }));
    const viaCsv = await importCsv(admin, csvOf(fresh), '&dryRun=true');
    const viaJson = await importJson(admin, fresh, '?dryRun=true');
    expect(viaCsv.body).toEqual(viaJson.body);
    expect(viaCsv.body).toMatchObject({ created: 3 });
  });
});

describe('an imported dossier', () => {
  it('is read-only (409 DOSSIER_IMPORTED), marked as imported, in no inbox, and shows where it came from', async () => {
    const res = await importJson(admin, [{ code: 'RO-1', procedureCode: BIRTH_PROCEDURE, unitCode: 'IMP-T', receivedAt: '2024-06-03', dueAt: '2024-06-10', status: 'pending', channel: 'in_person' }]);
    expect(res.body).toMatchObject({ created: 1 });
    const page = await team.specialist.request('GET', '/api/v1/dossiers/RO-1');
    expect(page.status).toBe(200);
    const d = page.json() as Dossier;
    expect(d).toMatchObject({ code: 'RO-1', imported: true, importedFrom: 'iGate 2.0', applicant: null, actions: [], status: 'processing', step: null });
    const refused = await team.specialist.request('POST', '/api/v1/dossiers/RO-1/actions/forward', { version: d.version });
    expect(refused.status).toBe(409);
    expect(refused.json().error.code).toBe('DOSSIER_IMPORTED');
    const secret = await team.reception.request('POST', '/api/v1/dossiers/RO-1/secret');
    expect(secret.json().error.code).toBe('DOSSIER_IMPORTED');

    const unitView = (await team.specialist.request('GET', '/api/v1/dossiers?view=unit')).json() as DossierList;
    expect(unitView.items.map((x) => x.code)).not.toContain('RO-1');
    const all = (await team.specialist.request('GET', '/api/v1/dossiers?view=all')).json() as DossierList;
    expect(all.items.find((x) => x.code === 'RO-1')?.imported).toBe(true);
    expect(all.items.filter((x) => x.code !== 'RO-1').every((x) => !x.imported)).toBe(true);
  });

  it('cannot be rated again, and the public lookup never finds it', async () => {
    await importJson(admin, [{ code: 'RO-2', procedureCode: BIRTH_PROCEDURE, unitCode: 'IMP-T', receivedAt: '2024-06-03', dueAt: '2024-06-10', finishedAt: '2024-06-05', status: 'returned', channel: 'online' }]);
    const rating = await team.reception.request('POST', '/api/v1/dossiers/RO-2/rating', { time: 'satisfied', attitude: 'satisfied', transparency: 'satisfied', ease: 'satisfied', overall: 'satisfied' });
    expect(rating.status).toBe(409);
    expect(rating.json().error.code).toBe('DOSSIER_IMPORTED');
    const lookup = await t.app.inject({ method: 'POST', url: '/api/v1/public/lookup', payload: { code: 'RO-2', secret: 'ABCDE-FGHJK-MNPQR-STVWX-YZ012-3' } });
    expect(lookup.statusCode).toBe(404);
  });
});
