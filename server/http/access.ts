/**
 * The access check every request passes before its body is even parsed:
 * the route's declared access (public, citizen, session, or a permission), the session
 * cookie, CSRF for unsafe methods, the pending-setup states, the permission.
 * Refusals for a missing permission are audited.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { AppDeps, ServiceContext } from './context.js';
import { DomainError } from './errors.js';
import type { Access } from './permissions.js';
import { pickLocale } from '../i18n/index.js';
import { authenticateCitizen, citizenCookieName } from '../modules/auth/citizen-sessions.js';
import { authenticate, type SessionState } from '../modules/auth/service.js';
import { safeEqual } from '../modules/auth/tokens.js';
import { recordAudit } from '../modules/audit/service.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-motcua_session' : 'motcua_session';
}

export type RouteRecord = { method: string | string[]; url: string; options: RouteOptions };

/** Registers the access hook; returns the live list of routes for the route-audit test. */
export function installAccess(app: FastifyInstance, deps: AppDeps): RouteRecord[] {
  const routes: RouteRecord[] = [];
  const cookieName = sessionCookieName(deps.config.secureCookies);
  app.decorateRequest('locale', 'vi');
  app.decorateRequest('staffSession', null);
  app.decorateRequest('citizenSession', null);
  const citizenCookie = citizenCookieName(deps.config.secureCookies);
  app.addHook('onRoute', (options) => {
    routes.push({ method: options.method, url: options.url, options });
  });

  app.addHook('onRequest', async (req) => {
    req.locale = pickLocale(req.cookies.lang, req.headers['accept-language']);
    if (UNSAFE.has(req.method) && !sameOrigin(req)) throw new DomainError('CSRF_TOKEN_INVALID', { reason: 'origin' });
    const access: Access | undefined = req.routeOptions.config.access;
    if (!access || 'public' in access) return;
    if ('citizen' in access) {
      const citizenToken = req.cookies[citizenCookie];
      const citizen = citizenToken ? await authenticateCitizen(deps.database.db, citizenToken, deps.clock.now()) : undefined;
      if (!citizen) throw new DomainError('AUTH_REQUIRED');
      checkCsrf(req, citizen.csrfToken);
      req.citizenSession = citizen;
      return;
    }

    const token = req.cookies[cookieName];
    const session = token ? await authenticate(deps.database, deps.clock, token) : undefined;
    if (!session) throw new DomainError('AUTH_REQUIRED');
    checkCsrf(req, session.csrfToken);
    req.staffSession = session;
    if ('session' in access && access.pending) return;
    if (session.totpEnrolmentRequired) throw new DomainError('AUTH_TOTP_ENROLMENT_REQUIRED');
    if (session.mustChangePassword) throw new DomainError('AUTH_PASSWORD_CHANGE_REQUIRED');
    if ('permission' in access && session.actor.scope(access.permission).length === 0) {
      await recordAudit(deps.database.db, serviceContext(deps, req), {
        action: 'access.denied',
        outcome: 'denied',
        details: { permission: access.permission, route: req.routeOptions.url ?? '' },
      });
      throw new DomainError('FORBIDDEN', { permission: access.permission });
    }
  });
  return routes;
}

function checkCsrf(req: FastifyRequest, csrfToken: string): void {
  if (!UNSAFE.has(req.method)) return;
  const sent = req.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !safeEqual(sent, csrfToken)) throw new DomainError('CSRF_TOKEN_INVALID');
}

/** A browser's cross-site unsafe request carries a foreign Origin; refuse it before anything else. */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.host;
  } catch {
    return false;
  }
}

export function serviceContext(deps: AppDeps, req: FastifyRequest): ServiceContext {
  return {
    database: deps.database,
    clock: deps.clock,
    actor: req.staffSession?.actor ?? req.citizenSession?.actor ?? { kind: 'anonymous' },
    ip: req.ip,
  };
}

export function requireSession(req: FastifyRequest): SessionState {
  if (!req.staffSession) throw new DomainError('AUTH_REQUIRED');
  return req.staffSession;
}
