/**
 * Test fixtures for work across roles: units of a small province and signed-in
 * officers holding given roles, ready to act (password changed, TOTP enrolled
 * where the role needs it).
 */
import { randomBytes } from 'node:crypto';
import { ROLES_REQUIRING_TOTP, type Role } from '../contracts/roles.js';
import { currentCode } from '../server/modules/auth/totp.js';
import { makeTestCertificate } from '../server/modules/documents/signing/index.js';
import { signIn, type Client, type TestApp } from './harness.js';

let seq = 0;

export async function createUnit(admin: Client, input: { code: string; name: string; kind: string; parentId: string; address?: string }): Promise<{ id: string; code: string }> {
  const res = await admin.request('POST', '/api/v1/org/units', input);
  if (res.status !== 201) throw new Error(`unit ${input.code}: ${res.status} ${JSON.stringify(res.json())}`);
  return res.json() as { id: string; code: string };
}

export async function createCounter(admin: Client, unitId: string, code: string): Promise<void> {
  const res = await admin.request('POST', `/api/v1/org/units/${unitId}/counters`, { code, name: `Quầy ${code}` });
  if (res.status !== 201) throw new Error(`counter ${code}: ${res.status} ${JSON.stringify(res.json())}`);
}

/**
 * Uploads a self-signed signing certificate for the unit (valid from a day
 * before the test clock's now, for a year), as an admin does before the unit's
 * leaders can sign results. Returns what was uploaded.
 */
export async function signingCertificate(
  t: TestApp,
  admin: Client,
  unitId: string,
  signer: { name: string; title: string } = { name: 'Nguyễn Văn Chủ', title: 'Chủ tịch' },
): Promise<{ p12: Buffer; password: string }> {
  const cert = makeTestCertificate({ commonName: `Chứng thư thử ${unitId.slice(0, 8)}`, organization: 'Motcua test', validFrom: new Date(t.clock.now().getTime() - 86_400_000), validDays: 365 });
  const res = await admin.request('POST', `/api/v1/admin/units/${unitId}/certificates`, { p12: cert.p12.toString('base64'), password: cert.password, signerName: signer.name, signerTitle: signer.title });
  if (res.status !== 201) throw new Error(`certificate: ${res.status} ${JSON.stringify(res.json())}`);
  return cert;
}

/** `password` and `totpSecret` let browser journeys sign the officer in through the sign-in page. */
export type Officer = Client & { staffId: string; username: string; password: string; totpSecret?: string };

/** A new officer with these grants, signed in and ready. */
export async function officer(t: TestApp, admin: Client, fullName: string, unitId: string, roles: { role: Role; unitId: string }[]): Promise<Officer> {
  seq += 1;
  const username = `can.bo${seq}.${randomBytes(2).toString('hex')}`;
  const created = await admin.request('POST', '/api/v1/org/staff', { username, fullName, unitId, roles });
  if (created.status !== 201) throw new Error(`staff: ${created.status} ${JSON.stringify(created.json())}`);
  const { staff, initialPassword } = created.json() as { staff: { id: string }; initialPassword: string };
  const first = await signIn(t, username, initialPassword);
  const password = `Mật khẩu ${randomBytes(6).toString('hex')}!`;
  const changed = await first.request('POST', '/api/v1/auth/password', { currentPassword: initialPassword, newPassword: password });
  if (changed.status >= 300) throw new Error(`password change: ${changed.status}`);
  let totpSecret: string | undefined;
  if (roles.some((r) => ROLES_REQUIRING_TOTP.includes(r.role))) {
    const setup = await first.request('POST', '/api/v1/auth/totp/setup');
    totpSecret = (setup.json() as { secret: string }).secret;
    const confirm = await first.request('POST', '/api/v1/auth/totp/confirm', { code: currentCode(totpSecret, t.clock.now()) });
    if (confirm.status !== 200) throw new Error(`totp confirm: ${confirm.status}`);
  }
  // Tests move the clock by days; the officer signs in again when the session has lapsed, as people do.
  let client: Client = first;
  const request: Client['request'] = async (method, url, body, headers) => {
    const res = await client.request(method, url, body, headers);
    if (res.status !== 401) return res;
    if (totpSecret) t.clock.advance(30_000); // a TOTP code is good once
    client = await signIn(t, username, password, totpSecret);
    return client.request(method, url, body, headers);
  };
  return {
    get csrfToken() {
      return client.csrfToken;
    },
    get cookie() {
      return client.cookie;
    },
    request,
    staffId: staff.id,
    username,
    password,
    totpSecret,
  };
}

/** The id of the root unit (the province the bootstrap made). */
export async function rootUnitId(admin: Client): Promise<string> {
  const units = (await admin.request('GET', '/api/v1/org/units')).json() as { items: { id: string; parentId: string | null }[] };
  const root = units.items.find((u) => u.parentId === null);
  if (!root) throw new Error('no root unit');
  return root.id;
}

export type OneStopTeam = { unit: { id: string; code: string }; reception: Officer; specialist: Officer; leader: Officer };

/**
 * A unit under the root with what a dossier needs to go through all five
 * steps there: counter Q1, the unit's signing certificate (signed by the
 * leader, Chủ tịch) and three officers — receptionist Trần Văn Tiếp,
 * specialist Lê Thị Thẩm, leader Phạm Văn Duyệt. `certificate: false` leaves
 * the unit without one.
 */
export async function oneStopTeam(
  t: TestApp,
  admin: Client,
  unit: { code: string; name: string; kind: string; address?: string },
  options: { certificate?: boolean } = {},
): Promise<OneStopTeam> {
  const created = await createUnit(admin, { ...unit, parentId: await rootUnitId(admin) });
  await createCounter(admin, created.id, 'Q1');
  if (options.certificate !== false) await signingCertificate(t, admin, created.id, { name: 'Phạm Văn Duyệt', title: 'Chủ tịch' });
  const as = (role: Role) => [{ role, unitId: created.id }];
  return {
    unit: created,
    reception: await officer(t, admin, 'Trần Văn Tiếp', created.id, as('receptionist')),
    specialist: await officer(t, admin, 'Lê Thị Thẩm', created.id, as('specialist')),
    leader: await officer(t, admin, 'Phạm Văn Duyệt', created.id, as('leader')),
  };
}
