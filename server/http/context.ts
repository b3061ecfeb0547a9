import type { Database } from '../db/client.js';
import type { Config } from '../config.js';
import type { DocumentDeps } from '../modules/documents/deps.js';
import { DomainError } from './errors.js';
import type { Permission, RoleGrant } from './permissions.js';

/** Where "now" comes from; tests move time with a settable clock. */
export type Clock = { now: () => Date };
export const systemClock: Clock = { now: () => new Date() };

export type AppDeps = {
  config: Config;
  database: Database;
  clock: Clock;
} & DocumentDeps;

/** The signed-in staff member behind a request. */
export type StaffActor = {
  kind: 'staff';
  staffId: string;
  username: string;
  unitId: string;
  sessionId: string;
  grants: RoleGrant[];
  /** Unit ids whose subtrees the actor may act on with a permission. */
  scope: (permission: Permission) => string[];
};
/** A citizen signed in on the portal (auth/citizen-sessions.ts): sees only their own dossiers. */
export type CitizenActor = { kind: 'citizen'; citizenId: string; sessionId: string };
export type SystemActor = { kind: 'system' };
export type AnonymousActor = { kind: 'anonymous' };
export type Actor = StaffActor | CitizenActor | SystemActor | AnonymousActor;

/** What a service function receives: the database, the clock, who acts and from where. */
export type ServiceContext = {
  database: Database;
  clock: Clock;
  actor: Actor;
  ip: string | null;
};

/** The signed-in staff member acting, or 401 AUTH_REQUIRED for anyone else (for staff-only service functions). */
export function staffActor(ctx: ServiceContext): StaffActor {
  if (ctx.actor.kind !== 'staff') throw new DomainError('AUTH_REQUIRED');
  return ctx.actor;
}

/** The signed-in citizen acting, or 401 AUTH_REQUIRED for anyone else (for portal service functions). */
export function citizenActor(ctx: ServiceContext): CitizenActor {
  if (ctx.actor.kind !== 'citizen') throw new DomainError('AUTH_REQUIRED');
  return ctx.actor;
}
