/** Dates in Vietnam's time zone, the date line of Decree 30/2020, amounts in đồng, and the label dictionaries. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, dateLine, formatDate, formatDateTime, formatShortDateTime, formatVnd, localParts, toInstant } from './format.js';
import { LABELS, type Labels } from './labels.js';

describe('dates', () => {
  it('writes the date line with leading zeros for days below 10 and for January and February only', () => {
    expect(dateLine('vi', 'Hòa Bình', '2026-12-01')).toBe('Hòa Bình, ngày 01 tháng 12 năm 2026');
    expect(dateLine('vi', 'Hòa Bình', '2026-02-05')).toBe('Hòa Bình, ngày 05 tháng 02 năm 2026');
    expect(dateLine('vi', 'Hòa Bình', '2026-01-15')).toBe('Hòa Bình, ngày 15 tháng 01 năm 2026');
    expect(dateLine('vi', 'Hòa Bình', '2026-03-09')).toBe('Hòa Bình, ngày 09 tháng 3 năm 2026');
    expect(dateLine('en', 'Hòa Bình', '2026-03-09')).toBe('Hòa Bình, 9 March 2026');
  });

  it('reads instants in Asia/Ho_Chi_Minh and calendar dates as they are', () => {
    // 23:30 UTC on 30 November is 06:30 on 1 December in Vietnam.
    expect(formatDateTime('vi', '2026-11-30T23:30:00Z')).toBe('06 giờ 30 phút, ngày 01/12/2026');
    expect(formatDateTime('en', new Date('2026-11-30T23:30:00Z'))).toBe('06:30, 1 December 2026');
    expect(formatDateTime('vi', '2026-12-01')).toBe('01/12/2026');
    expect(formatDate('vi', '2026-12-01T08:00:00+07:00')).toBe('01/12/2026');
    expect(formatShortDateTime('2026-12-01T08:05:00+07:00')).toBe('01/12/2026 08:05');
    expect(formatShortDateTime('2026-12-01')).toBe('01/12/2026');
    expect(toInstant('2026-12-01').toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(localParts('2026-12-01T00:00:00+07:00')).toMatchObject({ year: 2026, month: 12, day: 1, hour: 0, minute: 0, hasTime: true });
  });

  it('refuses what is not a date', () => {
    expect(() => formatDate('vi', 'ngày mai')).toThrow(RangeError);
    expect(() => formatDate('vi', '2026-02-30')).toThrow(RangeError);
    expect(() => formatDate('vi', new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('text', () => {
  it('is NFC, with "\n" line ends, tabs as spaces and no other control character', () => {
    const nfd = 'Nguyễn Thị Hồng Nhung'.normalize('NFD');
    expect(cleanText(nfd)).toBe('Nguyễn Thị Hồng Nhung');
    expect(cleanText('a\r\nb\rc\td\u0000e\u0007f\u007fg')).toBe('a\nb\nc defg');
  });
});

describe('money', () => {
  it('groups đồng by three', () => {
    expect(formatVnd('vi', 1_000_000)).toBe('1.000.000 đồng');
    expect(formatVnd('vi', 0)).toBe('0 đồng');
    expect(formatVnd('vi', 50_000)).toBe('50.000 đồng');
    expect(formatVnd('vi', 999)).toBe('999 đồng');
    expect(formatVnd('en', 1_234_567)).toBe('1,234,567 VND');
  });

  it('refuses fractions and negative amounts', () => {
    expect(() => formatVnd('vi', 1.5)).toThrow(RangeError);
    expect(() => formatVnd('vi', -1)).toThrow(RangeError);
  });

  it('property: removing the separators gives the number back', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger().filter((n) => n >= 0), (n) => {
        const text = formatVnd('vi', n);
        expect(text.endsWith(' đồng')).toBe(true);
        const digits = text.slice(0, -' đồng'.length);
        const [head = '', ...groups] = digits.split('.');
        expect(head).toMatch(/^[1-9]\d{0,2}$|^0$/);
        for (const g of groups) expect(g).toMatch(/^\d{3}$/);
        expect(Number(digits.replaceAll('.', ''))).toBe(n);
      }),
    );
  });
});

describe('labels', () => {
  /** Every string in a dictionary, with its path; functions are called with sample values. */
  function strings(value: unknown, path: string): [string, string][] {
    if (typeof value === 'string') return [[path, value]];
    if (typeof value === 'function') {
      const f = value as (...args: unknown[]) => unknown;
      return strings(f('X', 'Y', 'Z'), `${path}()`);
    }
    if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
    return [];
  }

  it('has the same entries in Vietnamese and English, all non-empty NFC text', () => {
    const vi = strings(LABELS.vi, 'vi');
    const en = strings(LABELS.en, 'en');
    expect(vi.map(([p]) => p.slice(3))).toEqual(en.map(([p]) => p.slice(3)));
    for (const [path, text] of [...vi, ...en]) {
      expect(text.trim(), path).not.toBe('');
      expect(text, path).toBe(cleanText(text));
    }
    const keys = (l: Labels): string[] => Object.keys(l.receipt).sort();
    expect(keys(LABELS.vi)).toEqual(keys(LABELS.en));
  });
});
