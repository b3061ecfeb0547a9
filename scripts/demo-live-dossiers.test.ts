/**
 * The demo's live dossiers: created once through the dossiers service, some
 * overdue now at appraisal with the demo specialist, one at approval, and
 * shown as such on the leader dashboard of the province.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActor } from '../server/modules/auth/service.js';
import * as org from '../server/modules/org/service.js';
import { dashboard } from '../server/modules/reports/dashboard.js';
import { makeTestApp, type TestApp } from '../test/harness.js';
import { loadDemoData } from './demo-data.js';
import { DEMO_LIVE_NOTE } from './demo-live-dossiers.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

describe('live demo dossiers', () => {
  it('are created once, and the dashboard shows overdue ones by step and officer', async () => {
    await loadDemoData(t.systemCtx());
    const count = async () => ((await t.db.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM dossiers WHERE note = ${DEMO_LIVE_NOTE}`)).rows[0]?.n ?? 0);
    expect(await count()).toBe(16);
    await loadDemoData(t.systemCtx());
    expect(await count()).toBe(16);

    const leader = await org.findStaffByUsername(t.db.db, 'demo.lanhdao');
    const identity = leader ? await org.staffIdentity(t.db.db, leader.id) : undefined;
    if (!leader || !identity) throw new Error('no demo leader');
    const ctx = { ...t.systemCtx(), actor: makeActor(leader.id, leader.username, leader.unitId, 'test', identity.grants) };
    const d = await dashboard(ctx, { includeDescendants: 'true' });
    expect(d.overdue.total).toBeGreaterThan(3);
    expect(d.overdue.byStep.map((g) => g.step)).toContain('appraise');
    expect(d.overdue.byAssignee.map((g) => g.name)).toContain('Vũ Đức Thắng');
    expect(d.overdue.byAssignee.some((g) => g.staffId === null)).toBe(true);
  });
});
