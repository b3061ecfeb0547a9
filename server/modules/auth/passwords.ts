/**
 * Password hashing and policy.
 *
 * Hash: argon2id with OWASP's minimum (19 MiB memory, 2 iterations, 1 lane),
 * as ASVS 5 (V11.4) asks, through @node-rs/argon2 (prebuilt, no compiler).
 * Policy (ASVS 5 V6.2): 8–128 characters, any characters, no composition
 * rules; refused when it is in a list of ~49,000 common passwords (the
 * `passwords-common` dictionary of @zxcvbn-ts/language-common) or contains the
 * username.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

const ARGON2 = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    dictionary['passwords-common'].map((p) => p.toLowerCase()),
  );
  return common;
}

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_username';

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username?: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'too_short';
  if (length > PASSWORD_MAX) return 'too_long';
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'too_common';
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return 'contains_username';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON2);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the username is unknown so timing does not tell. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

/**
 * A generated password for a new or reset account: 16 characters from an
 * alphabet without look-alikes (≈ 90 bits), readable over the phone.
 */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(32);
  let out = '';
  for (const b of bytes) {
    // Rejection sampling keeps every character equally likely.
    if (b >= 256 - (256 % alphabet.length)) continue;
    out += alphabet.charAt(b % alphabet.length);
    if (out.length === 16) return out;
  }
  return out + generatePassword().slice(out.length);
}
