import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMasterKey, MasterKeyError, openSecret, sealSecret, SecretBoxError, type SecretBoxErrorReason } from './index.js';

function reasonOf(f: () => unknown): SecretBoxErrorReason | 'no error' | 'other error' {
  try {
    f();
    return 'no error';
  } catch (e) {
    return e instanceof SecretBoxError ? e.reason : 'other error';
  }
}

const key = randomBytes(32);

describe('sealSecret / openSecret', () => {
  it('round-trips, in the v1 text format, with a fresh IV each time', () => {
    const sealed = sealSecret('mật khẩu chứng thư số', key);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(openSecret(sealed, key)).toBe('mật khẩu chứng thư số');
    expect(sealed).not.toContain('mật');
    const again = sealSecret('mật khẩu chứng thư số', key);
    expect(again).not.toBe(sealed);
    expect(again.split('.')[1]).not.toBe(sealed.split('.')[1]);
    expect(openSecret(sealSecret('', key), key)).toBe('');
  });

  it('a wrong key or a tampered value: auth_failed', () => {
    const sealed = sealSecret('secret', key);
    expect(reasonOf(() => openSecret(sealed, randomBytes(32)))).toBe('auth_failed');
    const [v, iv, tag, ct] = sealed.split('.') as [string, string, string, string];
    const change = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(reasonOf(() => openSecret([v, change(iv), tag, ct].join('.'), key))).toBe('auth_failed');
    expect(reasonOf(() => openSecret([v, iv, change(tag), ct].join('.'), key))).toBe('auth_failed');
    expect(reasonOf(() => openSecret([v, iv, tag, change(ct)].join('.'), key))).toBe('auth_failed');
  });

  it('malformed values, other versions and bad keys are told apart', () => {
    const sealed = sealSecret('secret', key);
    expect(reasonOf(() => openSecret('secret', key))).toBe('malformed');
    expect(reasonOf(() => openSecret(`${sealed}.x`, key))).toBe('malformed');
    expect(reasonOf(() => openSecret(sealed.replace(/^v1\.[^.]+/, 'v1.AAAA'), key))).toBe('malformed'); // short IV
    expect(reasonOf(() => openSecret(sealed.replace(/\.[^.]+$/, '.abc+/'), key))).toBe('malformed');
    expect(reasonOf(() => openSecret(sealed.replace(/^v1/, 'v2'), key))).toBe('unsupported_version');
    expect(reasonOf(() => sealSecret('x', randomBytes(16)))).toBe('bad_key');
    expect(reasonOf(() => openSecret(sealed, randomBytes(31)))).toBe('bad_key');
    expect(reasonOf(() => sealSecret('\uD800', key))).toBe('invalid_plaintext');
  });

  it('property: open(seal(s, k), k) = s; another key never opens it; any changed character is refused', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.nat(),
        (plain, k1, k2, position) => {
          const a = Buffer.from(k1);
          const b = Buffer.from(k2);
          const sealed = sealSecret(plain, a);
          expect(openSecret(sealed, a)).toBe(plain);
          if (!a.equals(b)) expect(reasonOf(() => openSecret(sealed, b))).toBe('auth_failed');
          const at = position % sealed.length;
          const replacement = sealed[at] === 'A' ? 'B' : 'A';
          const changed = sealed.slice(0, at) + replacement + sealed.slice(at + 1);
          expect(['auth_failed', 'malformed', 'unsupported_version']).toContain(reasonOf(() => openSecret(changed, a)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('loadMasterKey', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'motcua-key-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('creates <dataDir>/secret-key with mode 0600 on first use, then reuses it', () => {
    const dataDir = join(tempDir(), 'data'); // not yet there
    const first = loadMasterKey({}, dataDir);
    expect(first.length).toBe(32);
    const path = join(dataDir, 'secret-key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64').equals(first)).toBe(true);
    expect(loadMasterKey({}, dataDir).equals(first)).toBe(true);
    expect(openSecret(sealSecret('x', first), loadMasterKey({}, dataDir))).toBe('x');
  });

  it('prefers MOTCUA_SECRET_KEY, and creates no file then', () => {
    const dataDir = tempDir();
    const k = randomBytes(32);
    expect(loadMasterKey({ MOTCUA_SECRET_KEY: k.toString('base64') }, dataDir).equals(k)).toBe(true);
    expect(loadMasterKey({ MOTCUA_SECRET_KEY: ` ${k.toString('base64url')}\n` }, dataDir).equals(k)).toBe(true);
    expect(() => statSync(join(dataDir, 'secret-key'))).toThrow();
  });

  it('rejects a MOTCUA_SECRET_KEY that is not 32 bytes of base64, naming the variable', () => {
    const dataDir = tempDir();
    for (const bad of ['', 'short', randomBytes(16).toString('base64'), randomBytes(33).toString('base64'), `${'!'.repeat(43)}=`]) {
      expect(() => loadMasterKey({ MOTCUA_SECRET_KEY: bad }, dataDir)).toThrow(MasterKeyError);
      expect(() => loadMasterKey({ MOTCUA_SECRET_KEY: bad }, dataDir)).toThrow(/MOTCUA_SECRET_KEY/);
    }
    // Non-canonical base64 (non-zero trailing bits) is refused too.
    const canonical = randomBytes(32).toString('base64');
    const last = canonical[42] === 'B' ? 'C' : 'B';
    expect(() => loadMasterKey({ MOTCUA_SECRET_KEY: `${canonical.slice(0, 42)}${last}=` }, dataDir)).toThrow(MasterKeyError);
  });

  it('never replaces a damaged key file', () => {
    const dataDir = tempDir();
    const path = join(dataDir, 'secret-key');
    writeFileSync(path, 'damaged\n', { mode: 0o600 });
    expect(() => loadMasterKey({}, dataDir)).toThrow(MasterKeyError);
    expect(readFileSync(path, 'utf8')).toBe('damaged\n');
  });
});
