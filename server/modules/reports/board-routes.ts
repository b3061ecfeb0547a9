import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Board, BoardParams } from '../../../contracts/reports.js';
import { serviceContext } from '../../http/access.js';
import type { AppDeps } from '../../http/context.js';
import { responses } from '../../http/schemas.js';
import { board } from './board.js';

const DESCRIPTION =
  'The public transparency board: this year\'s and this month\'s headline figures of the unit and the units under it (the same as the statistics\' total row), ' +
  'the online coverage of its procedures and the apologies for late dossiers (per month, top 10 procedures). Aggregates only. ' +
  'Cached 60 s (computed at most once a minute per unit, `asOf` = when); 429 RATE_LIMITED beyond 120 requests a minute per address; 404 UNIT_NOT_FOUND for an unknown or inactive unit.';

/** Public routes of the transparency board (board.ts). */
export function boardRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports (public)'];

  r.get('/api/v1/public/board', {
    config: { access: { public: true } },
    schema: { tags, summary: 'The transparency board of the province (the root unit)', description: DESCRIPTION, response: responses(200, Board) },
    handler: async (req, reply) => {
      const body = await board(serviceContext(deps, req));
      return reply.header('cache-control', 'public, max-age=60').send(body);
    },
  });

  r.get('/api/v1/public/board/:unitCode', {
    config: { access: { public: true } },
    schema: { tags, summary: 'The transparency board of a unit (the root unit\'s code: the province)', description: DESCRIPTION, params: BoardParams, response: responses(200, Board) },
    handler: async (req, reply) => {
      const body = await board(serviceContext(deps, req), req.params.unitCode);
      return reply.header('cache-control', 'public, max-age=60').send(body);
    },
  });
}
