/**
 * A local OpenID Connect provider (oidc-provider) on a free port, standing in
 * for VNeID in tests. No login pages: the test says who signs in next
 * (`signInAs`), and `authorize` walks the browser's redirects from the
 * authorization URL to the relying party's callback with a cookie jar of its
 * own, completing the login and consent interactions programmatically.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export type TestIdentity = {
  name?: string;
  family_name?: string;
  given_name?: string;
  email?: string;
  email_verified?: boolean;
  birthdate?: string;
  [claim: string]: unknown;
};

export type OidcIssuer = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The identity the next login interaction signs in (by subject), or null to refuse (access_denied). */
  signInAs: (subject: string | null, identity?: TestIdentity) => void;
  /** Follows redirects from the authorization URL until one goes to `callbackPrefix`; returns that URL. */
  authorize: (authorizationUrl: string, callbackPrefix: string) => Promise<string>;
  close: () => Promise<void>;
};

export async function startOidcIssuer(opts: { redirectUri: string; idNumberClaim?: string }): Promise<OidcIssuer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  const clientId = 'motcua-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const accounts = new Map<string, TestIdentity>();
  let next: string | null = null;

  const jwk = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [opts.redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'family_name', 'given_name', 'birthdate', ...(opts.idNumberClaim ? [opts.idNumberClaim] : [])],
    },
    features: { devInteractions: { enabled: false } },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    findAccount: (_ctx: unknown, sub: string) => {
      const identity = accounts.get(sub);
      return identity ? { accountId: sub, claims: () => ({ ...identity, sub }) } : undefined;
    },
  });
  const handle = provider.callback();

  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return handle(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      let result: Record<string, unknown>;
      if (details.prompt.name === 'login') {
        result = next === null ? { error: 'access_denied', error_description: 'The user refused' } : { login: { accountId: next } };
      } else {
        const grant = new provider.Grant({ accountId: details.session?.accountId ?? '', clientId: details.params.client_id });
        const missingScope = details.prompt.details.missingOIDCScope as string[] | undefined;
        const missingClaims = details.prompt.details.missingOIDCClaims as string[] | undefined;
        if (missingScope) grant.addOIDCScope(missingScope.join(' '));
        if (missingClaims) grant.addOIDCClaims(missingClaims);
        result = { consent: { grantId: await grant.save() } };
      }
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
    })().catch((err: unknown) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (subject, identity) => {
      next = subject;
      if (subject !== null && identity) accounts.set(subject, identity);
    },
    authorize: async (authorizationUrl, callbackPrefix) => {
      const jar = new Map<string, string>();
      let current = authorizationUrl;
      for (let hop = 0; hop < 12; hop += 1) {
        if (current.startsWith(callbackPrefix)) return current;
        const res = await fetch(current, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
        for (const header of res.headers.getSetCookie()) {
          const pair = header.split(';')[0] ?? '';
          const at = pair.indexOf('=');
          const name = pair.slice(0, at).trim();
          const value = pair.slice(at + 1).trim();
          if (value === '' || /expires=Thu, 01 Jan 1970/i.test(header)) jar.delete(name);
          else jar.set(name, value);
        }
        const location = res.headers.get('location');
        if (!location) throw new Error(`no redirect from ${current}: ${String(res.status)} ${await res.text()}`);
        current = new URL(location, current).href;
      }
      throw new Error('too many redirects');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
