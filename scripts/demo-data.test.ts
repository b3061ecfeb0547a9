import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../contracts/roles.js';
import * as documents from '../server/modules/documents/service.js';
import * as org from '../server/modules/org/service.js';
import { makeTestApp, signIn, type TestApp } from '../test/harness.js';
import { DEMO_UNIT_CODES, DEMO_USERNAMES, loadDemoData, type DemoData } from './demo-data.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

async function snapshot() {
  const ctx = t.systemCtx();
  const units = await org.listUnits(ctx);
  const staff = await org.listStaff(ctx, {});
  const centre = units.find((u) => u.code === 'DEMO-TTPVHCC');
  const counters = centre ? await org.listCounters(ctx, centre.id) : [];
  return { units, staff, counters };
}

describe('demo data', () => {
  it('never loads in a normal start', async () => {
    // makeTestApp bootstraps exactly as `npm start` does.
    const { units, staff } = await snapshot();
    expect(units.map((u) => u.code)).toEqual([t.deps.config.rootUnit.code]);
    expect(units.filter((u) => DEMO_UNIT_CODES.includes(u.code))).toEqual([]);
    expect(staff.map((s) => s.username)).toEqual(['admin']);
    // …and nothing the server runs imports the demo scripts.
    const serverDir = fileURLToPath(new URL('../server/', import.meta.url));
    const sources = readdirSync(serverDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const importers = sources.filter((f) => /from '[^']*scripts\//.test(readFileSync(serverDir + f, 'utf8')));
    expect(importers).toEqual([]);
  });

  let demo: DemoData;
  it('creates a province, two communes and a service centre with counters', async () => {
    demo = await loadDemoData(t.systemCtx(), t.deps);
    const { units, counters } = await snapshot();
    const root = units.find((u) => u.parentId === null);
    expect(root).toMatchObject({ kind: 'province', active: true });
    expect(demo.province.id).toBe(root?.id);

    const communes = units.filter((u) => u.kind === 'commune' || u.kind === 'ward');
    expect(communes.map((u) => u.name).sort()).toEqual(['Phường Trung Tâm', 'Xã Hòa An']);
    expect(communes.every((u) => u.parentId === root?.id && u.active)).toBe(true);

    const centres = units.filter((u) => u.kind === 'service_centre');
    expect(centres).toHaveLength(1);
    expect(centres[0]).toMatchObject({ name: 'Trung tâm Phục vụ hành chính công tỉnh', parentId: root?.id, active: true });
    expect(counters.map((c) => c.name)).toEqual(['Quầy 1', 'Quầy 2', 'Quầy 3']);
    expect(counters.every((c) => c.active)).toBe(true);
    expect(demo.counters).toHaveLength(3);
  });

  it('gives every demo unit a self-signed signing certificate, so a leader can sign results', async () => {
    expect(demo.certificates).toBe(4);
    for (const unit of [demo.province, demo.centre, ...demo.communes]) expect(await documents.hasCertificate(t.systemCtx(), unit.id), unit.code).toBe(true);
  });

  it('creates one active staff account per role, each with a printed password', async () => {
    const { staff } = await snapshot();
    const demoStaff = staff.filter((s) => DEMO_USERNAMES.includes(s.username));
    expect(demoStaff).toHaveLength(ROLES.length);
    for (const role of ROLES) {
      const holders = demoStaff.filter((s) => s.roles.some((g) => g.role === role));
      expect(holders, role).toHaveLength(1);
      expect(holders[0]?.active, role).toBe(true);
      expect(holders[0]?.roles, role).toHaveLength(1);
    }
    expect(demo.accounts.map((a) => a.role)).toEqual([...ROLES]);
    for (const a of demo.accounts) expect(a.password, a.username).toMatch(/^\S{12,}$/);
  });

  it('lets every demo account sign in through the API with its printed password', async () => {
    for (const a of demo.accounts) {
      const client = await signIn(t, a.username, a.password ?? '');
      const me = (await client.request('GET', '/api/v1/auth/me')).json();
      expect(me.staff.username).toBe(a.username);
      expect(me.roles.map((g: { role: string }) => g.role)).toEqual([a.role]);
      // The forced password change is skipped for demo accounts; TOTP enrolment is not.
      expect(me.mustChangePassword, a.username).toBe(false);
      const totp = a.role === 'admin' || a.role === 'leader';
      expect(me.totpEnrolmentRequired, a.username).toBe(totp);
      const units = await client.request('GET', '/api/v1/org/units');
      if (totp) {
        expect(units.status).toBe(403);
        expect(units.json().error.code).toBe('AUTH_TOTP_ENROLMENT_REQUIRED');
      } else {
        expect(units.status, a.username).toBe(200);
      }
    }
  });

  it('is idempotent: a second run creates nothing and keeps the passwords', async () => {
    const before = await snapshot();
    const again = await loadDemoData(t.systemCtx(), t.deps);
    const after = await snapshot();
    expect(again.created).toBe(0);
    expect(again.certificates).toBe(0);
    expect(again.accounts.map((a) => a.password)).toEqual(ROLES.map(() => null));
    expect(after.units.map((u) => u.id).sort()).toEqual(before.units.map((u) => u.id).sort());
    expect(after.staff.map((s) => s.id).sort()).toEqual(before.staff.map((s) => s.id).sort());
    expect(after.counters.map((c) => c.id)).toEqual(before.counters.map((c) => c.id));
    const first = demo.accounts[1];
    if (!first?.password) throw new Error('no password');
    await signIn(t, first.username, first.password); // the old password still works
  });
});
