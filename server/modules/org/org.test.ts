import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, makeTestApp, signIn, type Client, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let admin: Client;
let rootId: string;

beforeAll(async () => {
  t = await makeTestApp();
  admin = await adminClient(t);
  const units = await admin.request('GET', '/api/v1/org/units');
  rootId = units.json().items[0].id;
});
afterAll(async () => t.close());

let seq = 0;
async function createUnit(parentId: string, over: Record<string, unknown> = {}) {
  seq += 1;
  const res = await admin.request('POST', '/api/v1/org/units', { code: `X${seq}`, name: `Xã ${seq}`, kind: 'commune', parentId, ...over });
  expect(res.status).toBe(201);
  return res.json();
}

async function createStaff(unitId: string, role: string, username: string) {
  const res = await admin.request('POST', '/api/v1/org/staff', {
    username,
    fullName: `Nguyễn Văn ${username}`,
    unitId,
    phone: '0912345678',
    roles: [{ role, unitId }],
  });
  expect(res.status).toBe(201);
  return res.json() as { staff: { id: string; version: number }; initialPassword: string };
}

/** Signs a newly created account in and replaces its generated password. */
async function signInNew(username: string, initialPassword: string): Promise<Client> {
  const first = await signIn(t, username, initialPassword);
  const newPassword = `Mật khẩu mới của tôi ${username.length} 2026`;
  const changed = await first.request('POST', '/api/v1/auth/password', { currentPassword: initialPassword, newPassword });
  expect(changed.status).toBe(204);
  return first;
}

describe('units', () => {
  it('builds a tree under the root and lists it to the admin', async () => {
    const commune = await createUnit(rootId);
    const centre = await createUnit(commune.id, { kind: 'service_centre', name: 'Trung tâm PVHCC' });
    const list = (await admin.request('GET', '/api/v1/org/units')).json().items as { id: string; parentId: string }[];
    expect(list.find((u) => u.id === centre.id)?.parentId).toBe(commune.id);
    expect(list.find((u) => u.id === commune.id)?.parentId).toBe(rootId);
  });

  it('refuses a duplicate unit code with 409 UNIT_CODE_TAKEN', async () => {
    const a = await createUnit(rootId);
    const res = await admin.request('POST', '/api/v1/org/units', { code: a.code, name: 'Trùng', kind: 'ward', parentId: rootId });
    expect(res.status).toBe(409);
    expect(res.json().error.code).toBe('UNIT_CODE_TAKEN');
  });

  it('refuses a stale version with 409 VERSION_CONFLICT and keeps the first edit', async () => {
    const u = await createUnit(rootId);
    const first = await admin.request('PATCH', `/api/v1/org/units/${u.id}`, { version: u.version, name: 'Tên mới' });
    expect(first.status).toBe(200);
    const stale = await admin.request('PATCH', `/api/v1/org/units/${u.id}`, { version: u.version, name: 'Tên cũ' });
    expect(stale.status).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await admin.request('GET', `/api/v1/org/units/${u.id}`)).json().name).toBe('Tên mới');
  });

  it('moves a unit with its subtree, and refuses moving a unit under its own descendant', async () => {
    const a = await createUnit(rootId);
    const b = await createUnit(a.id);
    const c = await createUnit(rootId);
    const cycle = await admin.request('PATCH', `/api/v1/org/units/${a.id}`, { version: a.version, parentId: b.id });
    expect(cycle.status).toBe(422);
    expect(cycle.json().error.code).toBe('UNIT_PARENT_INVALID');
    const moved = await admin.request('PATCH', `/api/v1/org/units/${a.id}`, { version: a.version, parentId: c.id });
    expect(moved.status).toBe(200);
    // b moved with a: staff scoped to c now see b.
    const viewer = await createStaff(c.id, 'viewer', `viewer${seq}`);
    const client = await signInNew(`viewer${seq}`, viewer.initialPassword);
    const seen = (await client.request('GET', '/api/v1/org/units')).json().items.map((u: { id: string }) => u.id);
    expect(seen).toEqual(expect.arrayContaining([c.id, a.id, b.id]));
    expect(seen).not.toContain(rootId);
  });

  it('refuses to disable a unit that still has active sub-units', async () => {
    const a = await createUnit(rootId);
    await createUnit(a.id);
    const res = await admin.request('PATCH', `/api/v1/org/units/${a.id}`, { version: a.version, active: false });
    expect(res.status).toBe(422);
    expect(res.json().error.code).toBe('UNIT_HAS_ACTIVE_CHILDREN');
  });

  it('adds counters to a unit and refuses a duplicate counter code', async () => {
    const u = await createUnit(rootId, { kind: 'service_centre' });
    expect((await admin.request('POST', `/api/v1/org/units/${u.id}/counters`, { code: 'Q01', name: 'Quầy 1' })).status).toBe(201);
    const dup = await admin.request('POST', `/api/v1/org/units/${u.id}/counters`, { code: 'Q01', name: 'Quầy 1b' });
    expect(dup.json().error.code).toBe('COUNTER_CODE_TAKEN');
    expect((await admin.request('GET', `/api/v1/org/units/${u.id}/counters`)).json().items).toHaveLength(1);
  });
});

describe('staff and unit scope', () => {
  it('gives a commune officer 404 for another commune’s staff record, and lists only their own', async () => {
    const communeA = await createUnit(rootId);
    const communeB = await createUnit(rootId);
    const officerA = await createStaff(communeA.id, 'receptionist', 'officer.a');
    const officerB = await createStaff(communeB.id, 'receptionist', 'officer.b');
    const client = await signInNew('officer.a', officerA.initialPassword);

    const other = await client.request('GET', `/api/v1/org/staff/${officerB.staff.id}`);
    expect(other.status).toBe(404);
    expect(other.json().error.code).toBe('STAFF_NOT_FOUND');
    const missing = await client.request('GET', `/api/v1/org/staff/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ ...other.json(), error: { ...other.json().error, details: { id: '00000000-0000-4000-8000-000000000000' } } });

    expect((await client.request('GET', `/api/v1/org/staff/${officerA.staff.id}`)).status).toBe(200);
    const listed = (await client.request('GET', '/api/v1/org/staff')).json().items.map((s: { id: string }) => s.id);
    expect(listed).toEqual([officerA.staff.id]);
    // The other commune's unit is invisible too.
    expect((await client.request('GET', `/api/v1/org/units/${communeB.id}`)).status).toBe(404);
  });

  it('forbids writes to a role without the permission, and audits the refusal', async () => {
    const u = await createUnit(rootId);
    const s = await createStaff(u.id, 'specialist', 'spec.write');
    const client = await signInNew('spec.write', s.initialPassword);
    const res = await client.request('POST', '/api/v1/org/units', { code: 'NOPE', name: 'Không', kind: 'ward', parentId: u.id });
    expect(res.status).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    const denied = await t.db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND actor_id = $1`, [s.staff.id]);
    expect(denied.rows[0].n).toBe(1);
  });

  it('refuses a username that is taken, case-insensitively', async () => {
    const u = await createUnit(rootId);
    await createStaff(u.id, 'viewer', 'tran.thi.b');
    const res = await admin.request('POST', '/api/v1/org/staff', { username: 'Tran.Thi.B', fullName: 'Trần Thị B', unitId: u.id, roles: [] });
    expect(res.status).toBe(409);
    expect(res.json().error.code).toBe('USERNAME_TAKEN');
  });

  it('searches staff by name through POST so the name never travels in a URL', async () => {
    const u = await createUnit(rootId);
    await createStaff(u.id, 'viewer', 'search.me');
    const res = await admin.request('POST', '/api/v1/org/staff/search', { q: 'search.me' });
    expect(res.json().items.map((s: { username: string }) => s.username)).toEqual(['search.me']);
    const byQuery = await admin.request('GET', '/api/v1/org/staff?q=search.me');
    expect(byQuery.status).toBe(400);
  });

  it('disabling an account ends its sessions at once', async () => {
    const u = await createUnit(rootId);
    const s = await createStaff(u.id, 'viewer', 'soon.disabled');
    const client = await signInNew('soon.disabled', s.initialPassword);
    const current = (await admin.request('GET', `/api/v1/org/staff/${s.staff.id}`)).json();
    const res = await admin.request('POST', `/api/v1/org/staff/${s.staff.id}/disable`, { version: current.version });
    expect(res.status).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('does not let an admin disable their own account or change their own roles', async () => {
    const me = (await admin.request('GET', '/api/v1/auth/me')).json();
    const self = (await admin.request('GET', `/api/v1/org/staff/${me.staff.id}`)).json();
    const disable = await admin.request('POST', `/api/v1/org/staff/${me.staff.id}/disable`, { version: self.version });
    expect(disable.json().error.code).toBe('STAFF_CANNOT_DISABLE_SELF');
    const roles = await admin.request('PATCH', `/api/v1/org/staff/${me.staff.id}`, { version: self.version, roles: [] });
    expect(roles.json().error.code).toBe('STAFF_CANNOT_CHANGE_OWN_ROLES');
  });

  it('cannot grant a role in a unit outside the admin’s scope', async () => {
    const communeA = await createUnit(rootId);
    const communeB = await createUnit(rootId);
    // A commune admin (scoped to A) tries to create staff in B.
    const localAdmin = await createStaff(communeA.id, 'admin', 'local.admin');
    const first = await signIn(t, 'local.admin', localAdmin.initialPassword);
    await first.request('POST', '/api/v1/auth/password', { currentPassword: localAdmin.initialPassword, newPassword: 'Quản trị xã A 2026!' });
    const { secret } = (await first.request('POST', '/api/v1/auth/totp/setup')).json();
    const { currentCode } = await import('../auth/totp.js');
    expect((await first.request('POST', '/api/v1/auth/totp/confirm', { code: currentCode(secret, t.clock.now()) })).status).toBe(200);
    const res = await first.request('POST', '/api/v1/org/staff', {
      username: 'intruder',
      fullName: 'Người ngoài',
      unitId: communeA.id,
      roles: [{ role: 'viewer', unitId: communeB.id }],
    });
    expect(res.status).toBe(404);
    expect(res.json().error.code).toBe('UNIT_NOT_FOUND');
  });

  it('records every staff change and read in the audit log, in the same transaction', async () => {
    const u = await createUnit(rootId);
    const s = await createStaff(u.id, 'viewer', 'audited.one');
    await admin.request('GET', `/api/v1/org/staff/${s.staff.id}`);
    const rows = await t.db.pool.query(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY seq`, [s.staff.id]);
    expect(rows.rows.map((r) => r.action)).toEqual(['staff.create', 'staff.read']);
  });

  it('leaves nothing half-written when staff creation fails', async () => {
    const u = await createUnit(rootId);
    const before = await t.db.pool.query(`SELECT count(*)::int AS n FROM staff`);
    const res = await admin.request('POST', '/api/v1/org/staff', {
      username: 'half.written',
      fullName: 'Nửa chừng',
      unitId: u.id,
      roles: [{ role: 'viewer', unitId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(res.status).toBe(404);
    const after = await t.db.pool.query(`SELECT count(*)::int AS n FROM staff`);
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});
