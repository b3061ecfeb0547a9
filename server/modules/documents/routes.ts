import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Certificate,
  CertificateList,
  CertificateUpload,
  FormKind,
  GeneratedDocumentList,
  LetterStats,
  VerificationCode,
  VerifyResult,
  VerifyUploadResult,
} from '../../../contracts/documents.js';
import { serviceContext } from '../../http/access.js';
import type { AppDeps } from '../../http/context.js';
import { responses } from '../../http/schemas.js';
import * as documents from './service.js';
import * as forms from './forms.js';
import * as issue from './issue.js';
import { UPLOAD_LIMIT_BYTES } from './storage/upload.js';

const CodeParams = z.strictObject({ code: z.string().trim().min(1).max(40) });
const DocumentParams = CodeParams.extend({ id: z.uuid() });
const FormParams = CodeParams.extend({ form: FormKind });
const FormQuery = z.strictObject({ lang: z.enum(['vi', 'en']).default('vi') });
const ReceiptBody = z.strictObject({ secret: z.string().trim().min(1).max(64).optional(), lang: z.enum(['vi', 'en']).default('vi') });
const UnitParams = z.strictObject({ unitId: z.uuid() });
const VerifyParams = z.strictObject({ code: VerificationCode });
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const LettersQuery = z.strictObject({ from: Month, to: Month });
const TemplateQuery = z.strictObject({ kind: z.enum(issue.TEMPLATE_KINDS), procedure: z.string().trim().min(1).max(40), unit: z.string().trim().min(1).max(32).optional() });
const ResultFields = z.object({ fields: z.array(z.object({ name: z.string(), label: z.string() })) });

const pdfHeaders = (fileName: string) => ({
  'content-type': 'application/pdf',
  'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
});

export async function documentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(async (scope) => {
    // A PDF to check against what was issued: refused with 413 before it is buffered when larger than an upload may be.
    scope.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES }, (_req, body, done) => done(null, body));
    routes(scope, deps);
  });
}

function routes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof serviceContext>[1]) => serviceContext(deps, req);
  const tags = ['documents'];

  r.get('/api/v1/admin/units/:unitId/certificates', {
    config: { access: { permission: 'documents.admin' } },
    schema: { tags, summary: "A unit's signing certificates, the active one first (never the file or its password)", params: UnitParams, response: responses(200, CertificateList) },
    handler: async (req) => ({ items: await documents.listCertificates(ctx(req), req.params.unitId) }),
  });

  r.post('/api/v1/admin/units/:unitId/certificates', {
    config: { access: { permission: 'documents.admin' } },
    schema: {
      tags,
      summary: "Uploads a unit's signing certificate (PKCS#12, base64, with its password); it replaces the active one",
      description:
        'The password is sealed with the server key (AES-256-GCM) and never returned. 422 CERTIFICATE_INVALID (not a PKCS#12 with a key), CERTIFICATE_PASSWORD_WRONG, CERTIFICATE_EXPIRED (outside its validity now).',
      params: UnitParams,
      body: CertificateUpload,
      response: responses(201, Certificate),
    },
    handler: async (req, reply) => reply.code(201).send(await documents.uploadCertificate(ctx(req), deps, req.params.unitId, req.body)),
  });

  r.get('/api/v1/dossiers/:code/documents', {
    config: { access: { permission: 'dossier.read' } },
    schema: { tags, summary: 'Documents issued for the dossier: the signed result, courtesy letters', params: CodeParams, response: responses(200, GeneratedDocumentList) },
    handler: async (req) => ({ items: await documents.documentsOf(ctx(req), req.params.code) }),
  });

  r.get('/api/v1/dossiers/:code/documents/:id', {
    config: { access: { permission: 'dossier.read' } },
    schema: { tags, summary: 'Downloads an issued document (PDF; audited)', params: DocumentParams },
    handler: async (req, reply) => {
      const file = await documents.documentFile(ctx(req), deps.storage, req.params.code, req.params.id);
      return reply.headers(pdfHeaders(file.fileName)).send(file.content);
    },
  });

  r.get('/api/v1/dossiers/:code/result-fields', {
    config: { access: { permission: 'dossier.read' } },
    schema: {
      tags,
      summary: "The values the result template needs beyond the dossier's data: the signing leader types them (`resultValues` of the sign action)",
      params: CodeParams,
      response: responses(200, ResultFields),
    },
    handler: async (req) => ({ fields: await issue.resultFields(ctx(req), req.params.code) }),
  });

  r.get('/api/v1/dossiers/:code/forms/:form', {
    config: { access: { permission: 'dossier.read' } },
    schema: {
      tags,
      summary: 'A one-stop form of the dossier as it stands, as PDF (receipt, request for supplementation, refusal, apology and extension, notice of stopping, processing control slip)',
      description: '409 FORM_NOT_AVAILABLE when the form does not apply to the dossier (a refusal of an accepted dossier…). The receipt printed from here has a QR code of the lookup page without the secret (the secret is shown once: POST the receipt with it).',
      params: FormParams,
      querystring: FormQuery,
    },
    handler: async (req, reply) => {
      const pdf = await forms.renderForm(ctx(req), deps, req.params.code, req.params.form, { lang: req.query.lang });
      return reply.headers(pdfHeaders(`${req.params.code}-${req.params.form}.pdf`)).send(pdf);
    },
  });

  r.post('/api/v1/dossiers/:code/forms/receipt', {
    config: { access: { permission: 'dossier.read' } },
    schema: {
      tags,
      summary: 'The receipt and appointment slip as PDF, its QR code carrying the lookup secret given in the body (never in a URL)',
      params: CodeParams,
      body: ReceiptBody,
    },
    handler: async (req, reply) => {
      const pdf = await forms.renderForm(ctx(req), deps, req.params.code, 'receipt', { lang: req.body.lang, secret: req.body.secret });
      return reply.headers(pdfHeaders(`${req.params.code}-receipt.pdf`)).send(pdf);
    },
  });

  r.get('/api/v1/admin/templates', {
    config: { access: { permission: 'documents.admin' } },
    schema: {
      tags,
      summary: "The template in force for a procedure's result or courtesy letter (the unit's, else the province's, else the built-in one), with the fields it may use",
      querystring: TemplateQuery,
      response: responses(200, issue.TemplateView),
    },
    handler: async (req) => issue.getTemplate(ctx(req), req.query.kind, req.query.procedure, req.query.unit ?? null),
  });

  r.put('/api/v1/admin/templates', {
    config: { access: { permission: 'documents.admin' } },
    schema: {
      tags,
      summary: "Saves a procedure's result or letter template (province-wide without `unitCode`, which needs the grant at the root unit)",
      description:
        'A placeholder `{{field}}` must be one of the fields the template may use (GET answers them as `allowedFields`; a result template adds its `inputs`, which the signing leader types): otherwise 422 TEMPLATE_UNKNOWN_FIELD naming them, and nothing is saved. `version` is the one read (absent for a first template); a stale one answers 409.',
      body: issue.TemplateUpdate,
      response: responses(200, issue.TemplateView),
    },
    handler: async (req) => issue.putTemplate(ctx(req), req.body),
  });

  r.get('/api/v1/documents/letters/stats', {
    config: { access: { permission: 'dossier.read' } },
    schema: { tags, summary: 'Courtesy letters issued per unit and month (Vietnam time), within the officer’s scope', querystring: LettersQuery, response: responses(200, LetterStats) },
    handler: async (req) => documents.letterStats(ctx(req), req.query.from, req.query.to),
  });

  r.get('/api/v1/public/verify/:code', {
    config: { access: { public: true } },
    schema: {
      tags: ['public'],
      summary: 'Whether a document with this verification code was issued: by whom, when it was signed, its SHA-256 (no personal data); 60 requests a minute per address',
      params: VerifyParams,
      response: responses(200, VerifyResult),
    },
    handler: async (req) => documents.verify(ctx(req), req.params.code),
  });

  r.post('/api/v1/public/verify/:code', {
    config: { access: { public: true } },
    schema: {
      tags: ['public'],
      summary: 'Checks a PDF (raw body, application/pdf, up to 10 MB) against the document issued under the code, and reads its signature',
      params: VerifyParams,
      response: responses(200, VerifyUploadResult),
    },
    handler: async (req) => documents.verifyUpload(ctx(req), req.params.code, req.body as Buffer),
  });
}
