import { describe, expect, it } from 'vitest';
import type { RequiredDocument } from '../../../../contracts/catalog';
import { IntakeInput } from '../../../../contracts/dossiers';
import { checklistFor, emptyIntake, missingItems, toIntakeBody, validateIntake, type IntakeFormValues } from './intake-form';

const DOCUMENTS: RequiredDocument[] = [
  { name: 'Tờ khai', nameEn: 'Form', form: 'original', quantity: 1, mandatory: true },
  { name: 'Giấy tờ tùy thân', nameEn: null, form: 'original_or_copy', quantity: 2, mandatory: false },
  { name: 'Giấy xác nhận cư trú', nameEn: null, form: 'certified_copy', quantity: 1, mandatory: true },
];

function filled(): IntakeFormValues {
  return {
    ...emptyIntake('Q01'),
    procedureCode: '1.000893',
    person: { fullName: ' Nguyễn Thị Hoa ', idNumber: '001085012345', birthDate: '1985-03-02', address: 'Thôn 1', phone: '', email: '' },
    documents: checklistFor(DOCUMENTS),
  };
}

describe('intake form', () => {
  it('starts a checklist with nothing ticked, the required form (original when either will do) and quantity', () => {
    expect(checklistFor(DOCUMENTS)).toEqual([
      { received: false, form: 'original', count: 1 },
      { received: false, form: 'original', count: 2 },
      { received: false, form: 'certified_copy', count: 1 },
    ]);
  });

  it('writes to the applicant in the language chosen at the desk', () => {
    const values = filled();
    values.language = 'en';
    expect(toIntakeBody(values, 'accepted').applicant.language).toBe('en');
    values.applicantKind = 'organisation';
    expect(toIntakeBody(values, 'accepted').applicant.language).toBe('en');
  });

  it('maps the values to a body the server schema accepts, blanks as null, documents by position', () => {
    const values = filled();
    values.documents[0] = { received: true, form: 'original', count: 1 };
    values.missing = ['  Ảnh 4x6 ', ''];
    const body = toIntakeBody(values, 'accepted');
    expect(IntakeInput.safeParse(body).success).toBe(true);
    expect(body.applicant).toEqual({
      kind: 'person',
      fullName: 'Nguyễn Thị Hoa',
      idNumber: '001085012345',
      birthDate: '1985-03-02',
      address: 'Thôn 1',
      phone: null,
      email: null,
      language: 'vi',
    });
    expect(body.documents.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(body.missing).toEqual(['Ảnh 4x6']);
    expect(body.counterCode).toBe('Q01');
    expect(body.reason).toBeNull();
  });

  it('sends the organisation when that kind is chosen', () => {
    const values = filled();
    values.applicantKind = 'organisation';
    values.organisation = { name: 'Công ty A', taxCode: '0101234567', representative: 'Trần B', address: 'Phố 2', phone: '', email: 'a@b.vn' };
    const body = toIntakeBody(values, 'incomplete');
    expect(body.applicant).toMatchObject({ kind: 'organisation', taxCode: '0101234567', email: 'a@b.vn' });
    expect(IntakeInput.safeParse(body).success).toBe(true);
  });

  it('lists every unticked mandatory document, then the extra lines', () => {
    const checklist = checklistFor(DOCUMENTS);
    checklist[2] = { received: true, form: 'certified_copy', count: 1 };
    expect(missingItems(DOCUMENTS, checklist, ['Ảnh', ' '], (d) => d.name)).toEqual(['Tờ khai', 'Ảnh']);
  });

  it('puts applicant errors on the chosen kind’s fields and asks a reason to refuse', () => {
    const values = filled();
    values.person.idNumber = '12345';
    values.procedureCode = '';
    const errors = validateIntake(values, 'refused');
    expect(Object.keys(errors).sort()).toEqual(['person.idNumber', 'procedureCode', 'reason']);
    values.applicantKind = 'organisation';
    expect(Object.keys(validateIntake(values, 'accepted'))).toContain('organisation.taxCode');
  });
});
