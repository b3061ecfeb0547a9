/** The historical import's pure row rules: property tests of checking and mapping, and the file readers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMPORT_STATUSES } from '../../../contracts/dossier-import.js';
import { CHANNELS } from '../../../contracts/dossiers.js';
import { SCORES } from '../../../contracts/feedback.js';
import { checkRow, checkRows, columnsOf, fingerprint, importStatusOf, parseInstant, readCsvRows, UnreadableImport } from './import-rows.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const MIN = Date.parse('2015-01-01T00:00:00Z');
const MAX = NOW.getTime() - 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A valid row, as a previous system would write it. */
const validRow = fc
  .record({
    code: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/),
    received: fc.integer({ min: MIN, max: MAX }),
    dueDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
    finishedAfterMs: fc.integer({ min: 0, max: 40 * 86_400_000 }),
    status: fc.constantFrom(...IMPORT_STATUSES),
    channel: fc.constantFrom(...CHANNELS),
    rating: fc.option(fc.constantFrom(...SCORES), { nil: null }),
  })
  .map((r) => {
    const finished = Math.min(r.received + r.finishedAfterMs, NOW.getTime());
    return {
      code: r.code,
      procedureCode: '1.001193',
      unitCode: 'X01',
      receivedAt: iso(r.received),
      dueAt: r.dueDays === null ? null : iso(r.received + r.dueDays * 86_400_000),
      finishedAt: r.status === 'pending' ? null : iso(finished),
      status: r.status,
      channel: r.channel,
      rating: r.status === 'returned' || r.status === 'refused' ? r.rating : null,
    };
  });

describe('checking a row', () => {
  it('accepts every valid row, upper-cases its code, and maps its status there and back', () => {
    fc.assert(
      fc.property(validRow, (value) => {
        const { row, problems } = checkRow({ row: 1, value }, NOW);
        expect(problems).toEqual([]);
        expect(row?.code).toBe(value.code.toUpperCase());
        if (!row) return;
        const c = columnsOf(row);
        expect(importStatusOf(c)).toBe(row.status);
        // A finished dossier has its finish (results) or its close (stopped, withdrawn), never both; a pending one neither.
        expect(c.finishedAt === null || c.closedAt === null).toBe(true);
        expect((c.finishedAt ?? c.closedAt)?.getTime() ?? null).toBe(row.finishedAt?.getTime() ?? null);
        expect(c.outcome !== null).toBe(row.status === 'returned' || row.status === 'refused');
      }),
    );
  });

  it('refuses a due date before the date received, whatever else the row holds', () => {
    fc.assert(
      fc.property(validRow, fc.integer({ min: 1, max: 400 * 86_400_000 }), (value, earlier) => {
        const row = { ...value, dueAt: iso(Date.parse(value.receivedAt) - earlier) };
        const { row: ok, problems } = checkRow({ row: 7, value: row }, NOW);
        expect(ok).toBeNull();
        expect(problems).toContainEqual({ row: 7, field: 'dueAt', code: 'IMPORT_DUE_BEFORE_RECEIVED' });
      }),
    );
  });

  it('reports a code twice in a file on the later rows only', () => {
    fc.assert(
      fc.property(fc.array(validRow, { minLength: 1, maxLength: 20 }), (rows) => {
        const result = checkRows(rows.map((value, i) => ({ row: i + 1, value })), NOW);
        const codes = rows.map((r) => r.code.toUpperCase());
        const firsts = new Set(codes.map((c) => codes.indexOf(c) + 1));
        expect(result.rows.map((r) => r.row)).toEqual([...firsts].sort((a, b) => a - b));
        expect(result.problems.every((p) => p.code === 'IMPORT_CODE_DUPLICATE' && !firsts.has(p.row))).toBe(true);
      }),
    );
  });

  it('the fingerprint tells rows apart by what they say, not by how the dates are written', () => {
    const a = checkRow({ row: 1, value: { code: 'A', procedureCode: 'P', unitCode: 'U', receivedAt: '2024-03-01', status: 'pending', channel: 'online' } }, NOW).row;
    const b = checkRow({ row: 2, value: { code: 'A', procedureCode: 'P', unitCode: 'U', receivedAt: '2024-02-29T17:00:00Z', dueAt: '', status: 'PENDING', channel: 'online' } }, NOW).row;
    if (!a || !b) throw new Error('valid rows refused');
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint({ ...a, channel: 'post' })).not.toBe(fingerprint(a));
  });

  it('needs the finish of a finished dossier, refuses one for a pending dossier, and a rating before the result', () => {
    const base = { code: 'A', procedureCode: 'P', unitCode: 'U', receivedAt: '2024-03-01', channel: 'online' };
    const codes = (value: object) => checkRow({ row: 1, value }, NOW).problems.map((p) => p.code);
    expect(codes({ ...base, status: 'stopped' })).toEqual(['IMPORT_FINISHED_REQUIRED']);
    expect(codes({ ...base, status: 'pending', finishedAt: '2024-03-02' })).toEqual(['IMPORT_FINISHED_NOT_ALLOWED']);
    expect(codes({ ...base, status: 'withdrawn', finishedAt: '2024-03-02', rating: 'satisfied' })).toEqual(['IMPORT_RATING_NOT_RETURNED']);
    expect(codes({ ...base, status: 'returned', finishedAt: '2024-02-28' })).toEqual(['IMPORT_FINISHED_BEFORE_RECEIVED']);
    expect(codes({ ...base, status: 'pending', receivedAt: '2027-01-01' })).toEqual(['IMPORT_DATE_IN_FUTURE']);
    expect(codes({ ...base, status: 'pending', extra: 1 })).toEqual(['IMPORT_FIELD_UNKNOWN']);
  });
});

describe('dates', () => {
  it('reads a bare date as a Vietnam local date: its first moment, or its last for a due date', () => {
    expect(parseInstant('2024-03-01', 'start')?.toISOString()).toBe('2024-02-29T17:00:00.000Z');
    expect(parseInstant('2024-03-01', 'end')?.toISOString()).toBe('2024-03-01T16:59:59.999Z');
    expect(parseInstant('2024-03-01T08:00', 'start')?.toISOString()).toBe('2024-03-01T01:00:00.000Z');
    expect(parseInstant('2024-03-01 08:00:00Z', 'start')?.toISOString()).toBe('2024-03-01T08:00:00.000Z');
    expect(parseInstant('2024-03-01T08:00:00.5+07:00', 'start')?.toISOString()).toBe('2024-03-01T01:00:00.500Z');
    expect(parseInstant('2024-03-01T08:00.5', 'start')).toBeNull();
    expect(parseInstant('2024-03-01T08:00:61', 'start')).toBeNull();
    expect(parseInstant('2024-02-30', 'start')).toBeNull();
    expect(parseInstant('01/03/2024', 'start')).toBeNull();
  });
});

describe('CSV', () => {
  it('reads the header names as fields, with or without BOM, rows numbered from 1', () => {
    const rows = readCsvRows('\uFEFFcode,procedureCode,unitCode,receivedAt,status,channel\r\nA,P,U,2024-03-01,pending,online\r\n');
    expect(rows).toEqual([{ row: 1, value: { code: 'A', procedureCode: 'P', unitCode: 'U', receivedAt: '2024-03-01', status: 'pending', channel: 'online' } }]);
  });

  it('refuses a file without a required column or with an unknown one', () => {
    expect(() => readCsvRows('code,unitCode\nA,U\n')).toThrow(UnreadableImport);
    expect(() => readCsvRows('code,procedureCode,unitCode,receivedAt,status,channel,name\nA,P,U,2024-03-01,pending,online,Nguyễn\n')).toThrow(UnreadableImport);
  });
});
