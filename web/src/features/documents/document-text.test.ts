import { describe, expect, it } from 'vitest';
import { FORM_KINDS } from '../../../../contracts/documents';
import { fileNameOf } from '../../api/client';
import {
  addMonths,
  bytesToBase64,
  certificateState,
  defaultMonthRange,
  fileProblem,
  fileToBase64,
  formatMonth,
  formatVerificationCode,
  formFileName,
  formsByApplicability,
  groupHex,
  letterTable,
  monthRangeProblem,
  normaliseVerificationCode,
  P12_ACCEPT,
  PDF_ACCEPT,
  verifyPagePath,
  vnMonth,
} from './document-text';

describe('verification codes', () => {
  it('normalise what people type to the 12 printed characters', () => {
    expect(normaliseVerificationCode('7K2M-9QXA-4TBD')).toBe('7K2M9QXA4TBD');
    expect(normaliseVerificationCode(' 7k2m 9qxa 4tbd ')).toBe('7K2M9QXA4TBD');
    // Crockford base32: O is read as 0, I and L as 1.
    expect(normaliseVerificationCode('oK2M-9QXA-4TBl')).toBe('0K2M9QXA4TB1');
    expect(normaliseVerificationCode('ik2m9qxa4tbd')).toBe('1K2M9QXA4TBD');
  });

  it('refuse what cannot be a code', () => {
    expect(normaliseVerificationCode('')).toBeNull();
    expect(normaliseVerificationCode('7K2M-9QXA-4TB')).toBeNull();
    expect(normaliseVerificationCode('7K2M-9QXA-4TBDX')).toBeNull();
    // U is not a Crockford digit.
    expect(normaliseVerificationCode('7K2M-9QXA-4TBU')).toBeNull();
  });

  it('format a code in groups of four and keep anything else as typed', () => {
    expect(formatVerificationCode('7k2m9qxa4tbd')).toBe('7K2M-9QXA-4TBD');
    expect(formatVerificationCode(' abc ')).toBe('abc');
    expect(verifyPagePath('7K2M9QXA4TBD')).toBe('/verify/7K2M-9QXA-4TBD');
  });
});

describe('forms of a dossier', () => {
  const base = { status: 'processing', outcome: null, supplement: null, extension: null } as const;

  it('lists every form once, the applicable ones first', () => {
    const { applicable, other } = formsByApplicability(base);
    expect([...applicable, ...other].sort()).toEqual([...FORM_KINDS].sort());
    expect(applicable).toEqual(['receipt', 'control_slip']);
  });

  it('offers the refusal for a refused intake and not the receipt', () => {
    const { applicable } = formsByApplicability({ ...base, status: 'not_accepted' });
    expect(applicable).toEqual(['refusal', 'control_slip']);
  });

  it('offers the stop notice for a stopped dossier', () => {
    expect(formsByApplicability({ ...base, status: 'stopped' }).applicable).toContain('stop_notice');
  });

  it('names a downloaded form safely', () => {
    expect(formFileName('H55.242-251124-0007', 'receipt', 'vi')).toBe('H55.242-251124-0007-receipt-vi.pdf');
    expect(formFileName('A/B C', 'refusal', 'en')).toBe('A_B_C-refusal-en.pdf');
  });

  it('reads the file name of a Content-Disposition header', () => {
    expect(fileNameOf('attachment; filename="a.pdf"')).toBe('a.pdf');
    expect(fileNameOf("attachment; filename=\"x.pdf\"; filename*=UTF-8''Gi%E1%BA%A5y%20ti%E1%BA%BFp%20nh%E1%BA%ADn.pdf")).toBe('Giấy tiếp nhận.pdf');
    expect(fileNameOf('attachment; filename=plain.pdf')).toBe('plain.pdf');
    expect(fileNameOf('attachment')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});

describe('files', () => {
  it('encode bytes as base64, also beyond one chunk', async () => {
    expect(bytesToBase64(new Uint8Array([0, 1, 2, 253, 254, 255]))).toBe('AAEC/f7/');
    const big = new Uint8Array(100_000).map((_, i) => i % 256);
    const decoded = atob(bytesToBase64(big));
    expect(decoded.length).toBe(big.length);
    expect([...decoded].every((char, i) => char.charCodeAt(0) === big[i])).toBe(true);
    expect(await fileToBase64(new Blob([new Uint8Array([104, 105])]))).toBe('aGk=');
  });

  it('check a chosen file by extension or type and size', () => {
    expect(fileProblem(null, PDF_ACCEPT)).toBe('required');
    expect(fileProblem({ name: 'a.PDF', size: 10, type: '' }, PDF_ACCEPT)).toBeNull();
    expect(fileProblem({ name: 'scan', size: 10, type: 'application/pdf' }, PDF_ACCEPT)).toBeNull();
    expect(fileProblem({ name: 'a.docx', size: 10, type: 'application/msword' }, PDF_ACCEPT)).toBe('type');
    expect(fileProblem({ name: 'a.pdf', size: 0, type: 'application/pdf' }, PDF_ACCEPT)).toBe('tooLarge');
    expect(fileProblem({ name: 'unit.pfx', size: 3000, type: '' }, P12_ACCEPT)).toBeNull();
    expect(fileProblem({ name: 'unit.p12', size: 150_001, type: '' }, P12_ACCEPT)).toBe('tooLarge');
  });
});

describe('certificates', () => {
  const cert = { active: true, retiredAt: null, notBefore: '2025-01-01T00:00:00Z', notAfter: '2027-01-01T00:00:00Z' };
  const now = new Date('2026-06-01T00:00:00Z');

  it('are in use, retired, expired or not yet valid', () => {
    expect(certificateState(cert, now)).toBe('active');
    expect(certificateState({ ...cert, active: false, retiredAt: '2026-01-01T00:00:00Z' }, now)).toBe('retired');
    expect(certificateState({ ...cert, notAfter: '2026-05-01T00:00:00Z' }, now)).toBe('expired');
    expect(certificateState({ ...cert, notBefore: '2026-07-01T00:00:00Z' }, now)).toBe('notYetValid');
  });

  it('show digests in groups', () => {
    expect(groupHex('ab:cd:ef:01:23')).toBe('ABCD EF01 23');
  });
});

describe('months', () => {
  it('are taken in Vietnam time', () => {
    // 17:30 UTC on 31 January is 00:30 on 1 February in Hanoi.
    expect(vnMonth(new Date('2026-01-31T17:30:00Z'))).toBe('2026-02');
  });

  it('move across years', () => {
    expect(addMonths('2026-02', -11)).toBe('2025-03');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });

  it('default to the last twelve months', () => {
    expect(defaultMonthRange(new Date('2026-05-10T03:00:00Z'))).toEqual({ from: '2025-06', to: '2026-05' });
  });

  it('check a range', () => {
    expect(monthRangeProblem('2026-01', '2026-03')).toBeNull();
    expect(monthRangeProblem('2026-01', '2026-01')).toBeNull();
    expect(monthRangeProblem('2026-13', '2026-03')).toBe('fromInvalid');
    expect(monthRangeProblem('2026-01', '')).toBe('toInvalid');
    expect(monthRangeProblem('2026-04', '2026-03')).toBe('order');
    expect(formatMonth('2026-03')).toBe('03/2026');
  });
});

describe('letters table', () => {
  const unit = (code: string) => ({ id: '00000000-0000-4000-8000-00000000000' + code.slice(-1), code, name: code, nameEn: null });

  it('sorts by unit and month and adds totals', () => {
    const { rows, totals } = letterTable([
      { unit: unit('U10'), month: '2026-02', congratulation: 1, condolence: 0 },
      { unit: unit('U2'), month: '2026-03', congratulation: 2, condolence: 1 },
      { unit: unit('U2'), month: '2026-01', congratulation: 0, condolence: 4 },
    ]);
    expect(rows.map((r) => `${r.unit.code} ${r.month} ${String(r.total)}`)).toEqual(['U2 2026-01 4', 'U2 2026-03 3', 'U10 2026-02 1']);
    expect(totals).toEqual({ congratulation: 3, condolence: 5, total: 8 });
  });
});
