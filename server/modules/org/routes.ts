import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Counter, CounterCreate, Staff, StaffCreate, StaffListQuery, StaffUpdate, Unit, UnitCreate, UnitUpdate } from '../../../contracts/org.js';
import { serviceContext } from '../../http/access.js';
import type { AppDeps } from '../../http/context.js';
import { IdParams, VersionBody, responses } from '../../http/schemas.js';
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
