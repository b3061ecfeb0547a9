import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProcedureInput, type Procedure } from '../../../../contracts/catalog';
import { resources } from '../../i18n/resources';
import { serverFieldErrors, stepTotal, toBody, toFormValues, validateProcedure } from './procedure-form';

function makeProcedure(overrides: Partial<Procedure> = {}): Procedure {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    nameEn: 'Birth registration',
    field: 'civil_status',
    fieldName: 'Hộ tịch',
    fieldNameEn: 'Civil status',
    level: 'commune',
    unitCodes: [],
    applicantType: 'citizen',
    settlement: { kind: 'same_day', cutoff: '15:00' },
    fees: [{ label: 'Miễn lệ phí', labelEn: 'No fee', amountVnd: 0 }],
    feeNote: null,
    documents: [{ name: 'Tờ khai', nameEn: null, form: 'original', quantity: 1, mandatory: true, templateId: null }],
    resultType: 'Trích lục hộ tịch',
    onlineLevel: 'full',
    legalBasis: 'Luật Hộ tịch 2014',
    courtesyLetter: 'congratulation',
    homeServiceEligible: false,
    supplementDays: 15,
    stepPlan: [
      { step: 'receive', role: 'receptionist', performer: 'receiving_unit', sharePercent: 10 },
      { step: 'appraise', role: 'specialist', performer: 'settling_unit', sharePercent: 40 },
      { step: 'approve', role: 'leader', performer: 'settling_unit', sharePercent: 20 },
      { step: 'sign', role: 'leader', performer: 'settling_unit', sharePercent: 20 },
      { step: 'return', role: 'receptionist', performer: 'receiving_unit', sharePercent: 10 },
    ],
    active: true,
    version: 3,
    updatedAt: '2025-07-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('procedure editor values', () => {
  beforeAll(async () => {
    await i18next.init({ resources, lng: 'vi', fallbackLng: 'vi', interpolation: { escapeValue: false } });
  });

  it('turns a procedure into form values and back into the same input', () => {
    const procedure = makeProcedure();
    const input = ProcedureInput.parse(toBody(toFormValues(procedure)));
    expect(input.settlement).toEqual({ kind: 'same_day', cutoff: '15:00' });
    expect(input.fees).toEqual([{ label: 'Miễn lệ phí', labelEn: 'No fee', amountVnd: 0 }]);
    expect(input.stepPlan.map((s) => s.sharePercent)).toEqual([10, 40, 20, 20, 10]);
    expect(input.feeNote).toBeNull();
    expect(validateProcedure(toFormValues(procedure))).toEqual({});
  });

  it('starts a new procedure with a step plan that adds up to 100%', () => {
    expect(stepTotal(toFormValues().stepPlan)).toBe(100);
  });

  it('refuses shares that add up to 90%, on the step plan as a whole', () => {
    const values = toFormValues(makeProcedure());
    values.stepPlan = values.stepPlan.map((step, i) => (i === 1 ? { ...step, sharePercent: 30 } : step));
    expect(stepTotal(values.stepPlan)).toBe(90);
    expect(validateProcedure(values)).toEqual({ stepPlan: 'Tổng tỷ lệ của năm bước phải bằng 100%.' });
  });

  it('puts errors on the field they concern: an empty share, a negative fee, a half-hour', () => {
    const values = toFormValues(makeProcedure({ settlement: { kind: 'working_hours', amount: 8 } }));
    values.stepPlan = values.stepPlan.map((step, i) => (i === 0 ? { ...step, sharePercent: '' } : step));
    values.fees = values.fees.map((fee) => ({ ...fee, amountVnd: -5 }));
    values.settlement.amount = 1.5;
    const errors = validateProcedure(values);
    expect(errors['stepPlan.0.sharePercent']).toBe('Trường này là bắt buộc.');
    expect(errors['fees.0.amountVnd']).toBe('Giá trị nhỏ nhất là 0.');
    expect(errors['settlement.amount']).toBe('Phải là số nguyên.');
  });

  it('asks for a unit code when a step is performed by a fixed unit', () => {
    const values = toFormValues(makeProcedure());
    values.stepPlan = values.stepPlan.map((step, i) => (i === 1 ? { ...step, performer: 'unit' as const, unitCode: ' ' } : step));
    expect(validateProcedure(values)['stepPlan.1.unitCode']).toBe('Trường này là bắt buộc.');
  });

  it('maps the server’s issue paths onto the form’s fields', () => {
    expect(
      serverFieldErrors({
        issues: [
          { in: 'body', path: '/stepPlan', message: 'shares add up to 90%, not 100%' },
          { in: 'body', path: '/fees/0/amountVnd', message: 'too small' },
          { in: 'body', path: '/unitCodes/2', message: 'unknown or inactive unit "X"' },
        ],
      }),
    ).toEqual({
      stepPlan: 'shares add up to 90%, not 100%',
      'fees.0.amountVnd': 'too small',
      'unitCodes.2': 'unknown or inactive unit "X"',
    });
    expect(serverFieldErrors({})).toEqual({});
  });
});
