import { PassThrough } from 'node:stream';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_STATUS } from '../../contracts/errors.js';
import { adminClient, makeTestApp, type Client, type TestApp } from '../../test/harness.js';
import { buildApp } from '../app.js';
import { PERMISSIONS } from './permissions.js';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await makeTestApp();
  admin = await adminClient(t);
});
afterAll(async () => t.close());

describe('route declarations', () => {
  it('every registered route declares a permission, a session requirement, or that it is public', () => {
    const undeclared = t.app.routeRecords
      .filter((r) => {
        const access = r.options.config?.access;
        if (!access) return true;
        if ('permission' in access) return !(PERMISSIONS as readonly string[]).includes(access.permission);
        return !('public' in access || 'session' in access || 'citizen' in access);
      })
      .map((r) => `${String(r.method)} ${r.url}`);
    expect(t.app.routeRecords.length).toBeGreaterThan(15);
    expect(undeclared).toEqual([]);
  });

  it('only health, docs, sign-in, the catalog, the calendar reads, the dossier lookup, document verification, ratings and suggestions, and the web build are public', () => {
    const publicApi = t.app.routeRecords
      .filter((r) => r.url.startsWith('/api/') && r.options.config?.access && 'public' in r.options.config.access)
      .map((r) => r.url)
      .filter((u) => !u.startsWith('/api/docs'));
    expect(new Set(publicApi)).toEqual(
      new Set([
        '/api/openapi.json',
        '/api/health',
        '/api/v1/auth/login',
        // Citizens' sign-up and sign-in (rate-limited; answers tell nothing of others' accounts) and the OIDC redirects.
        '/api/v1/citizen/auth-options',
        '/api/v1/citizen/sign-up',
        '/api/v1/citizen/sign-in',
        '/api/v1/citizen/otp',
        '/api/v1/citizen/otp/verify',
        '/api/v1/citizen/oidc/start',
        '/api/v1/citizen/oidc/callback',
        // The published catalog and the working calendar are public by law (transparency).
        '/api/v1/procedures',
        '/api/v1/procedures/:code',
        '/api/v1/procedures/:code/forms/:id',
        '/api/v1/catalog/fields',
        '/api/v1/catalog/units',
        '/api/v1/catalog/stats',
        '/api/v1/calendar/:unitCode/due',
        '/api/v1/calendar/:unitCode/days',
        // Code + secret in the body, no personal data in the answer, rate-limited.
        '/api/v1/public/lookup',
        // A verification code in the path, what the document prints in the answer, rate-limited.
        '/api/v1/public/verify/:code',
        // The applicant rates with code + secret in the body (no citizen accounts yet), rate-limited.
        '/api/v1/public/ratings',
        // The anonymous suggestion box: honeypot and a per-address limit, nothing returned.
        '/api/v1/public/suggestions',
        // A unit's contacts, its counters' nameplates (name and title, public by law) and the reception schedule.
        '/api/v1/public/units',
        '/api/v1/public/units/:code/contacts',
        '/api/v1/public/units/:code/reception-schedule',
        // The transparency board: aggregates only (no dossier, applicant or officer), cached a minute, rate-limited.
        '/api/v1/public/board',
        '/api/v1/public/board/:unitCode',
      ]),
    );
  });
});

describe('OpenAPI', () => {
  it('serves a valid OpenAPI 3.1 document that lists every API route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    const api = t.app.routeRecords
      .filter((r) => r.url.startsWith('/api/v1/') || r.url === '/api/health')
      .flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD').map((m) => `${m} ${r.url}`));
    expect(api.filter((route) => !documented.has(route))).toEqual([]);
  });

  it('serves the interactive documentation page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect([200, 302]).toContain(res.statusCode);
  });
});

describe('health', () => {
  it('reports status, database kind and version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'embedded', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});

describe('bad input', () => {
  it('answers 400 VALIDATION_FAILED for unknown body fields, naming the field', async () => {
    const res = await admin.request('POST', '/api/v1/org/units', { code: 'A1', name: 'A', kind: 'ward', parentId: '00000000-0000-4000-8000-000000000000', colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().error.details)).toContain('colour');
  });

  it('answers 400 VALIDATION_FAILED for a malformed id in the path', async () => {
    const res = await admin.request('GET', '/api/v1/org/units/not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 400 MALFORMED_JSON for a body that is not JSON', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
  });

  it('answers 413 BODY_TOO_LARGE past the body limit', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a', password: 'b'.repeat(t.deps.config.bodyLimit) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('answers 415 for a content type the API does not take', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 401 AUTH_REQUIRED before looking at the body of a protected route', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/org/units', headers: { 'content-type': 'application/json' }, payload: '{bad' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_REQUIRED');
  });

  it('answers 404 ROUTE_NOT_FOUND for an unknown API path', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('has a Vietnamese and an English message for every error code', async () => {
    const { translator } = await import('../i18n/index.js');
    for (const code of ERROR_CODES) {
      for (const locale of ['vi', 'en'] as const) expect(translator(locale)(`errors.${code}`)).not.toBe(`errors.${code}`);
      expect(ERROR_STATUS[code]).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('security headers', () => {
  it('sends CSP with frame-ancestors, nosniff and a referrer policy', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
  });
});

describe('logs', () => {
  it('record requests without passwords, session tokens, names or query strings', async () => {
    let logged = '';
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (logged += chunk.toString()));
    const app = await buildApp({ ...t.deps, config: { ...t.deps.config, logLevel: 'trace' } }, { logStream: stream });
    try {
      const password = 'Mật-khẩu-không-được-ghi-log-2026';
      const root = (await admin.request('GET', '/api/v1/org/units')).json().items[0].id as string;
      const created = await admin.request('POST', '/api/v1/org/staff', {
        username: 'log.probe',
        fullName: 'Trần Thị Nhật Ký',
        phone: '0912345678',
        unitId: root,
        roles: [{ role: 'viewer', unitId: root }],
      });
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'log.probe', password: created.json().initialPassword } });
      const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
      const token = cookie.split('=')[1] ?? '';
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'log.probe', password } });
      await app.inject({ method: 'GET', url: '/api/v1/org/staff?q=Tr%E1%BA%A7n%20Th%E1%BB%8B', headers: { cookie } });
      await app.inject({ method: 'GET', url: `/api/v1/org/staff/${String(created.json().staff.id)}`, headers: { cookie } });
      expect(logged).toContain('/api/v1/auth/login'); // requests are logged…
      expect(token.length).toBeGreaterThan(20);
      for (const secret of [password, created.json().initialPassword as string, token, 'Trần Thị', 'Nhật Ký', '0912345678', 'Tr%E1%BA%A7n']) {
        expect(logged).not.toContain(secret); // …but nothing personal or secret
      }
    } finally {
      await app.close();
    }
  });
});
