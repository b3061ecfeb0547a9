import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AnswerInput,
  DossierRatingState,
  FeedbackItem,
  FeedbackItemList,
  FeedbackItemsQuery,
  HotlineInput,
  PublicRatingInput,
  RatingResult,
  RatingSummary,
  RatingSummaryQuery,
  StaffRatingInput,
  SuggestionInput,
  SuggestionReceived,
} from '../../../contracts/feedback.js';
import { serviceContext } from '../../http/access.js';
import type { AppDeps } from '../../http/context.js';
import { responses } from '../../http/schemas.js';
import * as feedback from './service.js';

const CodeParams = z.strictObject({ code: z.string().trim().min(1).max(40) });
const IdParams = z.strictObject({ id: z.uuid() });

export function feedbackRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof serviceContext>[1]) => serviceContext(deps, req);
  const tags = ['feedback'];

  r.post('/api/v1/public/ratings', {
    config: { access: { public: true } },
    schema: {
      tags: ['public'],
      summary: 'The applicant rates a returned dossier (five criteria, five-point scale) with its code and lookup secret in the body; 30 requests a minute per address',
      description: 'A wrong code and a wrong secret get the same 404 LOOKUP_NOT_FOUND; 409 FEEDBACK_NOT_RETURNED before the result is returned, 409 FEEDBACK_ALREADY_RATED the second time.',
      body: PublicRatingInput,
      response: responses(201, RatingResult),
    },
    handler: async (req, reply) => reply.code(201).send(await feedback.ratePublic(ctx(req), req.body)),
  });

  r.post('/api/v1/dossiers/:code/rating', {
    config: { access: { permission: 'dossier.process' } },
    schema: {
      tags,
      summary: "The applicant's rating entered at the counter tablet (channel `counter` unless said); once per dossier, after its return",
      params: CodeParams,
      body: StaffRatingInput,
      response: responses(201, RatingResult),
    },
    handler: async (req, reply) => reply.code(201).send(await feedback.rateAtCounter(ctx(req), req.params.code, req.body)),
  });

  r.get('/api/v1/dossiers/:code/rating', {
    config: { access: { permission: 'dossier.read' } },
    schema: {
      tags,
      summary: 'Whether the dossier has been rated: the channel and time, never the scores (`rating: null` when not yet)',
      params: CodeParams,
      response: responses(200, DossierRatingState),
    },
    handler: async (req) => feedback.ratingState(ctx(req), req.params.code),
  });

  r.get('/api/v1/feedback/ratings/summary', {
    config: { access: { permission: 'dossier.read' } },
    schema: {
      tags,
      summary: 'Ratings given between two days (Vietnam time, both included) for dossiers of units in the officer’s scope: the distribution per criterion and the share satisfied or better',
      querystring: RatingSummaryQuery,
      response: responses(200, RatingSummary),
    },
    handler: async (req) => feedback.ratingSummary(ctx(req), req.query.from, req.query.to),
  });

  r.post('/api/v1/public/suggestions', {
    config: { access: { public: true } },
    schema: {
      tags: ['public'],
      summary: 'The anonymous suggestion box (text, optional unit code and contact); 5 per 10 minutes per address',
      description: 'The contact is stored for the answering leader and never shown publicly. 429 RATE_LIMITED with Retry-After beyond the limit.',
      body: SuggestionInput,
      response: responses(201, SuggestionReceived),
    },
    handler: async (req, reply) => reply.code(201).send(await feedback.suggest(ctx(req), req.body)),
  });

  r.post('/api/v1/feedback/hotline', {
    config: { access: { permission: 'feedback.write' } },
    schema: {
      tags,
      summary: 'Logs a hotline call (summary, optional caller, the unit concerned: by default the officer’s own)',
      body: HotlineInput,
      response: responses(201, FeedbackItem),
    },
    handler: async (req, reply) => reply.code(201).send(await feedback.logHotline(ctx(req), req.body)),
  });

  r.get('/api/v1/feedback/items', {
    config: { access: { permission: 'feedback.answer' } },
    schema: {
      tags,
      summary: 'One page of the suggestions and hotline calls of units in the leader’s scope, the earliest due first, with the answer due date (10 working days) and the overdue flag',
      querystring: FeedbackItemsQuery,
      response: responses(200, FeedbackItemList),
    },
    handler: async (req) => feedback.listItems(ctx(req), req.query),
  });

  r.post('/api/v1/feedback/items/:id/answer', {
    config: { access: { permission: 'feedback.answer' } },
    schema: {
      tags,
      summary: 'Answers a suggestion or call with the version read (409 VERSION_CONFLICT when stale, 409 FEEDBACK_ALREADY_ANSWERED)',
      params: IdParams,
      body: AnswerInput,
      response: responses(200, FeedbackItem),
    },
    handler: async (req) => feedback.answerItem(ctx(req), req.params.id, req.body),
  });
}
