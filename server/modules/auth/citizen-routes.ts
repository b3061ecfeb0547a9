/** Routes of citizens' accounts (docs/api.md "Citizen accounts"); the rules are in citizens.ts, citizen-otp.ts, citizen-oidc.ts. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CitizenAuthOptions,
  CitizenMe,
  CitizenPasswordChangeInput,
  EmailConfirmInput,
  OidcCallbackQuery,
  OidcStartQuery,
  OtpRequestInput,
  OtpSent,
  OtpSignInResult,
  OtpVerifyInput,
  PasswordSignInInput,
  ProfileUpdateInput,
  SignUpInput,
} from '../../../contracts/citizens.js';
import { serviceContext } from '../../http/access.js';
import type { AppDeps } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { ErrorBody } from '../../http/error-handler.js';
import { noContent, responses } from '../../http/schemas.js';
import { canSendOneTimeCodes } from '../notify/one-time-code.js';
import * as oidc from './citizen-oidc.js';
import * as otp from './citizen-otp.js';
import { citizenCookieName } from './citizen-sessions.js';
import * as citizens from './citizens.js';
import { ABSOLUTE_TIMEOUT_MS } from './credentials.js';

const redirect = { 302: z.null().describe('Redirect (Location header)'), '4xx': ErrorBody, '5xx': ErrorBody };

export function citizenRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = deps;
  const secure = config.secureCookies;
  const sessionCookie = citizenCookieName(secure);
  const oidcCookie = oidc.oidcCookieName(secure);
  const ctx = (req: FastifyRequest) => serviceContext(deps, req);
  const csrf = (req: FastifyRequest): string => {
    if (!req.citizenSession) throw new DomainError('AUTH_REQUIRED');
    return req.citizenSession.csrfToken;
  };
  const setSession = (reply: FastifyReply, token: string) =>
    reply.setCookie(sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: ABSOLUTE_TIMEOUT_MS / 1000 });
  const tags = ['citizen'];

  r.get('/api/v1/citizen/auth-options', {
    config: { access: { public: true } },
    schema: { tags, summary: 'Which sign-in options the portal offers: the OpenID Connect provider’s name, e-mail codes', response: responses(200, CitizenAuthOptions) },
    handler: async () => ({ oidc: config.oidc ? { name: config.oidc.name } : null, emailCode: canSendOneTimeCodes(config.notify) }),
  });

  r.post('/api/v1/citizen/sign-up', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'Sign-up with a full name, an e-mail and/or a phone, and a password; signs in (session cookie)',
      description: '409 CITIZEN_EMAIL_TAKEN / CITIZEN_PHONE_TAKEN (compared in normal form), 422 PASSWORD_POLICY, 429 RATE_LIMITED (10 per 10 minutes per address).',
      body: SignUpInput,
      response: responses(201, CitizenMe),
    },
    handler: async (req, reply) => {
      const { token, me } = await citizens.signUp(ctx(req), config, req.body);
      setSession(reply, token);
      return reply.code(201).send(me);
    },
  });

  r.post('/api/v1/citizen/sign-in', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'Sign-in with the e-mail or phone (`login`) and the password',
      description: 'Any failure is the same 401 AUTH_INVALID_CREDENTIALS; 429 AUTH_RATE_LIMITED with Retry-After after 10 failures a minute for a login.',
      body: PasswordSignInInput,
      response: responses(200, CitizenMe),
    },
    handler: async (req, reply) => {
      const { token, me } = await citizens.signIn(ctx(req), config, req.body);
      setSession(reply, token);
      return me;
    },
  });

  r.post('/api/v1/citizen/otp', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'Sends a 6-digit sign-in code to the e-mail (10 minutes, 5 tries; replaces the previous code)',
      description: 'The same answer whether an account has the e-mail or not. 404 CITIZEN_OTP_NOT_AVAILABLE without SMTP, 429 RATE_LIMITED (5 per 10 minutes per e-mail, 30 per address), 503 CITIZEN_OTP_SEND_FAILED.',
      body: OtpRequestInput,
      response: responses(200, OtpSent),
    },
    handler: async (req) => otp.requestSignInCode(ctx(req), deps, req.body),
  });

  r.post('/api/v1/citizen/otp/verify', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'Signs in with the e-mailed code; an e-mail without an account gets a new passwordless account (`created`)',
      description: '401 CITIZEN_OTP_INVALID for a wrong, spent, expired or replaced code; 429 RATE_LIMITED (60 checks per 10 minutes per address).',
      body: OtpVerifyInput,
      response: responses(200, OtpSignInResult),
    },
    handler: async (req, reply) => {
      const { token, me, created } = await otp.signInWithCode(ctx(req), deps, req.body);
      setSession(reply, token);
      return { ...me, created };
    },
  });

  r.post('/api/v1/citizen/sign-out', {
    config: { access: { citizen: true } },
    schema: { tags, summary: 'Sign out: ends the citizen’s session', response: noContent },
    handler: async (req, reply) => {
      await citizens.signOut(ctx(req));
      reply.clearCookie(sessionCookie, { path: '/', secure });
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/citizen/me', {
    config: { access: { citizen: true } },
    schema: { tags, summary: 'The signed-in citizen’s account and profile, with the CSRF token', response: responses(200, CitizenMe) },
    handler: async (req) => citizens.me(ctx(req), config, csrf(req)),
  });

  r.patch('/api/v1/citizen/me', {
    config: { access: { citizen: true } },
    schema: {
      tags,
      summary: 'Updates the profile (only the fields sent; null clears); a changed e-mail is unverified again',
      description: '409 VERSION_CONFLICT, 409 CITIZEN_EMAIL_TAKEN / CITIZEN_PHONE_TAKEN, 422 CITIZEN_CONTACT_REQUIRED, 422 CITIZEN_ID_INVALID.',
      body: ProfileUpdateInput,
      response: responses(200, CitizenMe),
    },
    handler: async (req) => citizens.updateProfile(ctx(req), config, csrf(req), req.body),
  });

  r.post('/api/v1/citizen/password', {
    config: { access: { citizen: true } },
    schema: {
      tags,
      summary: 'Sets or changes the password; the account’s other sessions end',
      description: '`currentPassword` is required when the account has a password, except within 30 minutes of a sign-in by e-mail code. 401 AUTH_INVALID_CREDENTIALS, 422 PASSWORD_POLICY.',
      body: CitizenPasswordChangeInput,
      response: responses(200, CitizenMe),
    },
    handler: async (req) => citizens.changePassword(ctx(req), config, csrf(req), req.body),
  });

  r.post('/api/v1/citizen/me/email-verification', {
    config: { access: { citizen: true } },
    schema: {
      tags,
      summary: 'Sends a code to the citizen’s own e-mail to confirm it',
      description: '422 CITIZEN_NO_EMAIL, 409 CITIZEN_EMAIL_ALREADY_VERIFIED, 404 CITIZEN_OTP_NOT_AVAILABLE, 429 RATE_LIMITED, 503 CITIZEN_OTP_SEND_FAILED.',
      response: responses(200, OtpSent),
    },
    handler: async (req) => otp.requestEmailCode(ctx(req), deps),
  });

  r.post('/api/v1/citizen/me/email-verification/confirm', {
    config: { access: { citizen: true } },
    schema: { tags, summary: 'Confirms the citizen’s own e-mail with the code sent to it', description: '401 CITIZEN_OTP_INVALID.', body: EmailConfirmInput, response: responses(200, CitizenMe) },
    handler: async (req) => otp.confirmEmail(ctx(req), deps, csrf(req), req.body.code),
  });

  r.get('/api/v1/citizen/oidc/start', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'Starts a sign-in with the OpenID Connect provider: 302 to it (state, nonce, PKCE S256)',
      description: '`returnTo`: a path of this site to come back to. 404 OIDC_NOT_CONFIGURED, 503 OIDC_PROVIDER_UNAVAILABLE, 429 RATE_LIMITED.',
      querystring: OidcStartQuery,
      response: redirect,
    },
    handler: async (req, reply) => {
      const { url, binding } = await oidc.startOidc(ctx(req), config, req.query.returnTo);
      reply.setCookie(oidcCookie, binding, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: oidc.OIDC_LOGIN_TTL_MS / 1000 });
      return reply.header('cache-control', 'no-store').redirect(url, 302);
    },
  });

  r.get('/api/v1/citizen/oidc/callback', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'The provider’s answer: signs in and 302 to `returnTo` (or /tai-khoan); on failure 302 to /dang-nhap?oidcError=…',
      description: 'Only in the browser that started the sign-in (a cookie binds it). The provider may add parameters of its own (iss, session_state): the query is not strict.',
      querystring: OidcCallbackQuery,
      response: redirect,
    },
    handler: async (req, reply) => {
      const outcome = await oidc.finishOidc(ctx(req), config, {
        query: req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '',
        state: req.query.state,
        error: req.query.error,
        binding: req.cookies[oidcCookie],
      });
      reply.clearCookie(oidcCookie, { path: '/', secure }).header('cache-control', 'no-store');
      if (!outcome.ok) return reply.redirect(`/dang-nhap?oidcError=${outcome.reason}`, 302);
      setSession(reply, outcome.token);
      return reply.redirect(outcome.location, 302);
    },
  });
}
