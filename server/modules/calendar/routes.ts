import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CalendarCode,
  CalendarDays,
  CalendarDaysQuery,
  CalendarDecision,
  CalendarDecisionCreate,
  CalendarDecisionsQuery,
  CalendarSettings,
  CalendarSettingsUpdate,
  DueAnswer,
  DueQuery,
} from '../../../contracts/calendar.js';
import { serviceContext } from '../../http/access.js';
import type { AppDeps } from '../../http/context.js';
import { noContent, responses } from '../../http/schemas.js';
import * as calendar from './service.js';

const CodeParams = z.strictObject({ unitCode: CalendarCode });
const DecisionParams = z.strictObject({ unitCode: CalendarCode, id: z.uuid() });
const VersionQuery = z.strictObject({ version: z.coerce.number().int().min(1) });

export function calendarRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof serviceContext>[1]) => serviceContext(deps, req);
  const tags = ['calendar'];

  r.get('/api/v1/calendar/:unitCode/due', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'Due date of a period received at `start` (default now): exactly one of days, hours, sameDay=true, calendarDays',
      description:
        'Working days and hours count working time in the unit’s calendar (one working day = 8 working hours); a start outside working time counts from the next working moment. `default` is the national calendar. Encode "+" in the offset as %2B.',
      params: CodeParams,
      querystring: DueQuery,
      response: responses(200, DueAnswer),
    },
    handler: async (req) => calendar.due(ctx(req), req.params.unitCode, req.query),
  });
  r.get('/api/v1/calendar/:unitCode/days', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'The year’s non-working days (holidays, days in lieu, decided days off) with their reasons, and decided working days',
      params: CodeParams,
      querystring: CalendarDaysQuery,
      response: responses(200, CalendarDays),
    },
    handler: async (req) => calendar.days(ctx(req), req.params.unitCode, req.query.year),
  });

  r.get('/api/v1/calendar/:unitCode/settings', {
    config: { access: { permission: 'calendar.write' } },
    schema: { tags, summary: 'Working-time settings in effect, own or inherited', params: CodeParams, response: responses(200, CalendarSettings) },
    handler: async (req) => calendar.getSettings(ctx(req), req.params.unitCode),
  });
  r.put('/api/v1/calendar/:unitCode/settings', {
    config: { access: { permission: 'calendar.write' } },
    schema: {
      tags,
      summary: 'Saves the calendar’s own settings (`version`: as read, null when they were inherited)',
      params: CodeParams,
      body: CalendarSettingsUpdate,
      response: responses(200, CalendarSettings),
    },
    handler: async (req) => calendar.updateSettings(ctx(req), req.params.unitCode, req.body),
  });
  r.delete('/api/v1/calendar/:unitCode/settings', {
    config: { access: { permission: 'calendar.write' } },
    schema: {
      tags,
      summary: 'Removes a unit’s own settings so that it inherits again (not for `default`)',
      params: CodeParams,
      querystring: VersionQuery,
      response: responses(200, CalendarSettings),
    },
    handler: async (req) => calendar.resetSettings(ctx(req), req.params.unitCode, req.query.version),
  });
  r.get('/api/v1/calendar/:unitCode/decisions', {
    config: { access: { permission: 'calendar.write' } },
    schema: {
      tags,
      summary: 'Official decisions that apply to the calendar (national, ancestors’, own), optionally of one year',
      params: CodeParams,
      querystring: CalendarDecisionsQuery,
      response: responses(200, z.object({ items: z.array(CalendarDecision) })),
    },
    handler: async (req) => ({ items: await calendar.listDecisions(ctx(req), req.params.unitCode, req.query.year) }),
  });
  r.post('/api/v1/calendar/:unitCode/decisions', {
    config: { access: { permission: 'calendar.write' } },
    schema: {
      tags,
      summary: 'Records an official decision: a day off or a working day on one date',
      params: CodeParams,
      body: CalendarDecisionCreate,
      response: responses(201, CalendarDecision),
    },
    handler: async (req, reply) => reply.code(201).send(await calendar.addDecision(ctx(req), req.params.unitCode, req.body)),
  });
  r.delete('/api/v1/calendar/:unitCode/decisions/:id', {
    config: { access: { permission: 'calendar.write' } },
    schema: { tags, summary: 'Removes one of the calendar’s own decisions', params: DecisionParams, response: noContent },
    handler: async (req, reply) => {
      await calendar.removeDecision(ctx(req), req.params.unitCode, req.params.id);
      return reply.code(204).send(null);
    },
  });
}
