/** The demo's history rows: deterministic, valid for the import, and stable as the demo's today moves on. */
import { describe, expect, it } from 'vitest';
import { checkRows } from '../server/modules/dossiers/import-rows.js';
import { buildDemoHistory } from './demo-history.js';

const TODAY = new Date('2026-12-02T03:00:00Z');
const COMMUNES = ['DEMO-X01', 'DEMO-P01'] as const;

describe('demo history', () => {
  it('is a few thousand valid rows over 15 months: mostly results, some late, refused, stopped, withdrawn; ~40% online; a third rated', () => {
    const rows = buildDemoHistory(TODAY, COMMUNES);
    expect(rows.length).toBeGreaterThan(2000);
    expect(rows.length).toBeLessThan(6000);
    expect(checkRows(rows.map((value, i) => ({ row: i + 1, value })), TODAY).problems).toEqual([]);
    const share = (p: (r: (typeof rows)[number]) => boolean) => rows.filter(p).length / rows.length;
    expect(share((r) => r.status === 'returned')).toBeGreaterThan(0.8);
    for (const s of ['refused', 'stopped', 'withdrawn'] as const) expect(share((r) => r.status === s)).toBeGreaterThan(0.02);
    expect(share((r) => r.channel === 'online')).toBeGreaterThan(0.35);
    expect(share((r) => r.channel === 'online')).toBeLessThan(0.45);
    const results = rows.filter((r) => r.status === 'returned' || r.status === 'refused');
    expect(results.filter((r) => r.rating !== null).length / results.length).toBeCloseTo(1 / 3, 1);
    expect(results.some((r) => r.finishedAt.slice(0, 10) > r.dueAt)).toBe(true);
    expect(rows[0]?.receivedAt.slice(0, 7)).toBe('2025-09');
  });

  it('gives the same rows on every run; a later day keeps the rows of the days both cover', () => {
    expect(buildDemoHistory(TODAY, COMMUNES)).toEqual(buildDemoHistory(TODAY, COMMUNES));
    const later = new Map(buildDemoHistory(new Date(TODAY.getTime() + 9 * 86_400_000), COMMUNES).map((r) => [r.code, r]));
    for (const r of buildDemoHistory(TODAY, COMMUNES).filter((x) => x.receivedAt > '2025-09-12' && x.receivedAt < '2026-10-01')) expect(later.get(r.code)).toEqual(r);
  });
});
