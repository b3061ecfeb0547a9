import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUSES, type Status } from '../../../contracts/dossiers.js';
import type { DraftApplicant } from '../../../contracts/portal.js';
import { DomainError } from '../../http/errors.js';
import { UPLOAD_TYPES, type UploadContentType } from '../documents/storage/upload.js';
import { announcedName, applicantKinds, completeApplicant, resultReady } from './rules.js';

const TYPES = Object.keys(UPLOAD_TYPES) as UploadContentType[];
const stem = fc.string({ minLength: 0, maxLength: 40 });
const ext = fc.constantFrom('', '.pdf', '.PDF', '.jpg', '.jpeg', '.png', '.exe', '.docx', '.tar.gz', '.');

function refused(f: () => unknown): boolean {
  try {
    f();
    return false;
  } catch (err) {
    if (err instanceof DomainError && err.code === 'DOSSIER_FILE_TYPE_NOT_ALLOWED') return true;
    throw err;
  }
}

describe('an announced file name and type', () => {
  it('always ends with an extension of the declared type, with no path, or is refused as not allowed', () => {
    fc.assert(
      fc.property(stem, ext, fc.constantFrom(...TYPES), (s, e, type) => {
        let named: ReturnType<typeof announcedName> | undefined;
        const no = refused(() => (named = announcedName(`${s}${e}`, type)));
        if (no) return;
        expect(named?.contentType).toBe(type);
        const name = named?.fileName ?? '';
        expect(UPLOAD_TYPES[type].extensions.some((x) => name.toLowerCase().endsWith(x))).toBe(true);
        expect(name).not.toMatch(/[/\\]/);
      }),
    );
  });

  it('is refused exactly when the name carries another type’s (or no allowed) extension', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,10}$/), fc.constantFrom(...TYPES), fc.constantFrom(...TYPES), (s, declared, ofName) => {
        const extension = UPLOAD_TYPES[ofName].extension;
        expect(refused(() => announcedName(`${s}${extension}`, declared))).toBe(!(UPLOAD_TYPES[declared].extensions as readonly string[]).includes(extension));
        expect(refused(() => announcedName(`${s}.exe`, declared))).toBe(true);
      }),
    );
  });

  it('refuses every type outside PDF, JPEG and PNG, whatever the name', () => {
    fc.assert(
      fc.property(stem, fc.string({ maxLength: 30 }).filter((t) => !TYPES.includes(t.split(';')[0]?.trim().toLowerCase() as UploadContentType)), (s, type) => {
        expect(refused(() => announcedName(`${s}.pdf`, type))).toBe(true);
      }),
    );
  });
});

describe("the applicant completed from the account", () => {
  const text = fc.option(fc.string({ maxLength: 20 }), { nil: null });
  const person = fc.record({
    kind: fc.constant('person' as const),
    fullName: text,
    idNumber: text,
    address: text,
    email: fc.option(fc.constantFrom('', 'form@example.vn'), { nil: null }),
    language: fc.option(fc.constantFrom('vi' as const, 'en' as const), { nil: undefined }),
  });
  const account = fc.option(
    fc.record({ email: fc.option(fc.constant('account@example.vn'), { nil: null }), emailVerified: fc.boolean(), language: fc.constantFrom('vi' as const, 'en' as const) }),
    { nil: undefined },
  );

  it("keeps what the form says, drops empty fields, and takes only a proven account e-mail", () => {
    fc.assert(
      fc.property(person, account, (draft, acc) => {
        const out = completeApplicant(draft as DraftApplicant, acc);
        for (const [k, v] of Object.entries(draft)) if (v) expect(out[k]).toBe(v);
        expect(Object.values(out).every((v) => v !== null && v !== '')).toBe(true);
        if (draft.email) expect(out.email).toBe(draft.email);
        else if (acc?.email && acc.emailVerified) expect(out.email).toBe(acc.email);
        else expect(out.email).toBeUndefined();
        expect(out.language).toBe(draft.language ?? acc?.language ?? 'vi');
      }),
    );
  });
});

describe('applicant kinds and a ready result', () => {
  it('follows the procedure’s applicant type', () => {
    expect(applicantKinds('citizen')).toEqual(['person']);
    expect(applicantKinds('business')).toEqual(['organisation']);
    expect(applicantKinds('both')).toEqual(['person', 'organisation']);
  });

  it('is ready only approved and signed, at the return step or returned', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.constantFrom(null, 'receive', 'appraise', 'approve', 'sign', 'return'), fc.constantFrom(null, 'approved' as const, 'rejected' as const), fc.boolean(), (status: Status, step, outcome, signed) => {
        const ready = resultReady({ status, step, outcome, signedAt: signed ? new Date() : null });
        expect(ready).toBe(outcome === 'approved' && signed && (status === 'returned' || (status === 'processing' && step === 'return')));
      }),
    );
  });
});
