/**
 * Citizens' accounts through the HTTP API on a real database: sign-up and
 * password sign-in, the profile, one-time codes delivered to a real SMTP
 * sink, OpenID Connect against a local oidc-provider, and the abuse cases
 * (duplicates, floods, forged requests, another's session).
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CitizenMe } from '../../../contracts/citizens.js';
import { adminClient, makeTestApp, type TestApp } from '../../../test/harness.js';
import { loadConfig } from '../../config.js';
import { startOidcIssuer, type OidcIssuer } from '../../../test/oidc-issuer.js';
import { SmtpSink } from '../../../test/smtp-sink.js';
import { CALLBACK_PATH } from './citizen-oidc.js';

const PUBLIC_URL = 'https://motcua.example.vn';
const PASSWORD = 'Hoa sen nở giữa đầm 2026';
const NEW_PASSWORD = 'Trống đồng Ngọc Lũ vang';

let t: TestApp;
let sink: SmtpSink;
let idp: OidcIssuer;
let ipCounter = 10;

type Answer = { status: number; json: () => any; headers: Record<string, unknown>; cookies: string[] }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A browser of its own: its address, and the citizen cookie and CSRF token once signed in. */
class Browser {
  cookie = '';
  csrf = '';
  readonly ip: string;
  constructor(app: () => TestApp = () => t) {
    ipCounter += 1;
    this.ip = `10.1.${String(Math.floor(ipCounter / 250))}.${String(ipCounter % 250)}`;
    this.app = app;
  }
  private readonly app: () => TestApp;

  async call(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await this.app().app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}), ...headers },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    const raw = res.headers['set-cookie'];
    const cookies = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const session = cookies.find((c) => /^(__Host-)?motcua_citizen=/.test(c));
    if (session) this.cookie = session.split(';')[0] ?? '';
    if (res.statusCode < 300 && res.body.startsWith('{')) {
      const parsed = res.json() as { csrfToken?: string };
      if (parsed.csrfToken) this.csrf = parsed.csrfToken;
    }
    return { status: res.statusCode, json: () => res.json(), headers: res.headers, cookies };
  }
}

function uniqueEmail(tag: string): string {
  return `${tag}-${Math.random().toString(36).slice(2, 10)}@example.vn`;
}
let phoneCounter = 1000000;
function uniquePhone(): string {
  phoneCounter += 1;
  return `091${String(phoneCounter)}`;
}

async function signUp(b: Browser, over: Record<string, unknown> = {}): Promise<Answer> {
  return b.call('POST', '/api/v1/citizen/sign-up', { fullName: 'Trần Văn Bình', email: uniqueEmail('su'), password: PASSWORD, ...over });
}

async function auditRows(action: string, citizenId?: string) {
  const rows = await t.db.db.execute<{ actor_kind: string; actor_id: string | null; outcome: string; details: Record<string, unknown>; object_id: string | null }>(
    sql`SELECT actor_kind, actor_id, outcome, details, object_id FROM audit_log WHERE action = ${action} ${citizenId ? sql`AND object_id = ${citizenId}` : sql``} ORDER BY seq`,
  );
  return rows.rows;
}

async function citizenCount(where: ReturnType<typeof sql>): Promise<number> {
  const r = await t.db.db.execute<{ n: string }>(sql`SELECT count(*)::text AS n FROM citizens WHERE ${where}`);
  return Number(r.rows[0]?.n);
}

beforeAll(async () => {
  sink = await new SmtpSink().start();
  idp = await startOidcIssuer({ redirectUri: `${PUBLIC_URL}${CALLBACK_PATH}`, idNumberClaim: 'cccd' });
  t = await makeTestApp({
    publicUrl: PUBLIC_URL,
    notify: { smtpUrl: sink.url, mailFrom: 'Motcua <no-reply@motcua.example.vn>', sms: { kind: 'off' } },
    oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, name: 'VNeID', scope: 'openid profile email', idNumberClaim: 'cccd' },
  });
});
afterAll(async () => {
  await t.close();
  await idp.close();
  await sink.close();
});

describe('sign-up', () => {
  it('creates the account, signs in with an httpOnly SameSite=Lax cookie and stores e-mail and phone in normal form', async () => {
    const b = new Browser();
    const tag = Math.random().toString(36).slice(2, 8);
    const res = await signUp(b, { email: `  Binh.${tag}@Example.VN `, phone: '+84 912 000 111', language: 'en' });
    expect(res.status).toBe(201);
    const me = res.json() as CitizenMe;
    expect(me).toMatchObject({ fullName: 'Trần Văn Bình', email: `binh.${tag}@example.vn`, phone: '0912000111', language: 'en', emailVerified: false, hasPassword: true, identities: [], version: 1 });
    const cookie = res.cookies.find((c) => c.startsWith('motcua_citizen='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i);

    const again = await b.call('GET', '/api/v1/citizen/me');
    expect(again.status).toBe(200);
    expect(again.json().id).toBe(me.id);
    const audit = await auditRows('citizen.sign_up', me.id);
    expect(audit).toEqual([expect.objectContaining({ actor_kind: 'citizen', actor_id: me.id, outcome: 'success' })]);
    expect(JSON.stringify(audit)).not.toContain(tag);
  });

  it('refuses an e-mail or a phone already used, in any spelling, and stores nothing twice', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const phone = uniquePhone();
    expect((await signUp(new Browser(), { email: `hoa.${tag}@example.vn`, phone })).status).toBe(201);

    const sameEmail = await signUp(new Browser(), { email: `HOA.${tag}@EXAMPLE.vn` });
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.json().error.code).toBe('CITIZEN_EMAIL_TAKEN');
    const samePhone = await signUp(new Browser(), { email: undefined, phone: `+84 ${phone.slice(1, 4)} ${phone.slice(4)}` });
    expect(samePhone.status).toBe(409);
    expect(samePhone.json().error.code).toBe('CITIZEN_PHONE_TAKEN');
    expect(await citizenCount(sql`email = ${`hoa.${tag}@example.vn`} OR phone = ${phone}`)).toBe(1);
  });

  it('lets one of several simultaneous sign-ups with one e-mail through', async () => {
    const email = uniqueEmail('race');
    const answers = await Promise.all([0, 1, 2, 3].map(() => signUp(new Browser(), { email })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await citizenCount(sql`email = ${email}`)).toBe(1);
  });

  it('answers 400 for unknown fields, no e-mail nor phone, a malformed phone; 422 for a common password', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ isAdmin: true }, 400, 'VALIDATION_FAILED'],
      [{ email: undefined }, 400, 'VALIDATION_FAILED'],
      [{ phone: '12345' }, 400, 'VALIDATION_FAILED'],
      [{ email: 'not-an-address' }, 400, 'VALIDATION_FAILED'],
      [{ password: 'password123' }, 422, 'PASSWORD_POLICY'],
      [{ password: 'short' }, 422, 'PASSWORD_POLICY'],
    ];
    for (const [over, status, code] of cases) {
      const res = await signUp(new Browser(), over);
      expect([res.status, res.json().error.code], JSON.stringify(over)).toEqual([status, code]);
      expect(res.cookies).toEqual([]);
    }
  });

  it('limits sign-ups from one address: 10 per 10 minutes, then 429 with Retry-After', async () => {
    const b = new Browser();
    for (let i = 0; i < 10; i += 1) expect((await signUp(b, { password: `${PASSWORD} ${String(i)}` })).status).toBe(201);
    const refused = await signUp(b);
    expect(refused.status).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('password sign-in', () => {
  let email: string;
  let phone: string;
  beforeAll(async () => {
    email = uniqueEmail('pw');
    phone = uniquePhone();
    expect((await signUp(new Browser(), { email, phone })).status).toBe(201);
  });

  it('signs in by e-mail in any case and by phone in the +84 form', async () => {
    const byEmail = new Browser();
    const a = await byEmail.call('POST', '/api/v1/citizen/sign-in', { login: email.toUpperCase(), password: PASSWORD });
    expect(a.status).toBe(200);
    expect(a.json().email).toBe(email);
    expect((await byEmail.call('GET', '/api/v1/citizen/me')).status).toBe(200);

    const byPhone = new Browser();
    const b = await byPhone.call('POST', '/api/v1/citizen/sign-in', { login: `+84${phone.slice(1)}`, password: PASSWORD });
    expect(b.status).toBe(200);
    expect(b.json().phone).toBe(phone);
    const rows = await auditRows('citizen.sign_in', a.json().id);
    expect(rows.filter((r) => r.outcome === 'success').map((r) => r.details.by)).toEqual(expect.arrayContaining(['email', 'phone']));
  });

  it('answers the same 401 for a wrong password, an unknown login and an account without password', async () => {
    const noPassword = uniqueEmail('nopw');
    await t.db.db.execute(sql`INSERT INTO citizens (full_name, email) VALUES ('Không Mật Khẩu', ${noPassword})`);
    const answers = await Promise.all(
      [
        { login: email, password: 'sai mật khẩu rồi' },
        { login: uniqueEmail('nobody'), password: PASSWORD },
        { login: '0999999999', password: PASSWORD },
        { login: noPassword, password: PASSWORD },
      ].map((body) => new Browser().call('POST', '/api/v1/citizen/sign-in', body)),
    );
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.json().error).toEqual(answers[0]?.json().error);
      expect(a.cookies).toEqual([]);
    }
    expect(answers[0]?.json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('locks a login after 10 failures a minute, even for the right password, and lets it in a minute later', async () => {
    const target = uniqueEmail('lock');
    expect((await signUp(new Browser(), { email: target })).status).toBe(201);
    for (let i = 0; i < 10; i += 1) {
      expect((await new Browser().call('POST', '/api/v1/citizen/sign-in', { login: target, password: `wrong ${String(i)}` })).status).toBe(401);
    }
    const locked = await new Browser().call('POST', '/api/v1/citizen/sign-in', { login: target.toUpperCase(), password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.json().error.code).toBe('AUTH_RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(61_000);
    expect((await new Browser().call('POST', '/api/v1/citizen/sign-in', { login: target, password: PASSWORD })).status).toBe(200);
  });

  it('refuses unknown fields', async () => {
    const res = await new Browser().call('POST', '/api/v1/citizen/sign-in', { login: email, password: PASSWORD, remember: true });
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('session', () => {
  it('needs the CSRF token for changes, ends at sign-out, and never crosses over to staff routes', async () => {
    const b = new Browser();
    const me = (await signUp(b)).json() as CitizenMe;

    const forged = await t.app.inject({ method: 'PATCH', url: '/api/v1/citizen/me', remoteAddress: b.ip, headers: { cookie: b.cookie }, payload: { version: me.version, fullName: 'Kẻ Giả Mạo' } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CSRF_TOKEN_INVALID');
    const crossSite = await b.call('POST', '/api/v1/citizen/sign-out', undefined, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);

    // A citizen's cookie is no staff session, and a staff session is no citizen's.
    expect((await b.call('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await b.call('GET', '/api/v1/org/units')).status).toBe(401);
    const admin = await adminClient(t);
    const staffOnCitizen = await admin.request('GET', '/api/v1/citizen/me');
    expect(staffOnCitizen.status).toBe(401);
    expect(staffOnCitizen.json().error.code).toBe('AUTH_REQUIRED');

    const out = await b.call('POST', '/api/v1/citizen/sign-out');
    expect(out.status).toBe(204);
    expect(out.cookies.some((c) => /^motcua_citizen=;/.test(c))).toBe(true);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/citizen/me', headers: { cookie: b.cookie } });
    expect(after.statusCode).toBe(401);
    expect((await auditRows('citizen.sign_out', me.id)).length).toBe(1);
  });
});

describe('profile', () => {
  it('updates the fields sent with the version read, audits their names, and refuses a stale version', async () => {
    const b = new Browser();
    const me = (await signUp(b)).json() as CitizenMe;
    const res = await b.call('PATCH', '/api/v1/citizen/me', {
      version: me.version,
      fullName: 'Trần Thị Bình',
      idNumber: '001190000123',
      birthDate: '1990-05-17',
      address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội',
      phone: '024 3825 1234',
    });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ fullName: 'Trần Thị Bình', idNumber: '001190000123', birthDate: '1990-05-17', phone: '02438251234', email: me.email, version: me.version + 1 });
    const audit = await auditRows('citizen.profile_update', me.id);
    expect(audit.at(-1)?.details).toEqual({ fields: ['fullName', 'phone', 'idNumber', 'birthDate', 'address'] });
    expect(JSON.stringify(audit)).not.toContain('Tràng Tiền');

    const stale = await b.call('PATCH', '/api/v1/citizen/me', { version: me.version, fullName: 'Cũ' });
    expect(stale.status).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await b.call('GET', '/api/v1/citizen/me')).json().fullName).toBe('Trần Thị Bình');
  });

  it('refuses a taken phone, no way left to sign in, an ID number that does not match the birth year, and unknown fields', async () => {
    const other = uniquePhone();
    expect((await signUp(new Browser(), { phone: other, email: undefined })).status).toBe(201);
    const b = new Browser();
    const me = (await signUp(b)).json() as CitizenMe;
    const cases: [Record<string, unknown>, number, string][] = [
      [{ phone: other }, 409, 'CITIZEN_PHONE_TAKEN'],
      [{ email: null }, 422, 'CITIZEN_CONTACT_REQUIRED'],
      [{ idNumber: '001085000123', birthDate: '1990-05-17' }, 422, 'CITIZEN_ID_INVALID'],
      [{ role: 'admin' }, 400, 'VALIDATION_FAILED'],
      [{ idNumber: '12345' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [over, status, code] of cases) {
      const res = await b.call('PATCH', '/api/v1/citizen/me', { version: me.version, ...over });
      expect([res.status, res.json().error.code], JSON.stringify(over)).toEqual([status, code]);
    }
    expect((await b.call('GET', '/api/v1/citizen/me')).json().version).toBe(me.version);
  });

  it('makes a changed e-mail unverified again', async () => {
    const b = new Browser();
    const email = uniqueEmail('verified');
    await codeSignIn(b, email);
    const me = (await b.call('GET', '/api/v1/citizen/me')).json() as CitizenMe;
    expect(me.emailVerified).toBe(true);
    const changed = await b.call('PATCH', '/api/v1/citizen/me', { version: me.version, email: uniqueEmail('moved') });
    expect(changed.status).toBe(200);
    expect(changed.json().emailVerified).toBe(false);
  });
});

describe('password change', () => {
  it('needs the current password, ends the other sessions, and the new one signs in', async () => {
    const email = uniqueEmail('chg');
    const here = new Browser();
    await signUp(here, { email });
    const elsewhere = new Browser();
    expect((await elsewhere.call('POST', '/api/v1/citizen/sign-in', { login: email, password: PASSWORD })).status).toBe(200);

    const wrong = await here.call('POST', '/api/v1/citizen/password', { currentPassword: 'không phải', newPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(401);
    const missing = await here.call('POST', '/api/v1/citizen/password', { newPassword: NEW_PASSWORD });
    expect(missing.status).toBe(401);
    const weak = await here.call('POST', '/api/v1/citizen/password', { currentPassword: PASSWORD, newPassword: 'qwerty123' });
    expect([weak.status, weak.json().error.code]).toEqual([422, 'PASSWORD_POLICY']);

    const ok = await here.call('POST', '/api/v1/citizen/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(ok.status).toBe(200);
    expect((await here.call('GET', '/api/v1/citizen/me')).status).toBe(200);
    expect((await elsewhere.call('GET', '/api/v1/citizen/me')).status).toBe(401);
    expect((await new Browser().call('POST', '/api/v1/citizen/sign-in', { login: email, password: PASSWORD })).status).toBe(401);
    expect((await new Browser().call('POST', '/api/v1/citizen/sign-in', { login: email, password: NEW_PASSWORD })).status).toBe(200);
  });
});

/** Asks for a code to `email` and signs in with the code read from the SMTP sink. */
async function codeSignIn(b: Browser, email: string): Promise<Answer> {
  const sent = await b.call('POST', '/api/v1/citizen/otp', { email });
  expect(sent.status).toBe(200);
  return b.call('POST', '/api/v1/citizen/otp/verify', { email, code: sink.lastCode(email) });
}

describe('one-time codes by e-mail', () => {
  it('delivers a 6-digit code by SMTP; it signs in once, creating a passwordless account with the e-mail verified', async () => {
    const b = new Browser();
    const email = uniqueEmail('otp');
    const sent = await b.call('POST', '/api/v1/citizen/otp', { email: email.toUpperCase() });
    expect(sent.status).toBe(200);
    expect(sent.json()).toEqual({ sent: true, expiresIn: 600 });
    const [mail] = sink.to(email);
    expect(mail?.mail.subject).toBe('Mã đăng nhập Cổng dịch vụ công Motcua');
    expect(mail?.mail.text).toMatch(/Mã đăng nhập của Ông\/Bà là: \d{6}/);
    const code = sink.lastCode(email);

    const res = await b.call('POST', '/api/v1/citizen/otp/verify', { email, code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ created: true, email, emailVerified: true, hasPassword: false, fullName: '' });
    expect((await b.call('GET', '/api/v1/citizen/me')).status).toBe(200);

    const again = await new Browser().call('POST', '/api/v1/citizen/otp/verify', { email, code });
    expect([again.status, again.json().error.code]).toEqual([401, 'CITIZEN_OTP_INVALID']);
    // Only a hash is kept.
    const stored = await t.db.db.execute<{ code_hash: Buffer }>(sql`SELECT code_hash FROM citizen_otps WHERE email = ${email}`);
    expect(stored.rows.map((r) => Buffer.from(r.code_hash).toString('utf8'))).not.toContain(code);

    // A second code sign-in finds the same account.
    const second = await codeSignIn(new Browser(), email);
    expect(second.json()).toMatchObject({ created: false, id: res.json().id });
  });

  it('writes the code in the language asked for', async () => {
    const email = uniqueEmail('english');
    expect((await new Browser().call('POST', '/api/v1/citizen/otp', { email, language: 'en' })).status).toBe(200);
    const mail = sink.to(email).at(-1)?.mail;
    expect(mail?.subject).toBe('Your Motcua public services sign-in code');
    expect(mail?.text).toContain(`Your sign-in code is: ${sink.lastCode(email)}`);
    expect(mail?.headers.get('content-language')).toBe('en');
  });

  it('answers the same for an address with and without an account', async () => {
    const known = uniqueEmail('known');
    await signUp(new Browser(), { email: known });
    const a = await new Browser().call('POST', '/api/v1/citizen/otp', { email: known });
    const b = await new Browser().call('POST', '/api/v1/citizen/otp', { email: uniqueEmail('unknown') });
    expect([a.status, a.json()]).toEqual([b.status, b.json()]);
  });

  it('spends a code after 5 wrong tries: the right code is then refused', async () => {
    const email = uniqueEmail('tries');
    await new Browser().call('POST', '/api/v1/citizen/otp', { email });
    const code = sink.lastCode(email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) {
      const res = await new Browser().call('POST', '/api/v1/citizen/otp/verify', { email, code: wrong });
      expect([res.status, res.json().error.code]).toEqual([401, 'CITIZEN_OTP_INVALID']);
    }
    const late = await new Browser().call('POST', '/api/v1/citizen/otp/verify', { email, code });
    expect(late.status).toBe(401);
    expect(await citizenCount(sql`email = ${email}`)).toBe(0);
  });

  it('refuses a code after 10 minutes, and a code replaced by a newer one', async () => {
    const email = uniqueEmail('expiry');
    await new Browser().call('POST', '/api/v1/citizen/otp', { email });
    const old = sink.lastCode(email);
    t.clock.advance(10 * 60_000 + 1000);
    expect((await new Browser().call('POST', '/api/v1/citizen/otp/verify', { email, code: old })).status).toBe(401);

    await new Browser().call('POST', '/api/v1/citizen/otp', { email });
    const first = sink.lastCode(email);
    await new Browser().call('POST', '/api/v1/citizen/otp', { email });
    const second = sink.lastCode(email);
    if (first !== second) expect((await new Browser().call('POST', '/api/v1/citizen/otp/verify', { email, code: first })).status).toBe(401);
    expect((await new Browser().call('POST', '/api/v1/citizen/otp/verify', { email, code: second })).status).toBe(200);
    const live = await t.db.db.execute<{ n: string }>(sql`SELECT count(*)::text AS n FROM citizen_otps WHERE email = ${email} AND used_at IS NULL`);
    expect(live.rows[0]?.n).toBe('0');
  });

  it('limits requests to 5 per 10 minutes per e-mail and 30 per address, with Retry-After', async () => {
    const email = uniqueEmail('flood');
    for (let i = 0; i < 5; i += 1) expect((await new Browser().call('POST', '/api/v1/citizen/otp', { email })).status).toBe(200);
    const refused = await new Browser().call('POST', '/api/v1/citizen/otp', { email });
    expect([refused.status, refused.json().error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(sink.to(email)).toHaveLength(5);

    const b = new Browser();
    for (let i = 0; i < 30; i += 1) expect((await b.call('POST', '/api/v1/citizen/otp', { email: uniqueEmail('ip') })).status).toBe(200);
    expect((await b.call('POST', '/api/v1/citizen/otp', { email: uniqueEmail('ip') })).status).toBe(429);
  });

  it('answers 503 when the SMTP server refuses the mail, and the code is not left usable', async () => {
    const email = uniqueEmail('refused');
    sink.refuse(email, 1);
    const res = await new Browser().call('POST', '/api/v1/citizen/otp', { email });
    expect([res.status, res.json().error.code]).toEqual([503, 'CITIZEN_OTP_SEND_FAILED']);
    const live = await t.db.db.execute<{ n: string }>(sql`SELECT count(*)::text AS n FROM citizen_otps WHERE email = ${email} AND used_at IS NULL`);
    expect(live.rows[0]?.n).toBe('0');
  });

  it('takes over an account whose e-mail was never proved: its password and sessions end, a new password is set without the old one', async () => {
    const email = uniqueEmail('hijack');
    const squatter = new Browser();
    const made = (await signUp(squatter, { email })).json() as CitizenMe;

    const owner = new Browser();
    const res = await codeSignIn(owner, email);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ id: made.id, created: false, emailVerified: true, hasPassword: false });
    expect((await squatter.call('GET', '/api/v1/citizen/me')).status).toBe(401);
    expect((await new Browser().call('POST', '/api/v1/citizen/sign-in', { login: email, password: PASSWORD })).status).toBe(401);

    const set = await owner.call('POST', '/api/v1/citizen/password', { newPassword: NEW_PASSWORD });
    expect(set.status).toBe(200);
    expect(set.json().hasPassword).toBe(true);
    expect((await new Browser().call('POST', '/api/v1/citizen/sign-in', { login: email, password: NEW_PASSWORD })).status).toBe(200);
  });

  it('resets a forgotten password in a code session, but only for 30 minutes', async () => {
    const email = uniqueEmail('forgot');
    const first = new Browser();
    await codeSignIn(first, email);
    expect((await first.call('POST', '/api/v1/citizen/password', { newPassword: PASSWORD })).status).toBe(200);

    const later = new Browser();
    await codeSignIn(later, email);
    // Kept alive (idle timeout 30 minutes), but opened more than 30 minutes ago.
    t.clock.advance(20 * 60_000);
    expect((await later.call('GET', '/api/v1/citizen/me')).status).toBe(200);
    t.clock.advance(11 * 60_000);
    const tooLate = await later.call('POST', '/api/v1/citizen/password', { newPassword: NEW_PASSWORD });
    expect([tooLate.status, tooLate.json().error.code]).toEqual([401, 'AUTH_INVALID_CREDENTIALS']);
    expect((await later.call('POST', '/api/v1/citizen/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(200);
  });

  it('confirms a signed-in citizen’s own e-mail with a code, keeping the password', async () => {
    const b = new Browser();
    const email = uniqueEmail('confirm');
    const me = (await signUp(b, { email })).json() as CitizenMe;
    const sent = await b.call('POST', '/api/v1/citizen/me/email-verification');
    expect(sent.status).toBe(200);
    expect(sink.to(email).at(-1)?.mail.subject).toBe('Xác nhận địa chỉ thư điện tử trên Cổng dịch vụ công Motcua');
    // A sign-in code is not an e-mail confirmation code, and the other way round.
    const wrongPurpose = await new Browser().call('POST', '/api/v1/citizen/otp/verify', { email, code: sink.lastCode(email) });
    expect(wrongPurpose.status).toBe(401);
    const confirmed = await b.call('POST', '/api/v1/citizen/me/email-verification/confirm', { code: sink.lastCode(email) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json()).toMatchObject({ id: me.id, emailVerified: true, hasPassword: true });
    const twice = await b.call('POST', '/api/v1/citizen/me/email-verification');
    expect([twice.status, twice.json().error.code]).toEqual([409, 'CITIZEN_EMAIL_ALREADY_VERIFIED']);
  });
});

describe('OpenID Connect', () => {
  /** Starts at the portal, signs in at the provider as `subject`, and brings the answer back to the portal. */
  async function oidcSignIn(b: Browser, subject: string | null, identity?: Record<string, unknown>, returnTo?: string) {
    const start = await b.call('GET', `/api/v1/citizen/oidc/start${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`);
    expect(start.status).toBe(302);
    const location = String(start.headers.location);
    const binding = start.cookies.find((c) => c.startsWith('motcua_oidc='))?.split(';')[0] ?? '';
    idp.signInAs(subject, identity);
    const callback = await idp.authorize(location, `${PUBLIC_URL}${CALLBACK_PATH}`);
    const path = callback.slice(PUBLIC_URL.length);
    const finish = async (cookie = binding) => {
      const res = await t.app.inject({ method: 'GET', url: path, remoteAddress: b.ip, headers: { cookie } });
      const set = res.headers['set-cookie'];
      const session = (Array.isArray(set) ? set : set ? [set] : []).find((c) => c.startsWith('motcua_citizen='));
      if (session) b.cookie = session.split(';')[0] ?? '';
      return res;
    };
    return { location, binding, path, finish };
  }

  it('sends the browser to the provider with state, nonce and PKCE S256, keeping only hashes', async () => {
    const b = new Browser();
    const start = await b.call('GET', '/api/v1/citizen/oidc/start?returnTo=/ho-so');
    expect(start.status).toBe(302);
    const url = new URL(String(start.headers.location));
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('client_id')).toBe(idp.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}${CALLBACK_PATH}`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('scope')).toBe('openid profile email');
    const state = url.searchParams.get('state') ?? '';
    expect(state.length).toBeGreaterThan(20);
    expect(url.searchParams.get('nonce')?.length).toBeGreaterThan(20);
    const cookie = start.cookies.find((c) => c.startsWith('motcua_oidc=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const rows = await t.db.db.execute<{ return_to: string; code_verifier: string; expires_at: Date; created_at: Date }>(
      sql`SELECT return_to, code_verifier, expires_at, created_at FROM oidc_logins WHERE state_hash = ${createHash('sha256').update(state).digest()}`,
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]?.return_to).toBe('/ho-so');
    expect(rows.rows[0]?.code_verifier).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(rows.rows[0]?.expires_at ?? 0).getTime() - new Date(rows.rows[0]?.created_at ?? 0).getTime()).toBe(600_000);
  });

  it('signs a new citizen in, making the account from the claims, and back to returnTo', async () => {
    const b = new Browser();
    const email = uniqueEmail('vneid');
    const flow = await oidcSignIn(b, 'vneid-new-1', { name: 'Lê Thị Mai', email, email_verified: true, birthdate: '1985-03-08', cccd: '001185004321' }, '/ho-so-cua-toi?trang=2');
    const res = await flow.finish();
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/ho-so-cua-toi?trang=2');
    const me = (await b.call('GET', '/api/v1/citizen/me')).json() as CitizenMe;
    expect(me).toMatchObject({ fullName: 'Lê Thị Mai', email, emailVerified: true, birthDate: '1985-03-08', idNumber: '001185004321', hasPassword: false });
    expect(me.identities).toEqual([{ issuer: idp.issuer, name: 'VNeID', linkedAt: expect.any(String) }]);
    expect((await auditRows('citizen.sign_up', me.id)).map((r) => r.details.method)).toEqual(['oidc']);

    // The same identity again: the same account, nothing new; no returnTo → the account page.
    const again = new Browser();
    const second = await (await oidcSignIn(again, 'vneid-new-1')).finish();
    expect(second.headers.location).toBe('/tai-khoan');
    expect((await again.call('GET', '/api/v1/citizen/me')).json().id).toBe(me.id);
    expect(await citizenCount(sql`email = ${email}`)).toBe(1);

    // The answer is good once.
    const replay = await flow.finish();
    expect(replay.headers.location).toBe('/dang-nhap?oidcError=invalid');
  });

  it('links an account with the same e-mail only when the provider says it is verified', async () => {
    const verifiedEmail = uniqueEmail('link');
    const owner = new Browser();
    const existing = (await codeSignIn(owner, verifiedEmail)).json() as CitizenMe;

    const linked = new Browser();
    await (await oidcSignIn(linked, 'vneid-link-1', { name: 'Phạm Văn Linh', email: verifiedEmail.toUpperCase(), email_verified: true })).finish();
    const me = (await linked.call('GET', '/api/v1/citizen/me')).json() as CitizenMe;
    expect(me.id).toBe(existing.id);
    expect(me.fullName).toBe('Phạm Văn Linh'); // was empty: filled from the claims

    const unverified = new Browser();
    await (await oidcSignIn(unverified, 'vneid-link-2', { name: 'Kẻ Mạo Danh', email: verifiedEmail, email_verified: false })).finish();
    const other = (await unverified.call('GET', '/api/v1/citizen/me')).json() as CitizenMe;
    expect(other.id).not.toBe(existing.id);
    expect(other.email).toBeNull();
    expect(await citizenCount(sql`email = ${verifiedEmail}`)).toBe(1);
  });

  it('takes over, like an e-mail code, an account whose e-mail the provider verified but the account never proved', async () => {
    const email = uniqueEmail('oidc-hijack');
    const squatter = new Browser();
    const made = (await signUp(squatter, { email })).json() as CitizenMe;
    const owner = new Browser();
    await (await oidcSignIn(owner, 'vneid-owner', { name: 'Chủ Thật', email, email_verified: true })).finish();
    const me = (await owner.call('GET', '/api/v1/citizen/me')).json() as CitizenMe;
    expect(me).toMatchObject({ id: made.id, emailVerified: true, hasPassword: false });
    expect((await squatter.call('GET', '/api/v1/citizen/me')).status).toBe(401);
    expect((await new Browser().call('POST', '/api/v1/citizen/sign-in', { login: email, password: PASSWORD })).status).toBe(401);
    expect((await auditRows('citizen.identity_link', made.id)).length).toBe(1);
  });

  it('refuses a returnTo outside the site', async () => {
    for (const bad of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)', 'ho-so', '/a\nb']) {
      const res = await new Browser().call('GET', `/api/v1/citizen/oidc/start?returnTo=${encodeURIComponent(bad)}`);
      expect([res.status, res.json().error.code], bad).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('fails back to the sign-in page without the starting browser’s cookie, after 10 minutes, or when the citizen refuses', async () => {
    const stolen = await oidcSignIn(new Browser(), 'vneid-csrf', { name: 'Người Bị Lừa' });
    const other = await stolen.finish('motcua_oidc=someone-else');
    expect(other.headers.location).toBe('/dang-nhap?oidcError=invalid');
    expect(other.headers['set-cookie']?.toString() ?? '').not.toContain('motcua_citizen=');

    const slow = await oidcSignIn(new Browser(), 'vneid-slow', { name: 'Chậm Chạp' });
    t.clock.advance(10 * 60_000 + 1000);
    expect((await slow.finish()).headers.location).toBe('/dang-nhap?oidcError=expired');

    const refused = await oidcSignIn(new Browser(), null);
    expect((await refused.finish()).headers.location).toBe('/dang-nhap?oidcError=denied');
  });

  it('lists the options: the provider’s name and e-mail codes', async () => {
    const res = await new Browser().call('GET', '/api/v1/citizen/auth-options');
    expect(res.json()).toEqual({ oidc: { name: 'VNeID' }, emailCode: true });
  });
});

describe('OIDC configuration', () => {
  it('is off without an issuer, needs a client id with one, and has the documented defaults', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig({ MOTCUA_OIDC_ISSUER: '' }).oidc).toBeUndefined();
    expect(() => loadConfig({ MOTCUA_OIDC_ISSUER: 'https://sso.vneid.example.vn' })).toThrow(/MOTCUA_OIDC_CLIENT_ID: required with MOTCUA_OIDC_ISSUER/);
    expect(() => loadConfig({ MOTCUA_OIDC_ISSUER: 'https://sso.vneid.example.vn', MOTCUA_OIDC_CLIENT_ID: 'motcua', MOTCUA_OIDC_SCOPE: 'profile email' })).toThrow(/MOTCUA_OIDC_SCOPE/);
    expect(loadConfig({ MOTCUA_OIDC_ISSUER: 'https://sso.vneid.example.vn', MOTCUA_OIDC_CLIENT_ID: 'motcua' }).oidc).toEqual({
      issuer: 'https://sso.vneid.example.vn',
      clientId: 'motcua',
      clientSecret: undefined,
      name: 'VNeID',
      scope: 'openid profile email',
      idNumberClaim: undefined,
    });
  });
});

describe('without SMTP nor OIDC, with secure cookies', () => {
  let bare: TestApp;
  beforeAll(async () => {
    bare = await makeTestApp({ secureCookies: true });
  });
  afterAll(async () => bare.close());

  it('names the cookie __Host- with Secure, and turns the code and OIDC options off', async () => {
    const b = new Browser(() => bare);
    const res = await b.call('POST', '/api/v1/citizen/sign-up', { fullName: 'An Toàn', phone: '0987 654 321', password: PASSWORD });
    expect(res.status).toBe(201);
    const cookie = res.cookies.find((c) => c.startsWith('__Host-motcua_citizen=')) ?? '';
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/Path=\//);
    expect((await b.call('GET', '/api/v1/citizen/me')).status).toBe(200);

    expect((await b.call('GET', '/api/v1/citizen/auth-options')).json()).toEqual({ oidc: null, emailCode: false });
    const code = await b.call('POST', '/api/v1/citizen/otp', { email: uniqueEmail('off') });
    expect([code.status, code.json().error.code]).toEqual([404, 'CITIZEN_OTP_NOT_AVAILABLE']);
    for (const url of ['/api/v1/citizen/oidc/start', '/api/v1/citizen/oidc/callback?state=x&code=y']) {
      const off = await b.call('GET', url);
      expect([off.status, off.json().error.code]).toEqual([404, 'OIDC_NOT_CONFIGURED']);
    }
  });
});
