/**
 * The demo's history (called by scripts/demo-data.ts): dossiers the two demo
 * communes settled over the last 15 months "in their previous system",
 * brought in through the historical import (server/modules/dossiers/import.ts)
 * so the reports, the dashboard and the public board show figures on demo data.
 *
 * Decisions:
 * - **Deterministic**: every row is a function of its received day and its
 *   number that day (a seeded generator, no Math.random), and its code says
 *   both (`LS-<unit>-<yyyymmdd>-<n>`); a row is only made once it is finished
 *   by the demo's today, so a later run finds the rows it made unchanged and
 *   only adds the days since.
 * - **Once per day's worth**: a dry run first; when it would create or update
 *   nothing, nothing is imported (no empty import in the list of imports).
 * - The mix, roughly: on working days 3–6 dossiers per commune; 86% returned
 *   with the result, 6% refused, 4% stopped, 4% withdrawn; about 70% early,
 *   20% on the day and 10% late; 40% online, 5% by post; a third of the
 *   results rated, mostly satisfied.
 * - Imported as the demo administrator (the import records who brought it).
 */
import type { ImportStatus } from '../contracts/dossier-import.js';
import type { Score } from '../contracts/feedback.js';
import type { ServiceContext } from '../server/http/context.js';
import { makeActor } from '../server/modules/auth/service.js';
import { importDossiers, sha256Of } from '../server/modules/dossiers/import.js';
import type { RawRow } from '../server/modules/dossiers/import-rows.js';
import * as org from '../server/modules/org/service.js';

export const DEMO_HISTORY_SOURCE = 'Hệ thống một cửa cũ (demo)';

const DAY_MS = 86_400_000;
const VN_MS = 7 * 3_600_000;
/** Procedures a commune settles (starter catalog) and the calendar days their results take. */
const PROCEDURES: readonly { code: string; days: number }[] = [
  { code: '1.001193', days: 1 },
  { code: '1.000894', days: 1 },
  { code: '1.004884', days: 7 },
  { code: '2.000815', days: 1 },
  { code: '1.001612', days: 5 },
  { code: '1.004222', days: 10 },
  { code: '1.004194', days: 5 },
  { code: '1.000893', days: 5 },
];
const SCORES_GIVEN: readonly Score[] = ['very_satisfied', 'very_satisfied', 'satisfied', 'satisfied', 'satisfied', 'neutral', 'dissatisfied'];

export type HistoryRow = {
  code: string;
  procedureCode: string;
  unitCode: string;
  receivedAt: string;
  dueAt: string;
  finishedAt: string;
  status: ImportStatus;
  channel: 'in_person' | 'online' | 'post';
  rating: Score | null;
};

/** mulberry32 seeded by a string: the same code gives the same draws on every run. */
function generator(seed: string): () => number {
  let h = 1779033703;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pick = <T>(items: readonly T[], r: number): T => items[Math.min(items.length - 1, Math.floor(r * items.length))] as T;

/** The rows for these communes, received over the 15 months before `today` and finished by it. */
export function buildDemoHistory(today: Date, unitCodes: readonly string[]): HistoryRow[] {
  const todayLocal = Math.floor((today.getTime() + VN_MS) / DAY_MS) * DAY_MS;
  const first = todayLocal - 456 * DAY_MS;
  const rows: HistoryRow[] = [];
  for (let day = first; day < todayLocal; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const ymd = isoDay(day);
    for (const unitCode of unitCodes) {
      const daily = generator(`${unitCode}:${ymd}`);
      const count = 3 + Math.floor(daily() * 4);
      for (let n = 1; n <= count; n++) {
        const code = `LS-${unitCode}-${ymd.replaceAll('-', '')}-${String(n).padStart(2, '0')}`;
        const r = generator(code);
        const proc = pick(PROCEDURES, r());
        const hour = 7 + Math.floor(r() * 9);
        const received = day - VN_MS + hour * 3_600_000 + Math.floor(r() * 60) * 60_000;
        const due = day + proc.days * DAY_MS;
        const s = r();
        const status: ImportStatus = s < 0.86 ? 'returned' : s < 0.92 ? 'refused' : s < 0.96 ? 'stopped' : 'withdrawn';
        const w = r();
        const finishDay =
          status === 'stopped' || status === 'withdrawn'
            ? day + Math.floor(r() * (proc.days + 1)) * DAY_MS
            : w < 0.7 && proc.days > 1
              ? day + Math.floor(r() * proc.days) * DAY_MS
              : w < 0.9
                ? due
                : due + (1 + Math.floor(r() * 4)) * DAY_MS;
        const finished = Math.max(received + 3_600_000, finishDay - VN_MS + (9 + Math.floor(r() * 7)) * 3_600_000);
        if (finished > today.getTime()) continue;
        const c = r();
        const rated = (status === 'returned' || status === 'refused') && r() < 1 / 3;
        rows.push({
          code,
          procedureCode: proc.code,
          unitCode,
          receivedAt: new Date(received).toISOString(),
          dueAt: isoDay(due),
          finishedAt: new Date(finished).toISOString(),
          status,
          channel: c < 0.4 ? 'online' : c < 0.45 ? 'post' : 'in_person',
          rating: rated ? pick(SCORES_GIVEN, r()) : null,
        });
      }
    }
  }
  return rows;
}

/** Imports the history unless it is there already; returns how many dossiers this run created or updated. */
export async function loadDemoHistory(ctx: ServiceContext, who: { adminUsername: string; communes: readonly string[] }): Promise<number> {
  const db = ctx.database.db;
  const row = await org.findStaffByUsername(db, who.adminUsername);
  const identity = row ? await org.staffIdentity(db, row.id) : undefined;
  if (!row || !identity) throw new Error(`demo account ${who.adminUsername} missing`);
  const admin: ServiceContext = { ...ctx, actor: makeActor(row.id, row.username, row.unitId, 'demo', identity.grants) };
  const rows = buildDemoHistory(ctx.clock.now(), who.communes);
  const text = JSON.stringify(rows);
  const file = { format: 'json' as const, sourceSystem: DEMO_HISTORY_SOURCE, fileName: 'lich-su-demo.json', sha256: sha256Of(text), read: (): RawRow[] => rows.map((value, i) => ({ row: i + 1, value })) };
  const dry = await importDossiers(admin, file, true);
  if (dry.created + dry.updated === 0) return 0;
  const done = await importDossiers(admin, file, false);
  return done.created + done.updated;
}
