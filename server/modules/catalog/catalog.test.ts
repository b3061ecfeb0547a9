import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEPS, StepPlan, type ProcedureInput } from '../../../contracts/catalog.js';
import { adminClient, makeTestApp, signIn, type Client, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let admin: Client;
let rootId: string;
beforeAll(async () => {
  t = await makeTestApp();
  admin = await adminClient(t);
  rootId = (await admin.request('GET', '/api/v1/org/units')).json().items[0].id;
});
afterAll(async () => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const search = async (q: string) => (await get(`/api/v1/procedures?q=${encodeURIComponent(q)}`)).json() as { total: number; items: { code: string }[] };

function plan(shares: number[] = [10, 50, 20, 10, 10]) {
  return STEPS.map((step, i) => ({
    step,
    role: i === 0 || i === 4 ? 'receptionist' : i === 1 ? 'specialist' : 'leader',
    performer: i === 0 || i === 4 ? 'receiving_unit' : 'settling_unit',
    sharePercent: shares[i] ?? 0,
  }));
}

function procedure(overrides: Partial<Record<keyof ProcedureInput, unknown>> = {}) {
  return {
    code: 'T.000001',
    name: 'Cấp giấy phép tổ chức lễ hội',
    nameEn: 'Festival permit',
    field: 'culture',
    level: 'commune',
    unitCodes: [],
    applicantType: 'both',
    settlement: { kind: 'working_days', amount: 5 },
    fees: [{ label: 'Lệ phí', amountVnd: 0 }],
    documents: [{ name: 'Văn bản đề nghị', form: 'original', quantity: 1, mandatory: true }],
    onlineLevel: 'partial',
    stepPlan: plan(),
    ...overrides,
  };
}

async function createUnit(code: string, kind = 'commune') {
  const res = await admin.request('POST', '/api/v1/org/units', { code, name: `Ủy ban nhân dân ${code}`, kind, parentId: rootId, address: 'Số 1 đường Lê Lợi', hotline: '1900 1234' });
  expect(res.status).toBe(201);
  return res.json() as { id: string; code: string };
}

describe('search', () => {
  it('finds birth registration first with or without diacritics, and with a typo', async () => {
    for (const q of ['khai sinh', 'dang ky khai sinh', 'Đăng ký khai sinh', 'ĐĂNG KÝ KHAI SINH', 'dang ky khai snh', '1.001193']) {
      const result = await search(q);
      expect(result.items[0]?.code, q).toBe('1.001193');
    }
    expect((await search('khai tu')).items[0]?.code).toBe('1.000656');
    expect((await search('chung thuc ban sao')).items[0]?.code).toBe('2.000815');
  });

  it('filters by field, level and online-service level, and pages', async () => {
    const civil = (await get('/api/v1/procedures?field=civil_status&limit=200')).json();
    expect(civil.total).toBeGreaterThanOrEqual(5);
    expect(civil.items.every((p: { field: string }) => p.field === 'civil_status')).toBe(true);
    const none = (await get('/api/v1/procedures?online=none&limit=200')).json();
    expect(none.items.every((p: { onlineLevel: string }) => p.onlineLevel === 'none')).toBe(true);
    const province = (await get('/api/v1/procedures?level=province')).json();
    expect(province.items.map((p: { code: string }) => p.code)).toEqual(['MPS-LLTP']);
    const page = (await get('/api/v1/procedures?limit=2&offset=2')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(4);
  });

  it('answers 400 for an unknown filter value and 404 for an unknown unit', async () => {
    const bad = await get('/api/v1/procedures?online=sometimes');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await get('/api/v1/procedures?unit=NOPE')).statusCode).toBe(404);
  });
});

describe('procedure page', () => {
  it('shows documents, fees and where and when to apply, with the counters serving the field', async () => {
    const commune = await createUnit('X-APPLY');
    await admin.request('POST', `/api/v1/org/units/${commune.id}/counters`, { code: 'Q1', name: 'Quầy hộ tịch', fields: ['civil_status'] });
    await admin.request('POST', `/api/v1/org/units/${commune.id}/counters`, { code: 'Q2', name: 'Quầy đất đai', fields: ['land'] });
    const res = await get('/api/v1/procedures/1.001193');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.documents.length).toBeGreaterThanOrEqual(2);
    expect(p.fees[0].amountVnd).toBe(0);
    expect(p.courtesyLetter).toBe('congratulation');
    const at = p.applyAt.find((u: { unitCode: string }) => u.unitCode === 'X-APPLY');
    expect(at).toMatchObject({ address: 'Số 1 đường Lê Lợi', hotline: '1900 1234', counters: [{ code: 'Q1', name: 'Quầy hộ tịch' }] });
    expect(at.openingHours).toEqual([
      { start: '07:30', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ]);
    expect(at.workingWeekdays).toEqual([1, 2, 3, 4, 5]);
    expect((await get('/api/v1/procedures/NO.SUCH')).json().error.code).toBe('PROCEDURE_NOT_FOUND');
  });
});

describe('editing', () => {
  it('creates a procedure, audited, and refuses a duplicate code', async () => {
    const res = await admin.request('POST', '/api/v1/procedures', procedure());
    expect(res.status).toBe(201);
    expect(res.json()).toMatchObject({ code: 'T.000001', version: 1, fieldName: 'Văn hóa' });
    expect((await admin.request('POST', '/api/v1/procedures', procedure())).json().error.code).toBe('PROCEDURE_CODE_TAKEN');
    const audit = await t.db.pool.query(`SELECT action FROM audit_log WHERE object_type = 'procedure' AND object_id = 'T.000001'`);
    expect(audit.rows).toEqual([{ action: 'procedure.create' }]);
  });

  it('answers 400 with the field for a plan whose shares do not add up, a missing plan, a negative fee', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [procedure({ code: 'T.BAD1', stepPlan: plan([10, 40, 20, 10, 10]) }), 'stepPlan'],
      [procedure({ code: 'T.BAD2', stepPlan: undefined }), 'stepPlan'],
      [procedure({ code: 'T.BAD3', fees: [{ label: 'Lệ phí', amountVnd: -1000 }] }), 'fees'],
      [procedure({ code: 'T.BAD4', stepPlan: plan().reverse() }), 'stepPlan'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.request('POST', '/api/v1/procedures', body);
      expect(res.status, field).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(res.json().error.details.issues)).toContain(field);
    }
    expect((await get('/api/v1/procedures/T.BAD1')).statusCode).toBe(404);
  });

  it('refuses an unknown field or unit code with 400 naming it', async () => {
    const res = await admin.request('POST', '/api/v1/procedures', procedure({ code: 'T.BAD5', unitCodes: ['NOWHERE'] }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json().error.details)).toContain('NOWHERE');
  });

  it('updates with optimistic locking', async () => {
    const created = (await admin.request('POST', '/api/v1/procedures', procedure({ code: 'T.000002' }))).json();
    const first = await admin.request('PUT', '/api/v1/procedures/T.000002', { ...procedure({ code: 'T.000002', onlineLevel: 'full' }), version: created.version });
    expect(first.status).toBe(200);
    expect(first.json()).toMatchObject({ onlineLevel: 'full', version: 2 });
    const stale = await admin.request('PUT', '/api/v1/procedures/T.000002', { ...procedure({ code: 'T.000002', onlineLevel: 'none' }), version: created.version });
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await get('/api/v1/procedures/T.000002')).json().onlineLevel).toBe('full');
  });

  it('lets only admins with the province in scope write the catalog', async () => {
    const commune = await createUnit('X-ADMIN');
    const created = await admin.request('POST', '/api/v1/org/staff', { username: 'commune.admin', fullName: 'Phạm Văn D', unitId: commune.id, roles: [{ role: 'admin', unitId: commune.id }] });
    const c = await signIn(t, 'commune.admin', created.json().initialPassword);
    const { secret } = (await c.request('POST', '/api/v1/auth/totp/setup')).json();
    const { currentCode } = await import('../auth/totp.js');
    await c.request('POST', '/api/v1/auth/totp/confirm', { code: currentCode(secret, t.clock.now()) });
    await c.request('POST', '/api/v1/auth/password', { currentPassword: created.json().initialPassword, newPassword: 'Quản trị xã mới 2026' });
    const res = await c.request('POST', '/api/v1/procedures', procedure({ code: 'T.COMMUNE' }));
    expect(res.status).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});

describe('import and export', () => {
  it('imports nothing when a row is bad, and reports every bad row', async () => {
    const doc = { procedures: [procedure({ code: 'T.IMP1' }), procedure({ code: 'T.IMP2', fees: [{ label: 'x', amountVnd: -5 }] }), procedure({ code: 'T.IMP1' }), procedure({ code: 'T.IMP4', field: 'astrology' })] };
    const res = await admin.request('POST', '/api/v1/catalog/import?format=json', doc);
    expect(res.status).toBe(200);
    const report = res.json();
    expect(report.applied).toBe(false);
    expect(report.errors.map((e: { row: number }) => e.row)).toEqual([2, 3, 4]);
    expect((await get('/api/v1/procedures/T.IMP1')).statusCode).toBe(404);
  });

  it('exports CSV and JSON that import back unchanged, and a dry run writes nothing', async () => {
    const exported = await admin.request('GET', '/api/v1/catalog/export?format=csv');
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename="danh-muc-thu-tuc-\d{4}-\d{2}-\d{2}\.csv"/);
    const csv = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/import?format=csv', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'text/csv' }, payload: (await t.app.inject({ method: 'GET', url: '/api/v1/catalog/export?format=csv', headers: { cookie: admin.cookie } })).body });
    const report = csv.json();
    expect(report).toMatchObject({ applied: true, created: 0, updated: 0, errors: [] });
    expect(report.unchanged).toBe(report.rows);

    const json = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/v1/catalog/export?format=json', headers: { cookie: admin.cookie } })).body);
    const renamed = json.procedures.map((p: { code: string; name: string }) => (p.code === '1.001193' ? { ...p, name: 'Đăng ký khai sinh (sửa)' } : p));
    const dry = (await admin.request('POST', '/api/v1/catalog/import?format=json&dryRun=true', { ...json, procedures: renamed })).json();
    expect(dry).toMatchObject({ applied: false, updated: 1, errors: [] });
    expect((await get('/api/v1/procedures/1.001193')).json().name).toBe('Đăng ký khai sinh');
    const again = (await admin.request('POST', '/api/v1/catalog/import?format=json', json)).json();
    expect(again).toMatchObject({ applied: true, created: 0, updated: 0 });
  });

  it('reports a CSV row with bad JSON in a cell by its line number', async () => {
    const csv = (await t.app.inject({ method: 'GET', url: '/api/v1/catalog/export?format=csv', headers: { cookie: admin.cookie } })).body;
    const lines = csv.split('\n');
    lines[2] = (lines[2] ?? '').replace('"[{', '"[{{');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/catalog/import?format=csv', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'text/csv' }, payload: lines.join('\n') });
    expect(res.json().applied).toBe(false);
    expect(res.json().errors[0].row).toBe(3);
  });

  it('exports an XLSX workbook with the procedures in it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/catalog/export?format=xlsx', headers: { cookie: admin.cookie } });
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const text = Object.entries(files)
      .filter(([name]) => name.startsWith('xl/'))
      .map(([, bytes]) => Buffer.from(bytes).toString('utf8'))
      .join('');
    expect(text).toContain('Đăng ký khai sinh');
    expect(text).toContain('Mã thủ tục');
  });
});

describe('form templates', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const upload = (body: Buffer, type: string, name = 'to-khai-khai-sinh.pdf') =>
    t.app.inject({ method: 'POST', url: `/api/v1/procedures/1.001193/forms?fileName=${encodeURIComponent(name)}`, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': type }, payload: body });

  it('uploads a PDF form that anyone downloads as an attachment, with its hash', async () => {
    const res = await upload(pdf, 'application/pdf', 'Tờ khai khai sinh.pdf');
    expect(res.statusCode).toBe(201);
    const form = res.json();
    const page = (await get('/api/v1/procedures/1.001193')).json();
    expect(page.forms.map((f: { id: string }) => f.id)).toContain(form.id);
    const file = await get(`/api/v1/procedures/1.001193/forms/${form.id}`);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''T%E1%BB%9D%20khai%20khai%20sinh.pdf");
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['x-checksum-sha256']).toBe(form.sha256);
  });

  it('refuses content that is not what its type says, and a file over the limit', async () => {
    expect((await upload(Buffer.from('<script>alert(1)</script>'), 'application/pdf')).json().error.code).toBe('FORM_TYPE_NOT_ALLOWED');
    expect((await upload(pdf, 'application/pdf', 'script.exe')).json().error.code).toBe('FORM_TYPE_NOT_ALLOWED');
    expect((await upload(pdf, 'text/html')).statusCode).toBe(415);
    const big = await upload(Buffer.concat([pdf, Buffer.alloc(11 * 1024 * 1024)]), 'application/pdf');
    expect(big.statusCode).toBe(413);
  });
});

describe('statistics', () => {
  it('counts procedures per unit and field, and the online coverage rate', async () => {
    const ward = await createUnit('P-STATS', 'ward');
    const stats = (await get('/api/v1/catalog/stats?unit=P-STATS')).json();
    const unit = stats.units[0];
    expect(unit.unitCode).toBe(ward.code);
    const { full, partial, none } = unit.online;
    expect(unit.procedures).toBe(full + partial + none);
    expect(unit.onlineCoverage).toBeCloseTo((full + partial) / unit.procedures, 10);
    const communeLevel = (await get('/api/v1/procedures?level=commune&limit=200')).json().total;
    expect(unit.procedures).toBe(communeLevel);
    const byField = unit.byField.reduce((n: number, f: { procedures: number }) => n + f.procedures, 0);
    expect(byField).toBe(unit.procedures);
  });
});

describe('step plan rule', () => {
  it('accepts a plan exactly when the five shares add up to 100', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }), (shares) => {
        const ok = StepPlan.safeParse(plan(shares)).success;
        expect(ok).toBe(shares.reduce((a, b) => a + b, 0) === 100);
      }),
    );
  });
});
