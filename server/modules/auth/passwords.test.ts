import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, passwordProblem, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from './passwords.js';

describe('password policy', () => {
  it('refuses anything shorter than 8 or longer than 128 characters, counting Vietnamese letters as one', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', minLength: 0, maxLength: PASSWORD_MIN - 1 }), (p) => {
        expect(passwordProblem(p)).toBe([...p].length < PASSWORD_MIN ? 'too_short' : passwordProblem(p));
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: PASSWORD_MAX + 1, maxLength: PASSWORD_MAX + 50 }), (p) => {
        expect(passwordProblem(p)).toBe('too_long');
      }),
    );
    expect(passwordProblem('Đăng ký!')).not.toBe('too_short');
  });

  it('accepts any long random passphrase that is not common and does not contain the username', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zđăâêôơư ]{20,60}$/), fc.stringMatching(/^[0-9]{3,8}$/), (phrase, username) => {
        fc.pre(!phrase.includes(username));
        expect(passwordProblem(phrase, username)).toBeNull();
      }),
    );
  });

  it('refuses well-known passwords whatever their case', () => {
    for (const p of ['password', 'PASSWORD1', 'qwertyuiop', '12345678', 'iloveyou']) expect(passwordProblem(p)).toBe('too_common');
  });

  it('generates passwords that pass the policy and never repeat', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const p = generatePassword();
      expect(p).toHaveLength(16);
      expect(passwordProblem(p, 'someone')).toBeNull();
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it('hashes with argon2id and verifies only the right password, NFC or NFD alike', async () => {
    const stored = await hashPassword('Mật khẩu tiếng Việt');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'Mật khẩu tiếng Việt'.normalize('NFD'))).toBe(true);
    expect(await verifyPassword(stored, 'Mat khau tieng Viet')).toBe(false);
  });
});
