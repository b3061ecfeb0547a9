/**
 * Citizen accounts on the portal (server/modules/auth/citizens.ts): sign-up,
 * sign-in by password, by a one-time code sent by e-mail or through an
 * OpenID Connect provider (VNeID), the profile that pre-fills online
 * applications. Shared by the server (validation, OpenAPI) and the web client.
 *
 * Identifiers are compared in a normal form, so one person cannot hold two
 * accounts by typing an address differently: e-mail trimmed and lower-cased;
 * phone as digits with a leading `0` (`+84 912 345 678`, `0084912345678`,
 * `84912345678`, `0912.345.678` → `0912345678`). Only Vietnamese numbers are
 * accepted (10 digits for mobiles, 11 for landlines with an area code).
 */
import { z } from 'zod';
import { CitizenId, Language } from './dossiers.js';
import { isSafeReturnTo } from './return-to.js';

export { isSafeReturnTo };

/** `  Nhung@Example.VN ` → `nhung@example.vn`. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A Vietnamese phone number in its stored form: separators dropped, the
 * country code `+84` / `0084` / `84` (before 9 or 10 digits) turned into `0`.
 * What is not a phone number comes back changed but still invalid (see `isPhone`).
 */
export function normalisePhone(phone: string): string {
  const compact = phone.trim().replace(/[\s.\-()]/g, '');
  if (compact.startsWith('+84')) return `0${compact.slice(3)}`;
  if (compact.startsWith('0084')) return `0${compact.slice(4)}`;
  if (/^84\d{9,10}$/.test(compact)) return `0${compact.slice(2)}`;
  return compact;
}

/** A normalised Vietnamese number: 0 and 9 digits (mobile) or 10 (landline with area code). */
export function isPhone(normalised: string): boolean {
  return /^0\d{9,10}$/.test(normalised);
}

/** What a sign-in `login` names: an e-mail when it has an `@`, else a phone number. */
export function loginKind(login: string): 'email' | 'phone' {
  return login.includes('@') ? 'email' : 'phone';
}

export const CitizenEmail = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const CitizenPhone = z
  .string()
  .trim()
  .max(30)
  .transform(normalisePhone)
  .refine(isPhone, { error: 'a Vietnamese phone number' });

/** Passwords are checked by the server's policy (8–128 characters, not a common one); the schema only bounds the size. */
const Password = z.string().max(512);
const FullName = z.string().trim().min(1).max(200);
const isoDate = z.iso.date();

/** A six-digit one-time code (spaces typed between the digits are dropped). */
export const OtpCode = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'six digits'));

export const SignUpInput = z
  .strictObject({
    fullName: FullName,
    email: CitizenEmail.optional(),
    phone: CitizenPhone.optional(),
    password: Password.min(1),
    language: Language.optional(),
  })
  .refine((v) => v.email !== undefined || v.phone !== undefined, { error: 'an e-mail or a phone number', path: ['email'] });
export type SignUpInput = z.infer<typeof SignUpInput>;

/** `login` is the account's e-mail or phone number, in any of the forms above. */
export const PasswordSignInInput = z.strictObject({
  login: z.string().trim().min(1).max(254),
  password: Password.min(1),
});
export type PasswordSignInInput = z.infer<typeof PasswordSignInInput>;

/** Asks for a sign-in code by e-mail; `language` is the mail's (default: the account's, else Vietnamese). */
export const OtpRequestInput = z.strictObject({ email: CitizenEmail, language: Language.optional() });
export type OtpRequestInput = z.infer<typeof OtpRequestInput>;
export const OtpSent = z.object({
  sent: z.literal(true),
  /** Seconds the code is good for. */
  expiresIn: z.number().int(),
});
export type OtpSent = z.infer<typeof OtpSent>;

export const OtpVerifyInput = z.strictObject({ email: CitizenEmail, code: OtpCode });
export type OtpVerifyInput = z.infer<typeof OtpVerifyInput>;

/** Confirms the signed-in citizen's own e-mail with the code sent to it. */
export const EmailConfirmInput = z.strictObject({ code: OtpCode });

export const LinkedIdentity = z.object({
  issuer: z.string(),
  /** The configured display name (e.g. VNeID) when the issuer is the configured one, else the issuer. */
  name: z.string(),
  linkedAt: z.string().describe('ISO 8601 instant'),
});

export const CitizenMe = z.object({
  id: z.uuid(),
  /** Empty for an account created by an e-mail code until the citizen fills it in. */
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  birthDate: z.string().nullable(),
  address: z.string().nullable(),
  language: Language,
  emailVerified: z.boolean(),
  hasPassword: z.boolean(),
  identities: z.array(LinkedIdentity),
  /** For optimistic locking: send it back with a profile update. */
  version: z.number().int(),
  csrfToken: z.string().describe('Send as the x-csrf-token header on every unsafe citizen request'),
});
export type CitizenMe = z.infer<typeof CitizenMe>;

/** The answer to a code's verification: the account, and whether it was created just now. */
export const OtpSignInResult = CitizenMe.extend({ created: z.boolean() });
export type OtpSignInResult = z.infer<typeof OtpSignInResult>;

/**
 * A profile update: only the fields sent change; `null` clears an optional
 * field. A changed e-mail is unverified again. `version` is the one read.
 */
export const ProfileUpdateInput = z.strictObject({
  version: z.number().int().min(1),
  fullName: FullName.optional(),
  email: CitizenEmail.nullable().optional(),
  phone: CitizenPhone.nullable().optional(),
  idNumber: CitizenId.nullable().optional(),
  birthDate: isoDate.nullable().optional(),
  address: z.string().trim().min(1).max(500).nullable().optional(),
  language: Language.optional(),
});
export type ProfileUpdateInput = z.infer<typeof ProfileUpdateInput>;

/**
 * `currentPassword` is needed when the account has a password, except in a
 * session opened by an e-mail code (that is how a forgotten password is reset).
 */
export const CitizenPasswordChangeInput = z.strictObject({
  currentPassword: Password.min(1).optional(),
  newPassword: Password,
});
export type CitizenPasswordChangeInput = z.infer<typeof CitizenPasswordChangeInput>;

/** Which sign-in options the portal offers (public). */
export const CitizenAuthOptions = z.object({
  /** The OpenID Connect provider's button label, or null when none is configured. */
  oidc: z.object({ name: z.string() }).nullable(),
  /** Whether codes can be sent by e-mail (an SMTP server is configured). */
  emailCode: z.boolean(),
});
export type CitizenAuthOptions = z.infer<typeof CitizenAuthOptions>;

export const ReturnTo = z.string().refine(isSafeReturnTo, { error: 'a path of this site' });
export const OidcStartQuery = z.strictObject({ returnTo: ReturnTo.optional() });
/** What the provider sends back to the callback (the rest of the query is read by the OIDC client). */
export const OidcCallbackQuery = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
});

/** Why an OIDC callback sent the browser back to the sign-in page (`/dang-nhap?oidcError=…`). */
export const OIDC_ERRORS = ['denied', 'expired', 'invalid', 'provider'] as const;
export type OidcError = (typeof OIDC_ERRORS)[number];
