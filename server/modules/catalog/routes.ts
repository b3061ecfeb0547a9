import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import writeXlsxFile from 'write-excel-file/node';
import { z } from 'zod';
import {
  CatalogField,
  CatalogStats,
  ImportReport,
  Procedure,
  ProcedureCode,
  ProcedureDetail,
  ProcedureInput,
  ProcedureSearch,
  ProcedureSearchResult,
  ProcedureSummary,
} from '../../../contracts/catalog.js';
import { UnitKind } from '../../../contracts/roles.js';
import { serviceContext } from '../../http/access.js';
import { translator } from '../../i18n/index.js';
import type { AppDeps } from '../../http/context.js';
import { noContent, responses } from '../../http/schemas.js';
import { FieldInput } from './exchange.js';
import * as catalog from './service.js';

const CodeParams = z.strictObject({ code: ProcedureCode });
const FormParams = z.strictObject({ code: ProcedureCode, id: z.uuid() });
const FORM_LIMIT = 10 * 1024 * 1024;
const IMPORT_LIMIT = 20 * 1024 * 1024;

/** RFC 6266 attachment header: an ASCII fallback plus the UTF-8 name. */
function attachment(reply: FastifyReply, fileName: string, contentType: string): FastifyReply {
  const ascii = fileName.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'download';
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('x-content-type-options', 'nosniff');
}

export async function catalogRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // Uploads (form templates) and CSV imports come as raw bodies; only these routes take them.
  await app.register(async (scope) => {
    scope.addContentTypeParser(Object.keys(catalog.FORM_TYPES), { parseAs: 'buffer', bodyLimit: FORM_LIMIT }, (_req, body, done) => done(null, body));
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_LIMIT }, (_req, body, done) => done(null, body));
    routes(scope, deps);
  });
}

function routes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof serviceContext>[1]) => serviceContext(deps, req);
  const pub = ['catalog (public)'];
  const admin = ['catalog (admin)'];

  // ------------------------------------------------------------ public
  r.get('/api/v1/procedures', {
    config: { access: { public: true } },
    schema: {
      tags: pub,
      summary: 'Searches published procedures; q ignores diacritics and tolerates typos, best match first',
      querystring: ProcedureSearch,
      response: responses(200, ProcedureSearchResult),
    },
    handler: async (req) => catalog.searchPublic(ctx(req), req.query),
  });
  r.get('/api/v1/procedures/:code', {
    config: { access: { public: true } },
    schema: { tags: pub, summary: 'A published procedure, where and when to apply, its forms', params: CodeParams, response: responses(200, ProcedureDetail) },
    handler: async (req) => catalog.getPublic(ctx(req), req.params.code),
  });
  r.get('/api/v1/procedures/:code/forms/:id', {
    config: { access: { public: true } },
    schema: { tags: pub, summary: 'Downloads a form template (attachment)', params: FormParams },
    handler: async (req, reply) => {
      const form = await catalog.formFile(ctx(req), req.params.code, req.params.id, true);
      return attachment(reply, form.fileName, form.contentType).header('x-checksum-sha256', form.sha256).send(form.content);
    },
  });
  r.get('/api/v1/catalog/fields', {
    config: { access: { public: true } },
    schema: { tags: pub, summary: 'Fields with their number of published procedures', response: responses(200, z.object({ items: z.array(CatalogField) })) },
    handler: async (req) => ({ items: await catalog.listFields(ctx(req)) }),
  });
  r.get('/api/v1/catalog/units', {
    config: { access: { public: true } },
    schema: {
      tags: pub,
      summary: 'Units that implement at least one published procedure (for the unit filter)',
      response: responses(200, z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable(), kind: UnitKind })) })),
    },
    handler: async (req) => ({ items: await catalog.catalogUnits(ctx(req)) }),
  });
  r.get('/api/v1/catalog/stats', {
    config: { access: { public: true } },
    schema: {
      tags: pub,
      summary: 'Procedures per unit and field, and the online-service coverage rate (full + partial over all)',
      querystring: z.strictObject({ unit: z.string().trim().max(32).optional() }),
      response: responses(200, CatalogStats),
    },
    handler: async (req) => catalog.statistics(ctx(req), req.query.unit),
  });

  // ------------------------------------------------------------ staff
  r.get('/api/v1/admin/procedures', {
    config: { access: { permission: 'catalog.read' } },
    schema: {
      tags: admin,
      summary: 'Searches every procedure, published or not',
      querystring: ProcedureSearch.extend({ active: z.enum(['true', 'false']).optional() }),
      response: responses(200, z.object({ total: z.number().int(), items: z.array(ProcedureSummary.extend({ active: z.boolean(), version: z.number().int() })) })),
    },
    handler: async (req) => catalog.searchStaff(ctx(req), req.query),
  });
  r.get('/api/v1/admin/procedures/:code', {
    config: { access: { permission: 'catalog.read' } },
    schema: { tags: admin, summary: 'One procedure, published or not, with its form templates', params: CodeParams, response: responses(200, Procedure.extend({ forms: ProcedureDetail.shape.forms })) },
    handler: async (req) => catalog.getForStaff(ctx(req), req.params.code),
  });
  r.post('/api/v1/procedures', {
    config: { access: { permission: 'catalog.write' } },
    schema: { tags: admin, summary: 'Adds a procedure to the catalog (province-wide admins)', body: ProcedureInput, response: responses(201, Procedure) },
    handler: async (req, reply) => reply.code(201).send(await catalog.createProcedure(ctx(req), req.body)),
  });
  r.put('/api/v1/procedures/:code', {
    config: { access: { permission: 'catalog.write' } },
    schema: {
      tags: admin,
      summary: 'Replaces a procedure; `version` is the one it was read at',
      params: CodeParams,
      body: ProcedureInput.extend({ version: z.number().int().min(1) }),
      response: responses(200, Procedure),
    },
    handler: async (req) => catalog.updateProcedure(ctx(req), req.params.code, req.body),
  });
  r.post('/api/v1/procedures/:code/forms', {
    config: { access: { permission: 'catalog.write' } },
    bodyLimit: FORM_LIMIT,
    schema: {
      tags: admin,
      summary: 'Uploads a form template: the raw file as the body (PDF, DOC or DOCX), its name in ?fileName=',
      params: CodeParams,
      querystring: z.strictObject({ fileName: z.string().trim().min(1).max(200) }),
      response: responses(201, z.object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string() })),
    },
    handler: async (req, reply) => {
      const content = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
      return reply.code(201).send(await catalog.addForm(ctx(req), req.params.code, { fileName: req.query.fileName, contentType, content }));
    },
  });
  r.delete('/api/v1/procedures/:code/forms/:id', {
    config: { access: { permission: 'catalog.write' } },
    schema: { tags: admin, summary: 'Removes a form template no document links to', params: FormParams, response: noContent },
    handler: async (req, reply) => {
      await catalog.removeForm(ctx(req), req.params.code, req.params.id);
      return reply.code(204).send(null);
    },
  });
  r.get('/api/v1/admin/procedures/:code/forms/:id', {
    config: { access: { permission: 'catalog.read' } },
    schema: { tags: admin, summary: 'Downloads a form template of any procedure (attachment)', params: FormParams },
    handler: async (req, reply) => {
      const form = await catalog.formFile(ctx(req), req.params.code, req.params.id, false);
      return attachment(reply, form.fileName, form.contentType).send(form.content);
    },
  });
  r.put('/api/v1/catalog/fields/:code', {
    config: { access: { permission: 'catalog.write' } },
    schema: {
      tags: admin,
      summary: 'Adds or renames a field',
      params: z.strictObject({ code: FieldInput.shape.code }),
      body: FieldInput.omit({ code: true }),
      response: responses(200, z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() })),
    },
    handler: async (req) => catalog.upsertField(ctx(req), { ...req.body, code: req.params.code }),
  });
  r.post('/api/v1/catalog/import', {
    config: { access: { permission: 'catalog.write' } },
    bodyLimit: IMPORT_LIMIT,
    schema: {
      tags: admin,
      summary: 'Imports procedures (JSON body, or text/csv); idempotent by code; with any bad row nothing is written',
      querystring: z.strictObject({ format: z.enum(['json', 'csv']), dryRun: z.enum(['true', 'false']).default('false') }),
      response: responses(200, ImportReport),
    },
    handler: async (req) => {
      const text = typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? null);
      return catalog.importCatalog(ctx(req), req.query.format, text, req.query.dryRun === 'true');
    },
  });
  r.get('/api/v1/catalog/export', {
    config: { access: { permission: 'catalog.read' } },
    schema: {
      tags: admin,
      summary: 'Exports every procedure as JSON or CSV (both import back unchanged) or XLSX',
      querystring: z.strictObject({ format: z.enum(['json', 'csv', 'xlsx']) }),
    },
    handler: async (req, reply) => {
      const { fields, procedures } = await catalog.exportInputs(ctx(req));
      const stamp = deps.clock.now().toISOString().slice(0, 10);
      if (req.query.format === 'json') {
        return attachment(reply, `danh-muc-thu-tuc-${stamp}.json`, 'application/json; charset=utf-8').send(JSON.stringify({ fields, procedures }, null, 1));
      }
      if (req.query.format === 'csv') {
        return attachment(reply, `danh-muc-thu-tuc-${stamp}.csv`, 'text/csv; charset=utf-8').send(catalog.writeCsv(procedures));
      }
      const t = translator(req.locale);
      const fieldName = new Map(fields.map((f) => [f.code, req.locale === 'en' ? (f.nameEn ?? f.name) : f.name]));
      const columns = ['code', 'name', 'field', 'level', 'settlement', 'fees', 'online', 'legalBasis', 'active'] as const;
      const rows = procedures.map((p) => [
        p.code,
        req.locale === 'en' ? (p.nameEn ?? p.name) : p.name,
        fieldName.get(p.field) ?? p.field,
        t(`catalogExport.level.${p.level}`),
        p.settlement.kind === 'same_day' ? t('catalogExport.settlement.same_day') : t(`catalogExport.settlement.${p.settlement.kind}`, { amount: p.settlement.amount }),
        p.fees.map((f) => `${req.locale === 'en' ? (f.labelEn ?? f.label) : f.label}: ${f.amountVnd}`).join('; '),
        t(`catalogExport.online.${p.onlineLevel}`),
        p.legalBasis ?? '',
        p.active ? t('catalogExport.yes') : t('catalogExport.no'),
      ]);
      const header = columns.map((c) => ({ value: t(`catalogExport.columns.${c}`), fontWeight: 'bold' as const }));
      const file = await writeXlsxFile([header, ...rows.map((row) => row.map((value) => ({ value })))], { sheet: t('catalogExport.sheet') }).toBuffer();
      return attachment(reply, `${t('catalogExport.fileName')}-${stamp}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(file);
    },
  });
}
