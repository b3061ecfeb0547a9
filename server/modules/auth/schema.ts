import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { staff } from '../org/schema.js';
import { bytea } from '../../db/columns.js';

/** Password and second factor of a staff account; owned by auth, keyed by staff id. */
export const staffCredentials = pgTable('staff_credentials', {
  staffId: uuid('staff_id')
    .primaryKey()
    .references(() => staff.id, { onDelete: 'cascade' }),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  totpSecret: text('totp_secret'),
  totpPendingSecret: text('totp_pending_secret'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  /** Last accepted TOTP time step: a code is never accepted twice. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Server-side sessions. Only the SHA-256 of the cookie token is stored, so a
 * leaked table cannot be replayed as cookies.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tokenHash: bytea('token_hash').notNull().unique(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    mfaVerified: boolean('mfa_verified').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_staff_idx').on(t.staffId)],
);

/** Sign-in attempts, counted per key (`user:<name>`, `ip:<addr>`) over a sliding minute. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('login_attempts_key_at_idx').on(t.key, t.at)],
);

// ---------------------------------------------------------------- citizens (issue 6)

/**
 * A citizen's account on the portal. Signed up with an e-mail or a phone
 * (or both) and a password, or created on the first OpenID Connect sign-in
 * (then possibly without a password). E-mail is stored lower-cased, phone as
 * digits with a leading `+84` turned into `0`, so uniqueness is on the
 * normalised form. The profile pre-fills online applications.
 */
export const citizens = pgTable(
  'citizens',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    email: text('email'),
    phone: text('phone'),
    passwordHash: text('password_hash'),
    fullName: text('full_name').notNull(),
    /** CCCD, 12 digits; verified by the identity provider when it came from OIDC. */
    idNumber: text('id_number'),
    birthDate: date('birth_date', { mode: 'string' }),
    address: text('address'),
    language: text('language').notNull().default('vi'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('citizens_email_key').on(t.email).where(sql`email IS NOT NULL`),
    uniqueIndex('citizens_phone_key').on(t.phone).where(sql`phone IS NOT NULL`),
  ],
);

/** An external identity (OpenID Connect issuer + subject) linked to a citizen account. */
export const citizenIdentities = pgTable(
  'citizen_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index('citizen_identities_citizen_idx').on(t.citizenId)],
);

/** Citizens' sessions: a separate cookie and table from staff sessions, only the token's SHA-256 stored. */
export const citizenSessions = pgTable(
  'citizen_sessions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    tokenHash: bytea('token_hash').notNull().unique(),
    citizenId: uuid('citizen_id')
      .notNull()
      .references(() => citizens.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    /** How the citizen signed in: password, otp or oidc. */
    method: text('method').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('citizen_sessions_citizen_idx').on(t.citizenId)],
);

/** One-time codes sent by e-mail (sign-in, e-mail verification): only a hash is kept; a few attempts, then spent. */
export const citizenOtps = pgTable(
  'citizen_otps',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    email: text('email').notNull(),
    purpose: text('purpose').notNull(),
    codeHash: bytea('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('citizen_otps_email_idx').on(t.email, t.createdAt)],
);

/** An OpenID Connect sign-in in flight: state (hashed), nonce and PKCE verifier, for a few minutes. */
export const oidcLogins = pgTable('oidc_logins', {
  stateHash: bytea('state_hash').primaryKey(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  returnTo: text('return_to'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
