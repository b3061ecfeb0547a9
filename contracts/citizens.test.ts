import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CitizenEmail, CitizenPhone, isPhone, isSafeReturnTo, loginKind, normaliseEmail, normalisePhone } from './citizens.js';

/** A Vietnamese number in its stored form: 0 + 9 digits (mobile) or 10 (landline). */
const storedPhone = fc
  .tuple(fc.constantFrom(9, 10), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }), fc.integer({ min: 1, max: 9 }))
  .map(([n, digits, first]) => `0${String(first)}${digits.slice(0, n - 1).join('')}`);

/** The ways people type a number: +84 / 0084 / 84 / 0, with spaces, dots, dashes or brackets between digits. */
function spelled(stored: string, prefix: string, separators: string[]): string {
  const national = stored.slice(1);
  let out = prefix;
  for (const [i, d] of [...national].entries()) out += (separators[i % separators.length] ?? '') + d;
  return out;
}

describe('identifier normalisation', () => {
  it('maps every spelling of a phone number to the same stored form, which is a fixed point', () => {
    fc.assert(
      fc.property(storedPhone, fc.constantFrom('0', '+84', '0084', '84', ' +84 '), fc.array(fc.constantFrom('', ' ', '.', '-', ' '), { minLength: 1, maxLength: 4 }), (stored, prefix, seps) => {
        const typed = spelled(stored, prefix, seps);
        expect(normalisePhone(typed)).toBe(stored);
        expect(normalisePhone(stored)).toBe(stored);
        expect(isPhone(stored)).toBe(true);
        expect(CitizenPhone.parse(typed)).toBe(stored);
      }),
    );
  });

  it('keeps a valid result a fixed point, made only of the typed digits with the country code dropped', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 20 }), fc.stringMatching(/^\+?[0-9 .()-]{8,16}$/)), (s) => {
        const n = normalisePhone(s);
        if (!isPhone(n)) return;
        expect(normalisePhone(n)).toBe(n);
        expect(s.replace(/\D/g, '').endsWith(n.slice(1))).toBe(true);
      }),
    );
  });

  it('compares e-mails without case or surrounding spaces, idempotently', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.boolean(), fc.constantFrom('', ' ', '  '), (email, upper, pad) => {
        const typed = `${pad}${upper ? email.toUpperCase() : email}${pad}`;
        const n = normaliseEmail(typed);
        expect(n).toBe(email.toLowerCase());
        expect(normaliseEmail(n)).toBe(n);
        expect(loginKind(typed)).toBe('email');
        const parsed = CitizenEmail.safeParse(typed);
        if (parsed.success) expect(parsed.data).toBe(n);
      }),
    );
  });

  it('reads a login without @ as a phone number', () => {
    fc.assert(
      fc.property(storedPhone, (p) => {
        expect(loginKind(p)).toBe('phone');
      }),
    );
  });
});

describe('returnTo', () => {
  it('accepts paths of this site only', () => {
    for (const ok of ['/', '/tai-khoan', '/ho-so?trang=2#x', '/thu-tuc/1.001193']) expect(isSafeReturnTo(ok), ok).toBe(true);
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'evil', '', '/a\r\nb', `/${'a'.repeat(600)}`]) expect(isSafeReturnTo(bad), bad).toBe(false);
  });

  it('never accepts anything that a browser would resolve to another host', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        if (isSafeReturnTo(s)) expect(new URL(s, 'https://motcua.example.vn').host).toBe('motcua.example.vn');
      }),
    );
  });
});
