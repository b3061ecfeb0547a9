/**
 * Live open dossiers for the demo (called by scripts/demo-data.ts), so the
 * leader dashboard and the inboxes have something to show: 16 birth
 * registrations received at the service centre's counter over the last five
 * weeks, settled by the two demo communes, several of them past their
 * appointment now.
 *
 * Decisions:
 * - **Through the dossiers service**, as the desk would: the demo
 *   receptionist's intake, then the demo specialist's `assign` (Xã Hòa An's
 *   dossiers, the specialist's commune) and one `forward` to approval; the
 *   ward's dossiers stay unassigned at appraisal. Each step runs with a clock
 *   set to the day the dossier was received, so the appointments (and thus
 *   "overdue") are computed as the workflow computes them.
 * - **Once**: a run does nothing when dossiers with the demo note exist
 *   (intake keys are pruned, so they alone would not keep a later run from
 *   creating them again).
 * - The applicants are invented (no real person): names from a short list.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../server/http/context.js';
import { makeActor } from '../server/modules/auth/service.js';
import * as dossiers from '../server/modules/dossiers/service.js';
import * as org from '../server/modules/org/service.js';

/** The intake note that marks the demo's live dossiers. */
export const DEMO_LIVE_NOTE = 'Hồ sơ mẫu (demo)';

const DAY_MS = 86_400_000;
/** Days before now each dossier was received (working-day appointments make the older ones overdue). */
const RECEIVED_DAYS_AGO = [36, 30, 26, 21, 18, 15, 13, 11, 9, 8, 6, 5, 3, 2, 1, 0];
const NAMES = ['Nguyễn Thị Lan', 'Trần Văn Nam', 'Lê Thị Hoa', 'Phạm Minh Đức', 'Hoàng Thị Yến', 'Vũ Văn Long', 'Đặng Thị Thu', 'Bùi Quốc Khánh'];

async function staffContext(ctx: ServiceContext, username: string, daysAgo: number): Promise<ServiceContext> {
  const db = ctx.database.db;
  const row = await org.findStaffByUsername(db, username);
  const identity = row ? await org.staffIdentity(db, row.id) : undefined;
  if (!row || !identity) throw new Error(`demo account ${username} missing`);
  const at = ctx.clock.now().getTime() - daysAgo * DAY_MS;
  return { ...ctx, clock: { now: () => new Date(at) }, actor: makeActor(row.id, row.username, row.unitId, 'demo', identity.grants) };
}

/**
 * Creates the live dossiers unless they exist; returns how many were created.
 * `communes`: the settling units' codes, the specialist's own first.
 */
export async function loadLiveDossiers(
  ctx: ServiceContext,
  who: { receptionist: string; specialist: string; counterCode: string; communes: readonly [string, string] },
): Promise<number> {
  const existing = await ctx.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM dossiers WHERE note = ${DEMO_LIVE_NOTE}`);
  if ((existing.rows[0]?.n ?? 0) > 0) return 0;

  let created = 0;
  for (const [i, daysAgo] of RECEIVED_DAYS_AGO.entries()) {
    const ownCommune = i % 4 !== 3;
    const desk = await staffContext(ctx, who.receptionist, daysAgo);
    const { result } = await dossiers.intake(desk, randomUUID(), {
      procedureCode: '1.001193',
      counterCode: who.counterCode,
      channel: 'in_person',
      settlingUnitCode: ownCommune ? who.communes[0] : who.communes[1],
      applicant: { kind: 'person', fullName: NAMES[i % NAMES.length] ?? 'Nguyễn Văn A', idNumber: `0011900${String(10000 + i)}`, birthDate: '1990-05-17', address: 'Thôn Đông, Xã Hòa An, tỉnh Mẫu' },
      documents: [0, 1, 2].map((index) => ({ index, received: true, form: 'original', count: 1 })),
      missing: [],
      sets: 1,
      priority: [],
      outcome: 'accepted',
      note: DEMO_LIVE_NOTE,
    });
    created += 1;
    if (!ownCommune) continue;
    const specialist = await staffContext(ctx, who.specialist, daysAgo);
    const assigned = await dossiers.act(specialist, result.dossier.code, 'assign', { version: result.dossier.version, staffId: specialist.actor.kind === 'staff' ? specialist.actor.staffId : null });
    if (i === 1) await dossiers.act(specialist, assigned.code, 'forward', { version: assigned.version });
  }
  return created;
}
