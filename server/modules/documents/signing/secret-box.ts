/**
 * Secrets at rest (the PKCS#12 passwords): AES-256-GCM under a master key.
 *
 * Sealed text: `v1.<iv>.<tag>.<ciphertext>`, each part base64url; a random
 * 96-bit IV per seal, a 128-bit tag, and the version prefix bound as
 * additional authenticated data. A changed value or a wrong key fails the tag
 * check (the two cannot be told apart, by design of GCM).
 *
 * The master key: MOTCUA_SECRET_KEY (32 bytes, base64) when set; otherwise
 * `<MOTCUA_DATA_DIR>/secret-key`, 32 random bytes created on first use with
 * mode 0600 (as `pg-password` in server/db/embedded.ts). The file is created
 * atomically (written aside, then hard-linked into place) so two processes
 * starting together agree on one key, and an unreadable file is never
 * replaced: every secret sealed under it would be lost.
 */
/* eslint-disable security/detect-non-literal-fs-filename -- the paths come from MOTCUA_DATA_DIR (operator configuration), never from a request */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type SecretBoxErrorReason =
  /** The key is not 32 bytes. */
  | 'bad_key'
  /** Not a sealed value (wrong shape or encoding). */
  | 'malformed'
  | 'unsupported_version'
  /** Changed after sealing, or sealed under another key. */
  | 'auth_failed'
  /** The text to seal is not well-formed Unicode (a lone surrogate). */
  | 'invalid_plaintext';

export class SecretBoxError extends Error {
  override readonly name = 'SecretBoxError';
  constructor(
    readonly reason: SecretBoxErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** The master key cannot be loaded; the message names the variable or the file. */
export class MasterKeyError extends Error {
  override readonly name = 'MasterKeyError';
}

const VERSION = 'v1';
const AAD = Buffer.from('motcua/secret-box/v1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

function assertKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== 32) throw new SecretBoxError('bad_key', 'The key must be 32 bytes.');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function sealSecret(plain: string, key: Buffer): string {
  assertKey(key);
  if (typeof plain !== 'string' || LONE_SURROGATE.test(plain)) {
    throw new SecretBoxError('invalid_plaintext', 'Only well-formed text can be sealed.');
  }
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(AAD);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

function part(text: string | undefined, bytes?: number): Buffer {
  if (text === undefined || !/^[A-Za-z0-9_-]*$/.test(text)) throw new SecretBoxError('malformed', 'Not a sealed secret.');
  const b = Buffer.from(text, 'base64url');
  if (b.toString('base64url') !== text || (bytes !== undefined && b.length !== bytes)) {
    throw new SecretBoxError('malformed', 'Not a sealed secret.');
  }
  return b;
}

export function openSecret(sealed: string, key: Buffer): string {
  assertKey(key);
  const parts = typeof sealed === 'string' ? sealed.split('.') : [];
  if (parts.length !== 4) throw new SecretBoxError('malformed', 'Not a sealed secret.');
  if (parts[0] !== VERSION) {
    if (/^v\d+$/.test(parts[0] ?? '')) throw new SecretBoxError('unsupported_version', `Unsupported sealed secret version ${parts[0]}.`);
    throw new SecretBoxError('malformed', 'Not a sealed secret.');
  }
  const iv = part(parts[1], IV_BYTES);
  const tag = part(parts[2], TAG_BYTES);
  const ciphertext = part(parts[3]);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(AAD);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretBoxError('auth_failed', 'The sealed secret was altered or sealed under another key.');
  }
}

const KEY_VARIABLE = 'MOTCUA_SECRET_KEY';
const KEY_FILE = 'secret-key';

/** 32 bytes from canonical base64 (or base64url), padding optional; null otherwise. */
function decodeKey(text: string): Buffer | null {
  const unpadded = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]{43}$/.test(unpadded) || text.length > 44) return null;
  const key = Buffer.from(unpadded, 'base64');
  return key.length === 32 && key.toString('base64').replace(/=+$/, '') === unpadded ? key : null;
}

function createKeyFile(dataDir: string, path: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const content = `${randomBytes(32).toString('base64')}\n`;
  const aside = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(aside, content, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(aside, path); // fails with EEXIST when another process was first: its key is used
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') {
      // A file system without hard links: exclusive create in place.
      try {
        writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code !== 'EEXIST') throw e2;
      }
    }
  } finally {
    unlinkSync(aside);
  }
}

/** The 32-byte master key; throws a MasterKeyError naming the variable or the file. */
export function loadMasterKey(env: Readonly<Record<string, string | undefined>>, dataDir: string): Buffer {
  const configured = env[KEY_VARIABLE];
  if (configured !== undefined) {
    const key = decodeKey(configured.trim());
    if (!key) {
      throw new MasterKeyError(
        `${KEY_VARIABLE} must be 32 bytes in base64 (make one with: openssl rand -base64 32).`,
      );
    }
    return key;
  }
  const path = join(dataDir, KEY_FILE);
  if (!existsSync(path)) createKeyFile(dataDir, path);
  const key = decodeKey(readFileSync(path, 'utf8').trim());
  if (!key) {
    throw new MasterKeyError(
      `${path} does not hold a 32-byte base64 key. It is not replaced (the secrets sealed with it would be lost): restore it, or set ${KEY_VARIABLE}.`,
    );
  }
  return key;
}
