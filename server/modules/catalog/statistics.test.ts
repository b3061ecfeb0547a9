/**
 * The catalog statistics' seed figure (issue 7): a unit offering 280
 * procedures of which 252 online (full or partial) shows a 90% online
 * coverage, exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEPS } from '../../../contracts/catalog.js';
import { adminClient, makeTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { createUnit } from '../../../test/staff.js';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await makeTestApp();
  admin = await adminClient(t);
});
afterAll(async () => t.close());

const plan = STEPS.map((step, i) => ({
  step,
  role: i === 0 || i === 4 ? 'receptionist' : i === 1 ? 'specialist' : 'leader',
  performer: i === 0 || i === 4 ? 'receiving_unit' : 'settling_unit',
  sharePercent: [10, 50, 20, 10, 10][i],
}));

describe('online coverage of a unit', () => {
  it('280 procedures of which 252 online: 90%', async () => {
    const rootId = (await admin.request('GET', '/api/v1/org/units')).json().items[0].id as string;
    // A service centre implements only the procedures assigned to it (no level of its own).
    await createUnit(admin, { code: 'TT-766', name: 'Trung tâm Phục vụ hành chính công 766', kind: 'service_centre', parentId: rootId });
    const procedures = Array.from({ length: 280 }, (_, i) => ({
      code: `S.${String(i + 1).padStart(6, '0')}`,
      name: `Thủ tục thử số ${i + 1}`,
      field: 'culture',
      level: 'province',
      unitCodes: ['TT-766'],
      applicantType: 'both',
      settlement: { kind: 'working_days', amount: 5 },
      documents: [],
      // 126 full, 126 partial, 28 not online
      onlineLevel: i < 126 ? 'full' : i < 252 ? 'partial' : 'none',
      stepPlan: plan,
    }));
    const imported = await admin.request('POST', '/api/v1/catalog/import?format=json', { procedures });
    expect(imported.status, JSON.stringify(imported.json())).toBe(200);
    expect(imported.json()).toMatchObject({ created: 280, applied: true });

    const stats = (await t.app.inject({ method: 'GET', url: '/api/v1/catalog/stats?unit=TT-766' })).json();
    const unit = stats.units[0];
    expect(unit.procedures).toBe(280);
    expect(unit.online).toEqual({ full: 126, partial: 126, none: 28 });
    expect(unit.online.full + unit.online.partial).toBe(252);
    expect(unit.onlineCoverage).toBe(0.9);
  });
});
