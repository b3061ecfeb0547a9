import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CounterUpdate,
  DayRangeQuery,
  DutyEntry,
  DutyParams,
  DutyRoster,
  DutySet,
  MAX_RANGE_DAYS,
  PublicReceptionSchedule,
  PublicUnitContacts,
  PublicUnitList,
  PublicUnitListQuery,
  ReceptionCancel,
  ReceptionCreate,
  ReceptionEntry,
  ReceptionList,
  ReceptionUpdate,
  UnitCodeParams,
} from '../../../contracts/contacts.js';
import { Counter, CounterCreate, Staff, StaffCreate, StaffListQuery, StaffUpdate, Unit, UnitCreate, UnitUpdate } from '../../../contracts/org.js';
import { serviceContext } from '../../http/access.js';
import type { AppDeps } from '../../http/context.js';
import { IdParams, VersionBody, noContent, responses } from '../../http/schemas.js';
import * as contacts from './contacts.js';
import * as org from './service.js';

const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });

export function orgRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof serviceContext>[1]) => serviceContext(deps, req);
  const units = ['org: units'];
  const staff = ['org: staff'];

  r.get('/api/v1/org/units', {
    config: { access: { permission: 'org.units.read' } },
    schema: { tags: units, summary: 'Units in the caller’s scope (flat; parentId gives the tree)', response: responses(200, items(Unit)) },
    handler: async (req) => ({ items: await org.listUnits(ctx(req)) }),
  });
  r.post('/api/v1/org/units', {
    config: { access: { permission: 'org.units.write' } },
    schema: { tags: units, summary: 'Creates a unit under a parent in scope', body: UnitCreate, response: responses(201, Unit) },
    handler: async (req, reply) => reply.code(201).send(await org.createUnit(ctx(req), req.body)),
  });
  r.get('/api/v1/org/units/:id', {
    config: { access: { permission: 'org.units.read' } },
    schema: { tags: units, summary: 'One unit', params: IdParams, response: responses(200, Unit) },
    handler: async (req) => org.getUnit(ctx(req), req.params.id),
  });
  r.patch('/api/v1/org/units/:id', {
    config: { access: { permission: 'org.units.write' } },
    schema: { tags: units, summary: 'Edits, moves, disables or enables a unit', params: IdParams, body: UnitUpdate, response: responses(200, Unit) },
    handler: async (req) => org.updateUnit(ctx(req), req.params.id, req.body),
  });
  r.get('/api/v1/org/units/:id/counters', {
    config: { access: { permission: 'org.units.read' } },
    schema: { tags: units, summary: 'Counters of a unit’s one-stop department', params: IdParams, response: responses(200, items(Counter)) },
    handler: async (req) => ({ items: await org.listCounters(ctx(req), req.params.id) }),
  });
  r.post('/api/v1/org/units/:id/counters', {
    config: { access: { permission: 'org.units.write' } },
    schema: { tags: units, summary: 'Adds a counter', params: IdParams, body: CounterCreate, response: responses(201, Counter) },
    handler: async (req, reply) => reply.code(201).send(await org.createCounter(ctx(req), req.params.id, req.body)),
  });
  contactRoutes(app, deps);

  r.get('/api/v1/org/staff', {
    config: { access: { permission: 'org.staff.read' } },
    schema: {
      tags: staff,
      summary: 'Staff in scope, filtered by unit and status (audited)',
      querystring: StaffListQuery.omit({ q: true }),
      response: responses(200, items(Staff)),
    },
    handler: async (req) => ({ items: await org.listStaff(ctx(req), req.query) }),
  });
  r.post('/api/v1/org/staff/search', {
    config: { access: { permission: 'org.staff.read' } },
    schema: {
      tags: staff,
      summary: 'Searches staff by name or username; a POST so that names never appear in URLs or access logs',
      body: StaffListQuery,
      response: responses(200, items(Staff)),
    },
    handler: async (req) => ({ items: await org.listStaff(ctx(req), req.body) }),
  });
  r.post('/api/v1/org/staff', {
    config: { access: { permission: 'org.staff.write' } },
    schema: {
      tags: staff,
      summary: 'Creates a staff account; the generated password is returned once',
      body: StaffCreate,
      response: responses(201, z.object({ staff: Staff, initialPassword: z.string() })),
    },
    handler: async (req, reply) => reply.code(201).send(await org.createStaff(ctx(req), req.body)),
  });
  r.get('/api/v1/org/staff/:id', {
    config: { access: { permission: 'org.staff.read' } },
    schema: { tags: staff, summary: 'One staff record (audited read of personal data)', params: IdParams, response: responses(200, Staff) },
    handler: async (req) => org.getStaff(ctx(req), req.params.id),
  });
  r.patch('/api/v1/org/staff/:id', {
    config: { access: { permission: 'org.staff.write' } },
    schema: { tags: staff, summary: 'Edits a staff record and its role grants', params: IdParams, body: StaffUpdate, response: responses(200, Staff) },
    handler: async (req) => org.updateStaff(ctx(req), req.params.id, req.body),
  });
  r.post('/api/v1/org/staff/:id/disable', {
    config: { access: { permission: 'org.staff.write' } },
    schema: { tags: staff, summary: 'Disables an account and ends its sessions', params: IdParams, body: VersionBody, response: responses(200, Staff) },
    handler: async (req) => org.setStaffActive(ctx(req), req.params.id, req.body.version, false),
  });
  r.post('/api/v1/org/staff/:id/enable', {
    config: { access: { permission: 'org.staff.write' } },
    schema: { tags: staff, summary: 'Enables a disabled account', params: IdParams, body: VersionBody, response: responses(200, Staff) },
    handler: async (req) => org.setStaffActive(ctx(req), req.params.id, req.body.version, true),
  });
  r.post('/api/v1/org/staff/:id/reset-password', {
    config: { access: { permission: 'org.staff.write' } },
    schema: {
      tags: staff,
      summary: 'Generates a new password (shown once), to be changed at next sign-in; ends sessions',
      params: IdParams,
      response: responses(200, z.object({ initialPassword: z.string() })),
    },
    handler: async (req) => org.resetStaffPassword(ctx(req), req.params.id),
  });
}

const RANGE = `Days are the unit's local dates, both included; at most ${String(MAX_RANGE_DAYS)} (400 VALIDATION_FAILED beyond, or when to is before from).`;

/** Counters' nameplates and roster, the reception schedule, and the public unit contacts (contacts.ts). */
function contactRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof serviceContext>[1]) => serviceContext(deps, req);
  const counters = ['org: counters and duty roster'];
  const reception = ['org: citizen reception schedule'];
  const pub = ['public'];

  r.patch('/api/v1/org/counters/:id', {
    config: { access: { permission: 'org.units.write' } },
    schema: {
      tags: counters,
      summary: 'Renames a counter, changes its fields, disables it or names its regular officer',
      description: 'The regular officer must be an active member of the counter’s unit or of a unit under it (422 STAFF_NOT_IN_UNIT). 409 VERSION_CONFLICT when stale.',
      params: IdParams,
      body: CounterUpdate,
      response: responses(200, Counter),
    },
    handler: async (req) => org.updateCounter(ctx(req), req.params.id, req.body),
  });
  r.get('/api/v1/org/units/:id/duty-roster', {
    config: { access: { permission: 'org.units.read' } },
    schema: {
      tags: counters,
      summary: 'Who sits at which counter of the unit on which day (default: a week from today)',
      description: RANGE,
      params: IdParams,
      querystring: DayRangeQuery,
      response: responses(200, DutyRoster),
    },
    handler: async (req) => contacts.dutyRoster(ctx(req), req.params.id, req.query),
  });
  r.put('/api/v1/org/counters/:id/duties/:date', {
    config: { access: { permission: 'org.units.write' } },
    schema: {
      tags: counters,
      summary: 'Sets who sits at the counter on a day (today or later); the entry wins over the regular officer',
      description: '422 DUTY_DAY_PAST for a past day; 422 STAFF_NOT_IN_UNIT for an officer outside the counter’s unit and the units under it.',
      params: DutyParams,
      body: DutySet,
      response: responses(200, DutyEntry),
    },
    handler: async (req) => contacts.setDuty(ctx(req), req.params.id, req.params.date, req.body.staffId),
  });
  r.delete('/api/v1/org/counters/:id/duties/:date', {
    config: { access: { permission: 'org.units.write' } },
    schema: { tags: counters, summary: 'Removes the day’s entry: the regular officer sits there again (idempotent)', params: DutyParams, response: noContent },
    handler: async (req, reply) => {
      await contacts.clearDuty(ctx(req), req.params.id, req.params.date);
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/org/units/:id/reception-schedule', {
    config: { access: { permission: 'org.units.read' } },
    schema: {
      tags: reception,
      summary: 'The unit’s citizen-reception sessions starting within the days (default: four weeks from today), cancelled ones included',
      description: RANGE,
      params: IdParams,
      querystring: DayRangeQuery,
      response: responses(200, ReceptionList),
    },
    handler: async (req) => contacts.receptionSchedule(ctx(req), req.params.id, req.query),
  });
  r.post('/api/v1/org/units/:id/reception-schedule', {
    config: { access: { permission: 'org.reception.write' } },
    schema: {
      tags: reception,
      summary: 'Adds a citizen-reception session: a leader (staff) or a typed-in host, the times and the place',
      description: 'Exactly one of leaderId and hostName. 422 RECEPTION_TIME_INVALID unless the end is after the start and within 24 hours; 422 STAFF_NOT_IN_UNIT.',
      params: IdParams,
      body: ReceptionCreate,
      response: responses(201, ReceptionEntry),
    },
    handler: async (req, reply) => reply.code(201).send(await contacts.createReception(ctx(req), req.params.id, req.body)),
  });
  r.patch('/api/v1/org/reception-schedule/:id', {
    config: { access: { permission: 'org.reception.write' } },
    schema: {
      tags: reception,
      summary: 'Edits a session that is not cancelled',
      description: '409 VERSION_CONFLICT when stale; 409 RECEPTION_ENTRY_CANCELLED once cancelled; a session outside the scope 404 RECEPTION_ENTRY_NOT_FOUND.',
      params: IdParams,
      body: ReceptionUpdate,
      response: responses(200, ReceptionEntry),
    },
    handler: async (req) => contacts.updateReception(ctx(req), req.params.id, req.body),
  });
  r.post('/api/v1/org/reception-schedule/:id/cancel', {
    config: { access: { permission: 'org.reception.write' } },
    schema: {
      tags: reception,
      summary: 'Cancels a session with a reason; the public schedule shows it as cancelled (sessions are never deleted)',
      params: IdParams,
      body: ReceptionCancel,
      response: responses(200, ReceptionEntry),
    },
    handler: async (req) => contacts.cancelReception(ctx(req), req.params.id, req.body),
  });

  r.get('/api/v1/public/units', {
    config: { access: { public: true } },
    schema: {
      tags: pub,
      summary: 'Active units for the public unit finder; q matches every word of the name, code or address, diacritics ignored',
      querystring: PublicUnitListQuery,
      response: responses(200, PublicUnitList),
    },
    handler: async (req) => contacts.findPublicUnits(ctx(req), req.query),
  });
  r.get('/api/v1/public/units/:code/contacts', {
    config: { access: { public: true } },
    schema: {
      tags: pub,
      summary: 'A unit’s contacts: address, phone, e-mail, hotline, opening hours, and its counters with their fields and today’s officer on duty (name and title)',
      description: 'Today is the date in the unit’s calendar time zone. Unknown or disabled units answer 404 UNIT_NOT_FOUND.',
      params: UnitCodeParams,
      response: responses(200, PublicUnitContacts),
    },
    handler: async (req) => contacts.publicContacts(ctx(req), req.params.code),
  });
  r.get('/api/v1/public/units/:code/reception-schedule', {
    config: { access: { public: true } },
    schema: {
      tags: pub,
      summary: 'The leaders’ citizen-reception sessions of a unit starting within the days (default: four weeks from today), cancelled ones marked with the reason',
      description: `${RANGE} Unknown or disabled units answer 404 UNIT_NOT_FOUND.`,
      params: UnitCodeParams,
      querystring: DayRangeQuery,
      response: responses(200, PublicReceptionSchedule),
    },
    handler: async (req) => contacts.publicReceptionSchedule(ctx(req), req.params.code, req.query),
  });
}
