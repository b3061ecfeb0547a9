/**
 * Citizens' sign-in through an OpenID Connect provider (the national identity
 * app VNeID works this way), with openid-client as the relying party:
 * discovery, the authorization code flow with PKCE (S256), state and nonce,
 * ID token validation, then the UserInfo endpoint when the provider has one.
 *
 * Decisions:
 * - On when `MOTCUA_OIDC_ISSUER` is set (server/config.ts); otherwise both
 *   routes answer 404 OIDC_NOT_CONFIGURED. Discovery runs on the first use and
 *   is kept per process (a failure is retried next time: 503
 *   OIDC_PROVIDER_UNAVAILABLE meanwhile). Plain `http://` issuers are allowed
 *   only on the loopback interface (tests, local development).
 * - The start keeps a row in `oidc_logins` for 10 minutes: the SHA-256 of the
 *   `state`, the `nonce` (public anyway: it travels in the URL and the ID
 *   token) and the SHA-256 of the PKCE verifier. The verifier itself is an
 *   HMAC of the state keyed by a random value held only in an httpOnly
 *   SameSite=Lax cookie of the browser that started (`motcua_oidc`,
 *   `__Host-` with secure cookies). So the callback works only in the
 *   browser that started the sign-in (no login CSRF: a callback link sent to
 *   someone else fails), and the table alone — or a code seen in a URL — is
 *   of no use. The row is deleted when the callback reads it (single use).
 * - `returnTo` must be a path of this site (`/…`, not `//…`, no backslash);
 *   anything else is 400. After the callback the browser goes there, or to
 *   `/tai-khoan`. A failed callback goes to `/dang-nhap?oidcError=<reason>`
 *   (denied, expired, invalid, provider) for the page to explain.
 * - The identity is (issuer, subject) in `citizen_identities`. Its first
 *   sign-in links an account with the same e-mail only when the provider says
 *   `email_verified` (an unverified claim is ignored, never stored); if that
 *   account had not verified its e-mail, its password and sessions go, as for
 *   a first e-mail code (citizen-otp.ts: the provider proved the address,
 *   whoever set the password did not). Otherwise a new account is made from
 *   the claims: name (or family, middle, given names), e-mail (verified
 *   only), birthdate, and the 12-digit ID number from the claim named by
 *   `MOTCUA_OIDC_ID_NUMBER_CLAIM`. Later sign-ins fill profile fields still
 *   empty, never overwrite what the citizen typed.
 */
import { createHmac } from 'node:crypto';
import { eq, lt, sql } from 'drizzle-orm';
import * as client from 'openid-client';
import { CitizenEmail, type OidcError } from '../../../contracts/citizens.js';
import type { Config, OidcConfig } from '../../config.js';
import type { DbOrTx } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import * as q from './citizen-queries.js';
import { openSession } from './citizens.js';
import * as limits from './rate-limit.js';
import { citizenIdentities, citizens, oidcLogins } from './schema.js';
import { newToken, safeEqual, sha256 } from './tokens.js';

export const OIDC_LOGIN_TTL_MS = 10 * 60_000;
export const OIDC_START_LIMIT = { count: 30, windowMs: 60_000 } as const;
export const CALLBACK_PATH = '/api/v1/citizen/oidc/callback';
export const DEFAULT_RETURN = '/tai-khoan';

export function oidcCookieName(secure: boolean): string {
  return secure ? '__Host-motcua_oidc' : 'motcua_oidc';
}

export function redirectUri(config: Config): string {
  return `${config.publicUrl}${CALLBACK_PATH}`;
}

function requireOidc(config: Config): OidcConfig {
  if (!config.oidc) throw new DomainError('OIDC_NOT_CONFIGURED');
  return config.oidc;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const configurations = new Map<string, Promise<client.Configuration>>();

/** The provider's discovered configuration, kept per process; a failed discovery is tried again next time. */
async function providerConfiguration(oidc: OidcConfig): Promise<client.Configuration> {
  const key = JSON.stringify([oidc.issuer, oidc.clientId, oidc.clientSecret ?? null]);
  let found = configurations.get(key);
  if (!found) {
    const issuer = new URL(oidc.issuer);
    const insecure = issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname);
    found = client.discovery(
      issuer,
      oidc.clientId,
      oidc.clientSecret ? { client_secret: oidc.clientSecret } : undefined,
      oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None(),
      { timeout: 10, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
    );
    configurations.set(key, found);
    found.catch(() => configurations.delete(key));
  }
  try {
    return await found;
  } catch {
    throw new DomainError('OIDC_PROVIDER_UNAVAILABLE');
  }
}

/** The PKCE verifier of a sign-in: bound to the browser's cookie and to the state. */
function verifierOf(binding: string, state: string): string {
  return createHmac('sha256', binding).update(`pkce:${state}`).digest('base64url');
}

const hex = (value: string) => sha256(value).toString('hex');

/** Starts a sign-in: where to send the browser, and the cookie value that binds the sign-in to it. */
export async function startOidc(ctx: ServiceContext, config: Config, returnTo: string | undefined): Promise<{ url: string; binding: string }> {
  const oidc = requireOidc(config);
  const { db } = ctx.database;
  const now = ctx.clock.now();
  await limits.limitRequests(db, `oidc-start:${ctx.ip ?? 'unknown'}`, OIDC_START_LIMIT.count, now, OIDC_START_LIMIT.windowMs);
  const provider = await providerConfiguration(oidc);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const binding = newToken();
  const verifier = verifierOf(binding, state);
  await db.transaction(async (tx) => {
    await tx.delete(oidcLogins).where(lt(oidcLogins.expiresAt, now));
    await tx.insert(oidcLogins).values({
      stateHash: sha256(state),
      nonce,
      codeVerifier: hex(verifier),
      returnTo: returnTo ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + OIDC_LOGIN_TTL_MS),
    });
  });
  const url = client.buildAuthorizationUrl(provider, {
    redirect_uri: redirectUri(config),
    scope: oidc.scope,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, binding };
}

export type CallbackOutcome = { ok: true; token: string; location: string } | { ok: false; reason: OidcError };

type Claims = Record<string, unknown>;

function text(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;
}

/** What the account is made of: only well-formed values; an unverified e-mail is dropped. */
export function profileFromClaims(claims: Claims, idNumberClaim: string | undefined) {
  const parts = [claims.family_name, claims.middle_name, claims.given_name].map((p) => text(p, 100)).filter((p): p is string => p !== null);
  const fullName = text(claims.name, 200) ?? (parts.length > 0 ? parts.join(' ') : '');
  const parsedEmail = CitizenEmail.safeParse(claims.email);
  const emailVerified = claims.email_verified === true || claims.email_verified === 'true';
  const birth = typeof claims.birthdate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(claims.birthdate) && !Number.isNaN(Date.parse(claims.birthdate)) ? claims.birthdate : null;
  const rawId = idNumberClaim ? claims[idNumberClaim] : undefined;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId).trim() : '';
  return {
    fullName,
    email: parsedEmail.success && emailVerified ? parsedEmail.data : null,
    birthDate: birth,
    idNumber: /^\d{12}$/.test(id) ? id : null,
  };
}

/** Finds or makes the account of an identity; the caller's transaction. */
async function accountFor(tx: DbOrTx, ctx: ServiceContext, issuer: string, subject: string, profile: ReturnType<typeof profileFromClaims>) {
  const now = ctx.clock.now();
  const [identity] = await tx
    .select({ citizenId: citizenIdentities.citizenId })
    .from(citizenIdentities)
    .where(sql`${citizenIdentities.issuer} = ${issuer} AND ${citizenIdentities.subject} = ${subject}`)
    .for('update');
  let row: q.CitizenRow | undefined;
  let created = false;
  let linked = false;
  if (identity) {
    row = await q.citizenById(tx, identity.citizenId, true);
    await tx
      .update(citizenIdentities)
      .set({ lastUsedAt: now })
      .where(sql`${citizenIdentities.issuer} = ${issuer} AND ${citizenIdentities.subject} = ${subject}`);
  } else {
    const sameEmail = profile.email ? await q.citizenByEmail(tx, profile.email) : undefined;
    if (sameEmail?.active) {
      row = sameEmail;
      linked = true;
      if (sameEmail.emailVerifiedAt === null) {
        await tx.update(citizens).set({ emailVerifiedAt: now, passwordHash: null }).where(eq(citizens.id, sameEmail.id));
        await q.revokeCitizenSessions(tx, sameEmail.id, now);
        await recordAudit(tx, ctx, { action: 'citizen.email_verify', objectType: 'citizen', objectId: sameEmail.id, details: { method: 'oidc', passwordRemoved: sameEmail.passwordHash !== null } });
        row = { ...sameEmail, emailVerifiedAt: now, passwordHash: null };
      }
    } else {
      row = await q.insertCitizen(tx, {
        fullName: profile.fullName,
        // An e-mail held by a disabled account stays with it.
        email: sameEmail ? null : profile.email,
        emailVerifiedAt: profile.email && !sameEmail ? now : null,
        birthDate: profile.birthDate,
        idNumber: profile.idNumber,
        createdAt: now,
        updatedAt: now,
      });
      created = true;
    }
    await tx.insert(citizenIdentities).values({ issuer, subject, citizenId: row.id, createdAt: now, lastUsedAt: now });
  }
  if (!row?.active) return undefined;
  if (!created) {
    // Fill what is still empty; never overwrite what the citizen typed.
    const fill: Partial<q.NewCitizen> = {};
    if (!row.fullName && profile.fullName) fill.fullName = profile.fullName;
    if (!row.birthDate && profile.birthDate) fill.birthDate = profile.birthDate;
    if (!row.idNumber && profile.idNumber) fill.idNumber = profile.idNumber;
    if (Object.keys(fill).length > 0) {
      const [filled] = await tx
        .update(citizens)
        .set({ ...fill, version: sql`${citizens.version} + 1`, updatedAt: now })
        .where(eq(citizens.id, row.id))
        .returning();
      row = filled ?? row;
    }
  }
  return { row, created, linked };
}

/**
 * The provider's answer: checks the browser binding and the row, exchanges
 * the code (state, nonce, PKCE and the ID token checked by openid-client),
 * reads UserInfo, then signs the citizen in.
 */
export async function finishOidc(
  ctx: ServiceContext,
  config: Config,
  input: { query: string; state: string | undefined; error: string | undefined; binding: string | undefined },
): Promise<CallbackOutcome> {
  const oidc = requireOidc(config);
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const fail = async (reason: OidcError): Promise<CallbackOutcome> => {
    await recordAudit(db, ctx, { action: 'citizen.sign_in', outcome: 'failure', details: { method: 'oidc', reason } });
    return { ok: false, reason };
  };

  const [login] = input.state ? await db.delete(oidcLogins).where(eq(oidcLogins.stateHash, sha256(input.state))).returning() : [];
  if (input.error) return fail(input.error === 'access_denied' ? 'denied' : 'provider');
  if (!input.state || !login || !input.binding) return fail('invalid');
  if (login.expiresAt.getTime() <= now.getTime()) return fail('expired');
  const verifier = verifierOf(input.binding, input.state);
  if (!safeEqual(hex(verifier), login.codeVerifier)) return fail('invalid');

  const provider = await providerConfiguration(oidc);
  let claims: Claims;
  try {
    const tokens = await client.authorizationCodeGrant(provider, new URL(`${redirectUri(config)}?${input.query}`), {
      pkceCodeVerifier: verifier,
      expectedState: input.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) return await fail('provider');
    claims = { ...idToken };
    if (provider.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(provider, tokens.access_token, idToken.sub);
      // UserInfo completes the ID token (its `sub` is checked to be the same); the token's iss and sub stay.
      claims = { ...idToken, ...info, iss: idToken.iss, sub: idToken.sub };
    }
  } catch {
    return fail('provider');
  }
  const issuer = String(claims.iss);
  const subject = String(claims.sub);
  const profile = profileFromClaims(claims, oidc.idNumberClaim);

  let result: { token: string } | undefined;
  try {
    result = await db.transaction(async (tx) => {
      const account = await accountFor(tx, ctx, issuer, subject, profile);
      if (!account) return undefined;
      const { token, actorCtx } = await openSession(tx, ctx, config, account.row, 'oidc', { created: account.created, linked: account.linked });
      if (account.created) await recordAudit(tx, actorCtx, { action: 'citizen.sign_up', objectType: 'citizen', objectId: account.row.id, details: { method: 'oidc', email: account.row.email !== null, phone: false } });
      if (account.linked) await recordAudit(tx, actorCtx, { action: 'citizen.identity_link', objectType: 'citizen', objectId: account.row.id, details: { issuer } });
      return { token };
    });
  } catch (err) {
    // Two first sign-ins of one identity at once: the other one made the account.
    if (q.takenError(err) || isUniqueViolation(err, 'citizen_identities_issuer_subject_pk')) return fail('invalid');
    throw err;
  }
  if (!result) return fail('denied');
  return { ok: true, token: result.token, location: login.returnTo ?? DEFAULT_RETURN };
}
