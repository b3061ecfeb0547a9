/**
 * The procedure editor's values and their mapping to ProcedureInput. Form
 * values sit at the same paths as the request body (fees.0.amountVnd,
 * stepPlan.2.sharePercent …) so that both our zod check and the server's
 * VALIDATION_FAILED issues land on the field they concern.
 */
import type { FormErrors } from '@mantine/form';
import i18next from 'i18next';
import type { z } from 'zod';
import {
  type ApplicantType,
  type CourtesyLetter,
  type OnlineLevel,
  type Procedure,
  ProcedureInput,
  type ProcedureLevel,
  type SettlementTime,
  STEPS,
  type Step,
} from '../../../../contracts/catalog';
import type { Role } from '../../../../contracts/roles';
import { formatNumber } from '../../i18n/format';

type DocumentForm = ProcedureInput['documents'][number]['form'];
type Performer = ProcedureInput['stepPlan'][number]['performer'];
type SettlementKind = SettlementTime['kind'];
/** What a Mantine NumberInput holds: a number, or '' when empty. */
type NumberValue = number | string;

export interface FeeValues {
  key: string;
  label: string;
  labelEn: string;
  amountVnd: NumberValue;
}

export interface DocumentValues {
  key: string;
  name: string;
  nameEn: string;
  form: DocumentForm;
  quantity: NumberValue;
  mandatory: boolean;
  templateId: string | null;
}

export interface StepValues {
  step: Step;
  role: Role | '';
  performer: Performer;
  unitCode: string;
  sharePercent: NumberValue;
}

export interface ProcedureFormValues {
  code: string;
  name: string;
  nameEn: string;
  field: string;
  level: ProcedureLevel | '';
  unitCodes: string[];
  applicantType: ApplicantType;
  settlement: { kind: SettlementKind; amount: NumberValue; cutoff: string };
  fees: FeeValues[];
  feeNote: string;
  documents: DocumentValues[];
  resultType: string;
  onlineLevel: OnlineLevel;
  legalBasis: string;
  courtesyLetter: CourtesyLetter;
  homeServiceEligible: boolean;
  supplementDays: number;
  stepPlan: StepValues[];
  active: boolean;
}

let keySeed = 0;
/** A stable React key for a new list row. */
export function rowKey(): string {
  keySeed += 1;
  return `row-${String(keySeed)}`;
}

/** A common split of the settlement time for a new procedure; the admin adjusts it. */
const DEFAULT_STEP_PLAN: readonly Omit<StepValues, 'unitCode'>[] = [
  { step: 'receive', role: 'receptionist', performer: 'receiving_unit', sharePercent: 10 },
  { step: 'appraise', role: 'specialist', performer: 'settling_unit', sharePercent: 60 },
  { step: 'approve', role: 'leader', performer: 'settling_unit', sharePercent: 15 },
  { step: 'sign', role: 'leader', performer: 'settling_unit', sharePercent: 5 },
  { step: 'return', role: 'receptionist', performer: 'receiving_unit', sharePercent: 10 },
];

export function emptyDocument(): DocumentValues {
  return { key: rowKey(), name: '', nameEn: '', form: 'original', quantity: 1, mandatory: true, templateId: null };
}

export function emptyFee(): FeeValues {
  return { key: rowKey(), label: '', labelEn: '', amountVnd: 0 };
}

export function toFormValues(procedure?: Procedure): ProcedureFormValues {
  if (!procedure) {
    return {
      code: '',
      name: '',
      nameEn: '',
      field: '',
      level: 'commune',
      unitCodes: [],
      applicantType: 'citizen',
      settlement: { kind: 'working_days', amount: 1, cutoff: '' },
      fees: [],
      feeNote: '',
      documents: [emptyDocument()],
      resultType: '',
      onlineLevel: 'none',
      legalBasis: '',
      courtesyLetter: 'none',
      homeServiceEligible: false,
      supplementDays: 15,
      stepPlan: DEFAULT_STEP_PLAN.map((step) => ({ ...step, unitCode: '' })),
      active: true,
    };
  }
  const settlement = procedure.settlement;
  return {
    code: procedure.code,
    name: procedure.name,
    nameEn: procedure.nameEn ?? '',
    field: procedure.field,
    level: procedure.level,
    unitCodes: [...procedure.unitCodes],
    applicantType: procedure.applicantType,
    settlement:
      settlement.kind === 'same_day'
        ? { kind: 'same_day', amount: '', cutoff: settlement.cutoff ?? '' }
        : { kind: settlement.kind, amount: settlement.amount, cutoff: '' },
    fees: procedure.fees.map((fee) => ({ key: rowKey(), label: fee.label, labelEn: fee.labelEn ?? '', amountVnd: fee.amountVnd })),
    feeNote: procedure.feeNote ?? '',
    documents: procedure.documents.map((document) => ({
      key: rowKey(),
      name: document.name,
      nameEn: document.nameEn ?? '',
      form: document.form,
      quantity: document.quantity,
      mandatory: document.mandatory,
      templateId: document.templateId ?? null,
    })),
    resultType: procedure.resultType ?? '',
    onlineLevel: procedure.onlineLevel,
    legalBasis: procedure.legalBasis ?? '',
    courtesyLetter: procedure.courtesyLetter,
    homeServiceEligible: procedure.homeServiceEligible,
    supplementDays: procedure.supplementDays,
    stepPlan: STEPS.map((step) => {
      const planned = procedure.stepPlan.find((s) => s.step === step);
      return {
        step,
        role: planned?.role ?? '',
        performer: planned?.performer ?? 'settling_unit',
        unitCode: planned?.unitCode ?? '',
        sharePercent: planned?.sharePercent ?? 0,
      };
    }),
    active: procedure.active,
  };
}

function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** An empty or unreadable number stays undefined, so the schema reports the field as missing. */
function toNumber(value: NumberValue): number | undefined {
  if (typeof value === 'number') return value;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** The request body (not yet parsed), at the same paths as the form values. */
export function toBody(values: ProcedureFormValues): unknown {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    nameEn: blankToNull(values.nameEn),
    field: values.field,
    level: values.level === '' ? undefined : values.level,
    unitCodes: values.unitCodes,
    applicantType: values.applicantType,
    settlement:
      values.settlement.kind === 'same_day'
        ? { kind: 'same_day', cutoff: blankToNull(values.settlement.cutoff) }
        : { kind: values.settlement.kind, amount: toNumber(values.settlement.amount) },
    fees: values.fees.map((fee) => ({ label: fee.label.trim(), labelEn: blankToNull(fee.labelEn), amountVnd: toNumber(fee.amountVnd) })),
    feeNote: blankToNull(values.feeNote),
    documents: values.documents.map((document) => ({
      name: document.name.trim(),
      nameEn: blankToNull(document.nameEn),
      form: document.form,
      quantity: toNumber(document.quantity),
      mandatory: document.mandatory,
      templateId: document.templateId,
    })),
    resultType: blankToNull(values.resultType),
    onlineLevel: values.onlineLevel,
    legalBasis: blankToNull(values.legalBasis),
    courtesyLetter: values.courtesyLetter,
    homeServiceEligible: values.homeServiceEligible,
    supplementDays: values.supplementDays,
    stepPlan: values.stepPlan.map((step) => ({
      step: step.step,
      role: step.role === '' ? undefined : step.role,
      performer: step.performer,
      unitCode: step.performer === 'unit' ? blankToNull(step.unitCode) : null,
      sharePercent: toNumber(step.sharePercent),
    })),
    active: values.active,
  };
}

/** The sum of the step shares as typed so far (empty shares count 0). */
export function stepTotal(steps: readonly StepValues[]): number {
  return steps.reduce((sum, step) => sum + (toNumber(step.sharePercent) ?? 0), 0);
}

function messageFor(issue: z.core.$ZodIssue): string {
  const t = i18next.t;
  const path = issue.path.map(String);
  if (path.length === 1 && path[0] === 'stepPlan' && issue.code === 'custom') return t('procedureAdmin.steps.notHundred');
  if (path.at(-1) === 'cutoff') return t('procedureAdmin.validation.time');
  if (path.at(-1) === 'code' && issue.code === 'invalid_format') return t('procedureAdmin.validation.code');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number') return t('procedureAdmin.validation.min', { min: formatNumber(Number(issue.minimum)) });
      return t('validation.required');
    case 'too_big':
      if (issue.origin === 'number') return t('procedureAdmin.validation.max', { max: formatNumber(Number(issue.maximum)) });
      return t('validation.tooLong');
    case 'not_multiple_of':
      return t('procedureAdmin.validation.halfDay');
    case 'invalid_type':
      return issue.expected === 'int' ? t('procedureAdmin.validation.integer') : t('validation.required');
    case 'custom':
    case 'invalid_value':
    case 'invalid_union':
      return t('validation.required');
    default:
      return t('validation.invalid');
  }
}

/** Checks the values with the server's own schema; one translated message per field. */
export function validateProcedure(values: ProcedureFormValues): FormErrors {
  const result = ProcedureInput.safeParse(toBody(values));
  if (result.success) return {};
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in errors)) errors[path] = messageFor(issue);
  }
  return errors;
}

/**
 * The server's VALIDATION_FAILED issues ({path: "/stepPlan/0/sharePercent", message})
 * as form errors at the same paths; the form-level ones (path "/") under "".
 */
export function serverFieldErrors(details: Readonly<Record<string, unknown>>): FormErrors {
  const issues = details.issues;
  if (!Array.isArray(issues)) return {};
  const errors: FormErrors = {};
  for (const issue of issues as unknown[]) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (typeof path !== 'string' || typeof message !== 'string') continue;
    const key = path.replace(/^\/+/, '').split('/').filter(Boolean).join('.');
    // The body carries the version beside the input: its issues are the form's own.
    if (!(key in errors)) errors[key === 'version' ? '' : key] = message;
  }
  return errors;
}
