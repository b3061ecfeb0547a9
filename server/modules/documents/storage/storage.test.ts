import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertKey, InvalidStorageKeyError, isStorageKey, newStorageKey, STORAGE_PREFIXES, type StoragePrefix } from './storage.js';

describe('storage keys', () => {
  it('are <prefix>/<yyyy>/<mm>/<uuid v4>, year and month in UTC', () => {
    const key = newStorageKey('documents', new Date('2026-12-31T20:00:00Z'));
    expect(key).toMatch(/^documents\/2026\/12\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // 1 January 03:00 in Hà Nội is still 31 December in UTC.
    expect(newStorageKey('scans', new Date('2026-01-01T03:00:00+07:00'))).toMatch(/^scans\/2025\/12\//);
    expect(newStorageKey('forms', new Date('2026-03-05T00:00:00Z'))).toMatch(/^forms\/2026\/03\//);
  });

  it('are fresh every time', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const keys = new Set(Array.from({ length: 1000 }, () => newStorageKey('certificates', now)));
    expect(keys.size).toBe(1000);
  });

  it('refuses an unknown prefix and a date outside four-digit years', () => {
    expect(() => newStorageKey('../etc' as StoragePrefix, new Date())).toThrow(InvalidStorageKeyError);
    expect(() => newStorageKey('documents', new Date(Number.NaN))).toThrow(RangeError);
    expect(() => newStorageKey('documents', new Date('+012026-01-01T00:00:00Z'))).toThrow(RangeError);
  });

  it('assertKey refuses traversal, absolute paths, client names and near misses', () => {
    const good = newStorageKey('documents', new Date('2026-12-01T00:00:00Z'));
    expect(() => assertKey(good)).not.toThrow();
    const bad = [
      '../x',
      '../../etc/passwd',
      `documents/2026/12/../${good.slice(-36)}`,
      `/${good}`,
      `${good}/`,
      '/etc/passwd',
      'C:\\Windows\\system.ini',
      good.replaceAll('/', '\\'),
      'Giấy khai sinh.pdf',
      'scan.pdf',
      `documents/2026/12/${good.slice(-36)}.pdf`,
      `documents/2026/13/${good.slice(-36)}`,
      `documents/2026/00/${good.slice(-36)}`,
      `other/2026/12/${good.slice(-36)}`,
      good.toUpperCase(),
      `${good}\0`,
      `${good}\n`,
      '',
      `${good.slice(0, -36)}${good.slice(-36, -22)}1${good.slice(-21)}`, // a version-1 UUID
    ];
    for (const key of bad) {
      expect(() => assertKey(key), JSON.stringify(key)).toThrow(InvalidStorageKeyError);
      expect(isStorageKey(key)).toBe(false);
    }
    for (const notString of [undefined, null, 42, {}, [good]]) expect(isStorageKey(notString)).toBe(false);
  });

  it('the refusal does not repeat the refused value', () => {
    expect(() => assertKey('../../secret-name')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret-name') as unknown }));
  });

  it('property: every generated key passes assertKey', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STORAGE_PREFIXES),
        fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        (prefix, now) => {
          const key = newStorageKey(prefix, now);
          assertKey(key);
          return key.startsWith(`${prefix}/`);
        },
      ),
    );
  });

  it('property: a string with `..`, a leading `/` or a `\\` never passes', () => {
    const good = newStorageKey('documents', new Date('2026-12-01T00:00:00Z'));
    const tail = good.slice(-36);
    const poisoned = fc.oneof(
      // `..` anywhere, including inside an otherwise well-formed key
      fc.tuple(fc.string(), fc.string()).map(([a, b]) => `${a}..${b}`),
      fc.nat({ max: good.length }).map((at) => `${good.slice(0, at)}..${good.slice(at)}`),
      fc.constantFrom('documents/../', 'documents/2026/..', `documents/2026/12/..${tail.slice(2)}`),
      // a leading slash
      fc.string().map((s) => `/${s}`),
      fc.constant(`/${good}`),
      // a backslash anywhere
      fc.tuple(fc.string(), fc.string()).map(([a, b]) => `${a}\\${b}`),
      fc.nat({ max: good.length }).map((at) => `${good.slice(0, at)}\\${good.slice(at)}`),
    );
    fc.assert(
      fc.property(poisoned, (key) => {
        expect(() => assertKey(key)).toThrow(InvalidStorageKeyError);
      }),
      { numRuns: 500 },
    );
  });
});
