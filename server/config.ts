/**
 * One typed configuration object read from the environment. Every variable is
 * listed in the README's configuration table; keep the two in step.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { storageConfigFrom, type StorageConfig } from './modules/documents/storage/config.js';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
/** '' → undefined, so `MOTCUA_SMTP_URL=` reads as unset. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  MOTCUA_DATA_DIR: z.string().min(1).default('./data'),
  MOTCUA_EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  MOTCUA_ADMIN_PASSWORD: z.string().optional(),
  MOTCUA_ROOT_UNIT_CODE: z.string().min(1).max(32).default('T00'),
  MOTCUA_ROOT_UNIT_NAME: z.string().min(1).max(200).default('Ủy ban nhân dân tỉnh'),
  MOTCUA_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  MOTCUA_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  MOTCUA_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  MOTCUA_SERVE_WEB: z.enum(['true', 'false']).default('true'),
  MOTCUA_JOBS: z.enum(['true', 'false']).default('true'),
  MOTCUA_PUBLIC_URL: z.url().optional(),
  MOTCUA_SECRET_KEY: z.string().optional(),
  MOTCUA_SMTP_URL: unsetIfEmpty(z.url({ protocol: /^smtps?$/, error: 'must be smtp://… or smtps://…' }).optional()),
  MOTCUA_MAIL_FROM: unsetIfEmpty(z.string().regex(/^[^\r\n]*@[^\r\n]*$/, { error: 'must be an address, e.g. Motcua <no-reply@example.vn>' }).default('Motcua <no-reply@localhost>')),
  MOTCUA_SMS_WEBHOOK_URL: unsetIfEmpty(z.url({ protocol: /^https?$/, error: 'must be http(s)://…' }).optional()),
  MOTCUA_SMS_WEBHOOK_TOKEN: unsetIfEmpty(z.string().optional()),
  MOTCUA_OIDC_ISSUER: unsetIfEmpty(z.url({ protocol: /^https?$/, error: 'must be the provider’s issuer URL, https://…' }).optional()),
  MOTCUA_OIDC_CLIENT_ID: unsetIfEmpty(z.string().optional()),
  MOTCUA_OIDC_CLIENT_SECRET: unsetIfEmpty(z.string().optional()),
  MOTCUA_OIDC_NAME: unsetIfEmpty(z.string().min(1).max(60).default('VNeID')),
  MOTCUA_OIDC_SCOPE: unsetIfEmpty(z.string().regex(/(^|\s)openid(\s|$)/, { error: 'must include openid' }).default('openid profile email')),
  MOTCUA_OIDC_ID_NUMBER_CLAIM: unsetIfEmpty(z.string().min(1).max(100).optional()),
  LOG_LEVEL: LogLevel.default('info'),
  NODE_ENV: z.string().default('development'),
}).superRefine((e, ctx) => {
  if (e.MOTCUA_SMS_WEBHOOK_URL && !e.MOTCUA_SMS_WEBHOOK_TOKEN) ctx.addIssue({ code: 'custom', path: ['MOTCUA_SMS_WEBHOOK_TOKEN'], message: 'required with MOTCUA_SMS_WEBHOOK_URL' });
  if (e.MOTCUA_OIDC_ISSUER && !e.MOTCUA_OIDC_CLIENT_ID) ctx.addIssue({ code: 'custom', path: ['MOTCUA_OIDC_CLIENT_ID'], message: 'required with MOTCUA_OIDC_ISSUER' });
});

/**
 * E-mail over SMTP when `smtpUrl` is set (else off); SMS through the webhook
 * when its URL is set, else the logging fake in development and off in production.
 */
export type NotifyConfig = {
  smtpUrl: string | undefined;
  mailFrom: string;
  sms: { kind: 'webhook'; url: string; token: string } | { kind: 'log' } | { kind: 'off' };
};

/**
 * Citizens' sign-in through an OpenID Connect provider (VNeID or another),
 * on when `MOTCUA_OIDC_ISSUER` is set. The redirect URI registered at the
 * provider is `<publicUrl>/api/v1/citizen/oidc/callback`.
 */
export type OidcConfig = {
  issuer: string;
  clientId: string;
  /** Unset: a public client (PKCE only, no client authentication). */
  clientSecret: string | undefined;
  /** The sign-in button's label. */
  name: string;
  scope: string;
  /** The claim carrying the 12-digit citizen ID number (CCCD), if the provider sends one. */
  idNumberClaim: string | undefined;
};

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  adminPassword: string | undefined;
  rootUnit: { code: string; name: string };
  /** Secure + `__Host-` cookies; on by default in production. */
  secureCookies: boolean;
  trustProxy: boolean;
  bodyLimit: number;
  /** Serve (and build when missing) the web app; false runs the API alone. */
  serveWeb: boolean;
  /** Run the background jobs (deadline sweep) in this process; any number of processes may. */
  jobs: boolean;
  /** Where citizens reach this server (printed in QR codes and links on documents); default `http://localhost:PORT`. */
  publicUrl: string;
  /** Base64 of the 32-byte key that seals secrets at rest (certificate passwords); unset: `<dataDir>/secret-key`. */
  secretKey: string | undefined;
  /** Where uploaded scans and generated documents are kept (MOTCUA_STORAGE, MOTCUA_S3_*). */
  storage: StorageConfig;
  /** Messages to applicants (server/modules/notify). */
  notify: NotifyConfig;
  /** Citizens' OpenID Connect sign-in; undefined when off. */
  oidc: OidcConfig | undefined;
  logLevel: z.infer<typeof LogLevel>;
  production: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const storage = storageConfigFrom(env);
  const production = e.NODE_ENV === 'production';
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.MOTCUA_DATA_DIR),
    embeddedPgPort: e.MOTCUA_EMBEDDED_PG_PORT,
    adminPassword: e.MOTCUA_ADMIN_PASSWORD,
    rootUnit: { code: e.MOTCUA_ROOT_UNIT_CODE, name: e.MOTCUA_ROOT_UNIT_NAME },
    secureCookies: e.MOTCUA_SECURE_COOKIES ? e.MOTCUA_SECURE_COOKIES === 'true' : production,
    trustProxy: e.MOTCUA_TRUST_PROXY === 'true',
    bodyLimit: e.MOTCUA_BODY_LIMIT,
    serveWeb: e.MOTCUA_SERVE_WEB === 'true',
    jobs: e.MOTCUA_JOBS === 'true',
    publicUrl: (e.MOTCUA_PUBLIC_URL ?? `http://localhost:${String(e.PORT)}`).replace(/\/+$/, ''),
    secretKey: e.MOTCUA_SECRET_KEY,
    storage,
    notify: {
      smtpUrl: e.MOTCUA_SMTP_URL,
      mailFrom: e.MOTCUA_MAIL_FROM,
      sms: e.MOTCUA_SMS_WEBHOOK_URL
        ? { kind: 'webhook', url: e.MOTCUA_SMS_WEBHOOK_URL, token: e.MOTCUA_SMS_WEBHOOK_TOKEN ?? '' }
        : production
          ? { kind: 'off' }
          : { kind: 'log' },
    },
    oidc: e.MOTCUA_OIDC_ISSUER
      ? {
          issuer: e.MOTCUA_OIDC_ISSUER,
          clientId: e.MOTCUA_OIDC_CLIENT_ID ?? '',
          clientSecret: e.MOTCUA_OIDC_CLIENT_SECRET,
          name: e.MOTCUA_OIDC_NAME,
          scope: e.MOTCUA_OIDC_SCOPE,
          idNumberClaim: e.MOTCUA_OIDC_ID_NUMBER_CLAIM,
        }
      : undefined,
    logLevel: e.LOG_LEVEL,
    production,
  };
}
