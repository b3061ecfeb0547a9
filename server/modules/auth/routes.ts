import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../../contracts/roles.js';
import { requireSession, serviceContext, sessionCookieName } from '../../http/access.js';
import type { AppDeps } from '../../http/context.js';
import { PERMISSIONS } from '../../http/permissions.js';
import { noContent, responses } from '../../http/schemas.js';
import { ABSOLUTE_TIMEOUT_MS } from './credentials.js';
import { PASSWORD_MAX } from './passwords.js';
import * as auth from './service.js';

export const Me = z.object({
  staff: z.object({
    id: z.uuid(),
    username: z.string(),
    fullName: z.string(),
    title: z.string().nullable(),
    position: z.string().nullable(),
    unitId: z.uuid(),
    unitName: z.string(),
  }),
  roles: z.array(z.object({ role: Role, unitId: z.uuid(), unitName: z.string() })),
  permissions: z.array(z.enum(PERMISSIONS)),
  totpEnabled: z.boolean(),
  totpEnrolmentRequired: z.boolean(),
  mustChangePassword: z.boolean(),
  csrfToken: z.string().describe('Send as the x-csrf-token header on every unsafe request'),
});

const SignIn = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(PASSWORD_MAX * 4),
  totpCode: z.string().trim().max(10).optional(),
});

export function authRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieName = sessionCookieName(deps.config.secureCookies);
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(cookieName, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.secureCookies,
      maxAge: ABSOLUTE_TIMEOUT_MS / 1000,
    });
  const tags = ['auth'];

  r.post('/api/v1/auth/login', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Staff sign-in (password, then TOTP code when enrolled)', body: SignIn, response: responses(200, Me) },
    handler: async (req, reply) => {
      const { token, me } = await auth.signIn(serviceContext(deps, req), req.body);
      setCookie(reply, token);
      return me;
    },
  });

  r.post('/api/v1/auth/logout', {
    config: { access: { session: true, pending: true } },
    schema: { tags, summary: 'Sign out: revokes the session', response: noContent },
    handler: async (req, reply) => {
      await auth.signOut(serviceContext(deps, req), requireSession(req));
      reply.clearCookie(cookieName, { path: '/', secure: deps.config.secureCookies });
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/auth/me', {
    config: { access: { session: true, pending: true } },
    schema: { tags, summary: 'The signed-in staff member, their roles and permissions', response: responses(200, Me) },
    handler: async (req) => auth.me(serviceContext(deps, req), requireSession(req)),
  });

  r.post('/api/v1/auth/totp/setup', {
    config: { access: { session: true, pending: true } },
    schema: {
      tags,
      summary: 'Starts TOTP enrolment: a new secret and its QR code',
      response: responses(200, z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() })),
    },
    handler: async (req) => auth.startTotpEnrolment(serviceContext(deps, req), requireSession(req)),
  });

  r.post('/api/v1/auth/totp/confirm', {
    config: { access: { session: true, pending: true } },
    schema: {
      tags,
      summary: 'Confirms TOTP enrolment with a current code',
      body: z.strictObject({ code: z.string().trim().regex(/^\d{6}$/) }),
      response: responses(200, Me),
    },
    handler: async (req) => auth.confirmTotpEnrolment(serviceContext(deps, req), requireSession(req), req.body.code),
  });

  r.post('/api/v1/auth/password', {
    config: { access: { session: true, pending: true } },
    schema: {
      tags,
      summary: 'Changes the password; other sessions are revoked',
      body: z.strictObject({ currentPassword: z.string().min(1).max(PASSWORD_MAX * 4), newPassword: z.string().max(PASSWORD_MAX * 4) }),
      response: noContent,
    },
    handler: async (req, reply) => {
      await auth.changePassword(serviceContext(deps, req), requireSession(req), req.body);
      return reply.code(204).send(null);
    },
  });
}
