import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Applicant } from '../../../../contracts/dossiers';
import { DraftApplicant, type FormDocument, type Upload } from '../../../../contracts/portal';
import {
  applicantErrors,
  applicationValues,
  draftFields,
  dropSubmitKey,
  hasUnsavedChanges,
  keepsIdempotencyKey,
  submissionProblems,
  submitKeyFor,
  toDraftApplicant,
  type ApplicationValues,
} from './application-form';

const field = (max: number) => fc.option(fc.oneof(fc.string({ maxLength: max }), fc.constantFrom('  ', ' Nguyễn Văn A ', '001190012345')), { nil: null });
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const person = fc.record({
  kind: fc.constant('person' as const),
  fullName: maybe(field(30)),
  idNumber: maybe(field(12)),
  birthDate: maybe(fc.option(fc.constantFrom('1990-05-17', '2001-12-31'), { nil: null })),
  address: maybe(field(30)),
  phone: maybe(field(20)),
  email: maybe(field(30)),
  language: maybe(fc.constantFrom('vi' as const, 'en' as const)),
});
const organisation = fc.record({
  kind: fc.constant('organisation' as const),
  name: maybe(field(30)),
  taxCode: maybe(field(14)),
  representative: maybe(field(30)),
  address: maybe(field(30)),
  phone: maybe(field(20)),
  email: maybe(field(30)),
  language: maybe(fc.constantFrom('vi' as const, 'en' as const)),
});
const draftApplicant: fc.Arbitrary<DraftApplicant> = fc.oneof(person, organisation);

function doc(index: number, mandatory: boolean): FormDocument {
  return { index, name: `Giấy tờ ${String(index)}`, nameEn: null, form: 'original', quantity: 1, mandatory, templateId: null };
}
function upload(documentIndex: number, status: Upload['status']): Upload {
  return {
    id: `00000000-0000-4000-8000-00000000000${String(documentIndex)}`,
    draftId: null,
    dossierCode: null,
    documentIndex,
    fileName: 'a.pdf',
    contentType: 'application/pdf',
    size: 3,
    sha256: '0'.repeat(64),
    offset: status === 'complete' ? 3 : 1,
    status,
    createdAt: '',
    expiresAt: null,
  };
}

function complete(): ApplicationValues {
  return applicationValues(
    { kind: 'person', fullName: 'Nguyễn Thị Dân', idNumber: '001190000123', birthDate: '1990-05-17', address: 'Số 1 đường Láng', phone: null, email: 'dan@example.vn', language: 'vi' },
    'X-HB',
    ['person'],
  );
}

describe('the application form and its draft', () => {
  it('saves what the draft holds: the form made from a draft maps back to it, trimmed, blanks as null, and has nothing unsaved', () => {
    fc.assert(
      fc.property(draftApplicant, fc.option(fc.constantFrom('X-HB', 'P-PT'), { nil: null }), (applicant, unit) => {
        const values = applicationValues(applicant, unit, [applicant.kind]);
        const saved = toDraftApplicant(values);
        expect(DraftApplicant.safeParse(saved).success).toBe(true);
        for (const [key, value] of Object.entries(applicant)) {
          if (key === 'kind' || key === 'language') expect(saved[key as keyof typeof saved]).toBe(value);
          else expect(saved[key as keyof typeof saved]).toBe(typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
        }
        expect(draftFields(values).receivingUnitCode).toBe(unit);
        const asSaved = { receivingUnit: unit ? { code: unit, name: unit, nameEn: null, address: null } : null, applicant: saved };
        expect(hasUnsavedChanges(asSaved, values)).toBe(false);
        expect(hasUnsavedChanges(asSaved, { ...values, receivingUnitCode: 'OTHER' })).toBe(true);
      }),
    );
  });

  it('keeps what was typed for a person when the citizen switches to an organisation and back', () => {
    const values = complete();
    const organisation = { ...values, kind: 'organisation' as const };
    // The organisation starts with the person's contact and name as its representative.
    expect(organisation.organisation).toMatchObject({ representative: 'Nguyễn Thị Dân', email: 'dan@example.vn', name: '' });
    expect(toDraftApplicant({ ...organisation, kind: 'person' })).toEqual(toDraftApplicant(values));
  });

  it('takes a kind the procedure allows, whatever the pre-filled applicant was', () => {
    expect(applicationValues({ kind: 'person', fullName: 'A' }, null, ['organisation']).kind).toBe('organisation');
    expect(applicationValues({ kind: 'person', fullName: 'A' }, null, ['person', 'organisation']).kind).toBe('person');
  });

  it('finds applicant problems exactly when the server’s Applicant schema would refuse it, on the form’s paths', () => {
    fc.assert(
      fc.property(draftApplicant, (applicant) => {
        const values = applicationValues(applicant, 'X-HB', [applicant.kind]);
        const errors = applicantErrors(values);
        expect(Object.keys(errors).length === 0).toBe(Applicant.safeParse(toDraftApplicant(values)).success);
        for (const path of Object.keys(errors)) expect(path.startsWith(`${applicant.kind}.`)).toBe(true);
      }),
    );
    expect(applicantErrors(complete())).toEqual({});
    expect(Object.keys(applicantErrors({ ...complete(), person: { ...complete().person, idNumber: '12345' } }))).toEqual(['person.idNumber']);
  });

  it('lets a draft go only with a unit, a whole applicant, every mandatory line uploaded and no upload unfinished', () => {
    const mandatoryDone = { document: doc(0, true), uploads: [upload(0, 'complete')] };
    const optionalEmpty = { document: doc(1, false), uploads: [] };
    const lines = [mandatoryDone, optionalEmpty];
    expect(submissionProblems(complete(), lines)).toBeNull();
    expect(submissionProblems({ ...complete(), receivingUnitCode: '' }, lines)?.unitMissing).toBe(true);
    const missing = submissionProblems(complete(), [{ document: doc(0, true), uploads: [upload(0, 'in_progress')] }, optionalEmpty]);
    expect(missing?.documentsMissing.map((d) => d.index)).toEqual([0]);
    expect(missing?.unfinished).toHaveLength(1);
    const optionalUnfinished = submissionProblems(complete(), [mandatoryDone, { document: doc(1, false), uploads: [upload(1, 'in_progress')] }]);
    expect(optionalUnfinished?.documentsMissing).toEqual([]);
    expect(optionalUnfinished?.unfinished).toHaveLength(1);
  });
});

describe('the submission’s idempotency key', () => {
  function memoryStorage() {
    const map = new Map<string, string>();
    return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
  }

  it('is the same for a draft until dropped, then a new one; another draft has its own', () => {
    const storage = memoryStorage();
    const first = submitKeyFor('d1', storage);
    expect(first.length).toBeGreaterThanOrEqual(8);
    expect(submitKeyFor('d1', storage)).toBe(first);
    expect(submitKeyFor('d2', storage)).not.toBe(first);
    dropSubmitKey('d1', storage);
    expect(submitKeyFor('d1', storage)).not.toBe(first);
  });

  it('stays the same for the page when the browser’s storage refuses', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => undefined,
    };
    const key = submitKeyFor('d3', broken);
    expect(submitKeyFor('d3', broken)).toBe(key);
    expect(submitKeyFor('d4', null)).toBe(submitKeyFor('d4', null));
  });

  it('is kept after a failure that may have created the dossier, and renewed after a refusal', () => {
    expect(keepsIdempotencyKey(0)).toBe(true);
    expect(keepsIdempotencyKey(502)).toBe(true);
    for (const status of [400, 409, 422]) expect(keepsIdempotencyKey(status)).toBe(false);
  });
});
