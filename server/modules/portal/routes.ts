import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RatingResult } from '../../../contracts/feedback.js';
import {
  ApplicationForm,
  Draft,
  DraftCreate,
  DraftList,
  DraftUpdate,
  DraftVersionQuery,
  MyDossier,
  MyDossierList,
  MyDossierListQuery,
  PORTAL_LIMITS,
  PortalRatingInput,
  SubmitInput,
  SubmitResult,
  SupplementInput,
  WithdrawInput,
  Upload,
  UploadChunkHeaders,
  UploadCreate,
} from '../../../contracts/portal.js';
import { serviceContext } from '../../http/access.js';
import type { AppDeps } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { noContent, responses } from '../../http/schemas.js';
import * as portal from './service.js';
import * as uploads from './uploads.js';

const CodeParams = z.strictObject({ code: z.string().trim().min(1).max(40) });
const IdParams = z.strictObject({ id: z.uuid() });
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().trim().min(8).max(100).optional() });
/** tus's chunk type; nothing else is taken for a chunk's bytes. */
const CHUNK_TYPE = 'application/offset+octet-stream';
const CITIZEN = { access: { citizen: true } } as const;

export async function portalRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(async (scope) => {
    // A chunk larger than the limit is refused with 413 before it is buffered.
    scope.addContentTypeParser(CHUNK_TYPE, { parseAs: 'buffer', bodyLimit: PORTAL_LIMITS.chunkBytes }, (_req, body, done) => done(null, body));
    routes(scope, deps);
  });
}

function routes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof serviceContext>[1]) => serviceContext(deps, req);
  const tags = ['portal'];

  r.get('/api/v1/portal/procedures/:code/application', {
    config: CITIZEN,
    schema: {
      tags,
      summary: 'The online application form of a procedure offered online (full or partial): applicant kinds, documents, fees, units, the applicant pre-filled from the account',
      description: '404 PROCEDURE_NOT_FOUND; 422 PORTAL_NOT_ONLINE for a procedure whose online level is none.',
      params: CodeParams,
      response: responses(200, ApplicationForm),
    },
    handler: async (req) => portal.applicationForm(ctx(req), req.params.code),
  });

  r.get('/api/v1/portal/drafts', {
    config: CITIZEN,
    schema: { tags, summary: "The citizen's open drafts, last edited first", response: responses(200, DraftList) },
    handler: async (req) => portal.listDrafts(ctx(req)),
  });

  r.post('/api/v1/portal/drafts', {
    config: CITIZEN,
    schema: {
      tags,
      summary: 'Starts an online application (a draft); the applicant defaults to the one pre-filled from the account',
      description: '422 PORTAL_NOT_ONLINE, 422 PROCEDURE_NOT_OFFERED (a unit not among the form’s), 422 APPLICANT_TYPE_MISMATCH, 422 PORTAL_DRAFT_LIMIT (20 open drafts).',
      body: DraftCreate,
      response: responses(201, Draft),
    },
    handler: async (req, reply) => reply.code(201).send(await portal.createDraft(ctx(req), req.body)),
  });

  r.get('/api/v1/portal/drafts/:id', {
    config: CITIZEN,
    schema: { tags, summary: 'A draft with each document line and its uploads', params: IdParams, response: responses(200, Draft) },
    handler: async (req) => portal.getDraft(ctx(req), req.params.id),
  });

  r.patch('/api/v1/portal/drafts/:id', {
    config: CITIZEN,
    schema: {
      tags,
      summary: 'Saves a draft: the receiving unit and/or the applicant, at the version read (409 VERSION_CONFLICT when stale)',
      params: IdParams,
      body: DraftUpdate,
      response: responses(200, Draft),
    },
    handler: async (req) => portal.updateDraft(ctx(req), req.params.id, req.body),
  });

  r.delete('/api/v1/portal/drafts/:id', {
    config: CITIZEN,
    schema: { tags, summary: 'Deletes an open draft and its uploads', params: IdParams, querystring: DraftVersionQuery, response: noContent },
    handler: async (req, reply) => {
      await portal.deleteDraft(ctx(req), deps.storage, req.params.id, req.query.version);
      return reply.code(204).send(null);
    },
  });

  r.post('/api/v1/portal/drafts/:id/submit', {
    config: CITIZEN,
    schema: {
      tags,
      summary: 'Submits a draft: an online dossier waiting for the receiving unit to accept it (8 working hours)',
      description:
        'Requires an `Idempotency-Key` header (8–100 characters): the same key for the same draft answers 200 with the same dossier; nothing is created twice. 422 PORTAL_DRAFT_INCOMPLETE (details.issues), 422 PORTAL_DOCUMENTS_MISSING (details.missing), 409 PORTAL_UPLOADS_INCOMPLETE, 409 PORTAL_DRAFT_SUBMITTED, 422 IDEMPOTENCY_KEY_REUSED.',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: SubmitInput,
      response: { ...responses(201, SubmitResult), 200: SubmitResult },
    },
    handler: async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (!key) throw new DomainError('IDEMPOTENCY_KEY_REQUIRED');
      const { created, result } = await portal.submitDraft(ctx(req), req.params.id, key, req.body);
      return reply.code(created ? 201 : 200).send(result);
    },
  });

  r.post('/api/v1/portal/uploads', {
    config: CITIZEN,
    schema: {
      tags,
      summary: 'Announces a file (name, type, size, SHA-256) for a line of a draft or of a dossier waiting for supplementation; its bytes follow by PATCH',
      description: '413 BODY_TOO_LARGE over 10 MiB, 415 DOSSIER_FILE_TYPE_NOT_ALLOWED (not PDF, JPEG or PNG, or an extension of another type), 422 PORTAL_FILE_LIMIT, 422 DOSSIER_DOCUMENTS_MISMATCH.',
      body: UploadCreate,
      response: responses(201, Upload),
    },
    handler: async (req, reply) => {
      const upload = await uploads.createUpload(ctx(req), req.body);
      return reply.code(201).header('location', `/api/v1/portal/uploads/${upload.id}`).header('upload-offset', String(upload.offset)).send(upload);
    },
  });

  // HEAD is the same route without a body (Fastify exposes it): the headers say where to resume.
  r.get('/api/v1/portal/uploads/:id', {
    config: CITIZEN,
    schema: { tags, summary: 'An upload: the offset received so far (also as Upload-Offset and Upload-Length headers; HEAD gives only those)', params: IdParams, response: responses(200, Upload) },
    handler: async (req, reply) => {
      const upload = await uploads.getUpload(ctx(req), req.params.id);
      return reply.header('upload-offset', String(upload.offset)).header('upload-length', String(upload.size)).header('cache-control', 'no-store').send(upload);
    },
  });

  r.patch('/api/v1/portal/uploads/:id', {
    config: CITIZEN,
    schema: {
      tags,
      summary: 'Appends bytes (Content-Type application/offset+octet-stream) at the Upload-Offset header, which must be the offset received so far',
      description:
        '409 UPLOAD_OFFSET_MISMATCH (details.offset: where to resume), 413 UPLOAD_LENGTH_EXCEEDED past the announced size. With the last byte the file is checked: 422 UPLOAD_CHECKSUM_MISMATCH, 415 DOSSIER_FILE_TYPE_NOT_ALLOWED, 422 UPLOAD_CORRUPT, 422 UPLOAD_ENCRYPTED — and then nothing is kept.',
      params: IdParams,
      headers: UploadChunkHeaders,
      response: responses(200, Upload),
    },
    handler: async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { expected: CHUNK_TYPE });
      const upload = await uploads.appendChunk(ctx(req), deps.storage, req.params.id, req.headers['upload-offset'], req.body);
      return reply.header('upload-offset', String(upload.offset)).send(upload);
    },
  });

  r.delete('/api/v1/portal/uploads/:id', {
    config: CITIZEN,
    schema: { tags, summary: 'Removes an upload not yet sent with a dossier (409 PORTAL_UPLOAD_USED once it is)', params: IdParams, response: noContent },
    handler: async (req, reply) => {
      await uploads.deleteUpload(ctx(req), deps.storage, req.params.id);
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/portal/dossiers', {
    config: CITIZEN,
    schema: { tags, summary: 'My dossiers: those the citizen applied for online, newest first (audited)', querystring: MyDossierListQuery, response: responses(200, MyDossierList) },
    handler: async (req) => portal.myDossiers(ctx(req), req.query as Parameters<typeof portal.myDossiers>[1]),
  });

  r.get('/api/v1/portal/dossiers/:code', {
    config: CITIZEN,
    schema: {
      tags,
      summary: 'One of my dossiers: status, step, appointment, documents, the supplementation asked for, the result, the rating, the public timeline (audited)',
      params: CodeParams,
      response: responses(200, MyDossier),
    },
    handler: async (req) => portal.myDossier(ctx(req), req.params.code),
  });

  r.post('/api/v1/portal/dossiers/:code/supplement', {
    config: CITIZEN,
    schema: {
      tags,
      summary: 'Answers a request for supplementation with the files uploaded for the dossier; the settlement time restarts',
      description: '409 PORTAL_SUPPLEMENT_NOT_OPEN, 422 PORTAL_SUPPLEMENT_EMPTY, 409 PORTAL_UPLOADS_INCOMPLETE, 409 VERSION_CONFLICT.',
      params: CodeParams,
      body: SupplementInput,
      response: responses(200, MyDossier),
    },
    handler: async (req) => portal.answerSupplement(ctx(req), req.params.code, req.body),
  });

  r.post('/api/v1/portal/dossiers/:code/withdraw', {
    config: CITIZEN,
    schema: {
      tags,
      summary: 'Withdraws my dossier before the result (Decree 118/2025), saying why: it is stopped and counted as withdrawn; the desk is told through the history',
      description: '400 VALIDATION_FAILED (reason required); 404 DOSSIER_NOT_FOUND for a dossier not mine; 409 DOSSIER_TRANSITION_INVALID once decided, final or still waiting for acceptance; 409 VERSION_CONFLICT.',
      params: CodeParams,
      body: WithdrawInput,
      response: responses(200, MyDossier),
    },
    handler: async (req) => portal.withdrawMine(ctx(req), req.params.code, req.body),
  });

  r.get('/api/v1/portal/dossiers/:code/result', {
    config: CITIZEN,
    schema: {
      tags,
      summary: 'Downloads the signed result (PDF) of my dossier, for procedures at the full online level (audited)',
      description: '409 PORTAL_RESULT_NOT_AVAILABLE with details.reason not_online, not_ready or rejected.',
      params: CodeParams,
    },
    handler: async (req, reply) => {
      const file = await portal.resultFile(ctx(req), deps.storage, req.params.code);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .header('x-checksum-sha256', file.sha256)
        .send(file.content);
    },
  });

  r.post('/api/v1/portal/dossiers/:code/rating', {
    config: CITIZEN,
    schema: {
      tags,
      summary: 'Rates my returned dossier (the five criteria), once',
      description: '409 FEEDBACK_NOT_RETURNED, 409 FEEDBACK_ALREADY_RATED.',
      params: CodeParams,
      body: PortalRatingInput,
      response: responses(201, RatingResult),
    },
    handler: async (req, reply) => reply.code(201).send(await portal.rateMine(ctx(req), req.params.code, req.body)),
  });
}
