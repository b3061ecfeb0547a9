import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ACTION_BODIES,
  Action,
  type ActionBody,
  DigitisedInput,
  Dossier,
  DossierAlert,
  DossierList,
  DossierListQuery,
  HistoryEntry,
  InboxCounts,
  IntakeInput,
  IntakeResult,
  LookupInput,
  LookupResult,
  SecretResult,
} from '../../../contracts/dossiers.js';
import { serviceContext } from '../../http/access.js';
import type { AppDeps } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { responses } from '../../http/schemas.js';
import { UPLOAD_CONTENT_TYPES, UPLOAD_LIMIT_BYTES, UPLOAD_TYPES, type UploadContentType } from '../documents/storage/upload.js';
import * as issue from '../documents/issue.js';
import { dossierImportRoutes } from './import-routes.js';
import * as dossiers from './service.js';

const CodeParams = z.strictObject({ code: z.string().trim().min(1).max(40) });
const ActionParams = CodeParams.extend({ action: Action });
const FileParams = CodeParams.extend({ id: z.uuid() });
const DocumentParams = CodeParams.extend({ index: z.coerce.number().int().min(0).max(99) });
const FileQuery = z.strictObject({ document: z.coerce.number().int().min(0).max(99) });
const FileMeta = z.object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), size: z.number().int(), sha256: z.string() });
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().trim().min(8).max(100).optional() });

export async function dossierRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(async (scope) => {
    // Fastify refuses a larger body with 413 before buffering it (Content-Length, or as the bytes arrive).
    scope.addContentTypeParser(UPLOAD_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES }, (_req, body, done) => done(null, body));
    routes(scope, deps);
  });
  await dossierImportRoutes(app, deps);
}

function routes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof serviceContext>[1]) => serviceContext(deps, req);
  const tags = ['dossiers'];

  r.post('/api/v1/dossiers', {
    config: { access: { permission: 'dossier.intake' } },
    schema: {
      tags,
      summary: 'Receives a dossier at the desk: accepted (code, appointment, receipt), incomplete (request for supplementation) or refused',
      description:
        'Requires an `Idempotency-Key` header (8–100 characters, unique per submission): a retry with the same key and body answers 200 with the same dossier and secret instead of creating a second one; the same key with another body answers 422 IDEMPOTENCY_KEY_REUSED. `secret` is the lookup secret to print on the receipt; it is not shown again.',
      headers: IdempotencyHeaders,
      body: IntakeInput,
      response: { ...responses(201, IntakeResult), 200: IntakeResult },
    },
    handler: async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (!key) throw new DomainError('IDEMPOTENCY_KEY_REQUIRED');
      const { created, result } = await dossiers.intake(ctx(req), key, req.body);
      return reply.code(created ? 201 : 200).send(result);
    },
  });

  r.get('/api/v1/dossiers', {
    config: { access: { permission: 'dossier.read' } },
    schema: {
      tags,
      summary: 'Lists the dossiers in the officer\'s scope: an inbox view, filters, search by code, applicant name (diacritics ignored) or ID number',
      querystring: DossierListQuery,
      response: responses(200, DossierList),
    },
    handler: async (req) => dossiers.list(ctx(req), req.query as Parameters<typeof dossiers.list>[1]),
  });

  r.get('/api/v1/dossiers/inbox', {
    config: { access: { permission: 'dossier.read' } },
    schema: { tags, summary: 'Counts of the officer\'s inbox views (open dossiers)', response: responses(200, InboxCounts) },
    handler: async (req) => ({ counts: await dossiers.inbox(ctx(req)) }),
  });

  r.get('/api/v1/dossiers/alerts', {
    config: { access: { permission: 'dossier.read' } },
    schema: {
      tags,
      summary: 'Deadline alerts of the last 30 days for the officer (overdue, due within a working day, online dossiers waiting), newest first',
      response: responses(200, z.object({ items: z.array(DossierAlert) })),
    },
    handler: async (req) => ({ items: await dossiers.alerts(ctx(req)) }),
  });

  r.get('/api/v1/dossiers/:code', {
    config: { access: { permission: 'dossier.read' } },
    schema: { tags, summary: 'A dossier with its documents, due dates and the actions the officer may take now (read is audited)', params: CodeParams, response: responses(200, Dossier) },
    handler: async (req) => dossiers.getDossier(ctx(req), req.params.code),
  });

  r.get('/api/v1/dossiers/:code/history', {
    config: { access: { permission: 'dossier.read' } },
    schema: { tags, summary: 'Every transition of the dossier (the processing control slip)', params: CodeParams, response: responses(200, z.object({ items: z.array(HistoryEntry) })) },
    handler: async (req) => ({ items: await dossiers.history(ctx(req), req.params.code) }),
  });

  r.post('/api/v1/dossiers/:code/actions/:action', {
    config: { access: { permission: 'dossier.process' } },
    schema: {
      tags,
      summary: 'Takes a workflow action; the body carries the version the client saw (409 VERSION_CONFLICT when someone acted first)',
      description:
        'Actions: accept, refuse_intake, assign, forward, send_back, request_supplement, receive_supplement, consult, answer_consultation, transfer, approve, reject, sign, request_payment, record_payment, stop, withdraw (the applicant’s written request to withdraw, recorded at the desk: ends stopped like stop, counted apart in the reports), extend, return_result. Each is allowed only from certain steps (409 DOSSIER_TRANSITION_INVALID) and to certain roles of the receiving, settling or consulted unit (403 DOSSIER_ROLE_FORBIDDEN). An imported dossier (historical import) is read-only: 409 DOSSIER_IMPORTED.',
      params: ActionParams,
      body: z.looseObject({ version: z.number().int().min(1) }).describe('The version the client saw, plus the fields of the action (ACTION_BODIES in contracts/dossiers.ts)'),
      response: responses(200, Dossier),
    },
    handler: async (req) => {
      const schema = ACTION_BODIES[req.params.action];
      const parsed = schema.safeParse(req.body);
      if (!parsed.success) {
        throw new DomainError('VALIDATION_FAILED', {
          issues: parsed.error.issues.map((i) => ({ in: 'body', path: `/${i.path.join('/')}`, code: i.code, message: i.message })),
        });
      }
      // Signing issues the signed result, returning issues the courtesy letter: the documents module takes both actions with their documents.
      if (req.params.action === 'sign') return issue.signResult(ctx(req), deps, req.params.code, parsed.data as ActionBody<'sign'>);
      if (req.params.action === 'return_result') return issue.returnResult(ctx(req), deps, req.params.code, parsed.data as ActionBody<'return_result'>);
      return dossiers.act(ctx(req), req.params.code, req.params.action, parsed.data as never);
    },
  });

  r.post('/api/v1/dossiers/:code/secret', {
    config: { access: { permission: 'dossier.intake' } },
    schema: { tags, summary: 'Issues a new lookup secret for a lost receipt (the old one stops working)', params: CodeParams, response: responses(200, SecretResult) },
    handler: async (req) => dossiers.reissueSecret(ctx(req), req.params.code),
  });

  r.post('/api/v1/dossiers/:code/files', {
    config: { access: { permission: 'dossier.process' } },
    schema: {
      tags,
      summary: 'Attaches a scan (PDF, JPEG or PNG, up to 10 MB; raw body; file name in the URI-encoded x-file-name header) to a document of the dossier',
      params: CodeParams,
      querystring: FileQuery,
      response: responses(201, FileMeta),
    },
    handler: async (req, reply) => {
      const raw = req.headers['x-file-name'];
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      // A name without an extension (or no name) takes the declared type's; a name with another extension is checked against the bytes.
      const given = typeof raw === 'string' && raw ? safeDecode(raw).slice(0, 200) : 'scan';
      const fileName = /\.[A-Za-z0-9]{1,5}$/.test(given) ? given : `${given}${UPLOAD_TYPES[contentType as UploadContentType]?.extension ?? ''}`;
      const file = await dossiers.addFile(ctx(req), deps.storage, req.params.code, req.query.document, { fileName, contentType, content: req.body as Buffer });
      return reply.code(201).send(file);
    },
  });

  r.get('/api/v1/dossiers/:code/files/:id', {
    config: { access: { permission: 'dossier.read' } },
    schema: { tags, summary: 'Downloads a scan (audited)', params: FileParams },
    handler: async (req, reply) => {
      const file = await dossiers.fileOf(ctx(req), deps.storage, req.params.code, req.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(file.content);
    },
  });

  r.put('/api/v1/dossiers/:code/documents/:index/digitised', {
    config: { access: { permission: 'dossier.process' } },
    schema: {
      tags,
      summary: 'Marks a received document as digitised (scanned, linked to the dossier, reusable), or not',
      description: 'Needs a scan of that document (422 DOSSIER_DOCUMENT_NOT_SCANNED otherwise). Audited; not a step of the workflow, so the dossier keeps its version.',
      params: DocumentParams,
      body: DigitisedInput,
      response: responses(200, Dossier),
    },
    handler: async (req) => dossiers.setDigitised(ctx(req), req.params.code, req.params.index, req.body.digitised),
  });

  r.post('/api/v1/public/lookup', {
    config: { access: { public: true } },
    schema: {
      tags: ['public'],
      summary: 'Looks up a dossier by code and lookup secret (in the body, never the URL); no personal data; 30 requests a minute per address',
      description: 'A wrong code and a wrong secret get the same 404 LOOKUP_NOT_FOUND.',
      body: LookupInput,
      response: responses(200, LookupResult),
    },
    handler: async (req) => dossiers.lookup(ctx(req), req.body),
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
