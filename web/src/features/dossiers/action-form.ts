/**
 * The fields each workflow action asks for (ACTION_BODIES in
 * contracts/dossiers.ts) and the mapping from the action modal's values to
 * the action's body. One flat set of values serves every action; each action
 * shows and sends only its own fields.
 */
import type { FormErrors } from '@mantine/form';
import type { Step } from '../../../../contracts/catalog';
import { ACTION_BODIES, type Action } from '../../../../contracts/dossiers';
import type { ActionRequest } from '../../api/dossiers';
import { schemaValidator } from '../../components/contract-form';

export const ACTION_FIELDS = [
  'note',
  'resultValues',
  'reason',
  'missing',
  'staffId',
  'proposal',
  'toStep',
  'unitCode',
  'question',
  'days',
  'consultationId',
  'answer',
  'tasks',
  'items',
  'receiptNumber',
  'newDueDate',
  'method',
  'receivedBy',
] as const;
export type ActionField = (typeof ACTION_FIELDS)[number];

export interface TaskValues {
  unitCode: string;
  task: string;
  days: number | string;
}
export interface PaymentItemValues {
  label: string;
  amountVnd: number | string;
}

export interface ActionFormValues {
  note: string;
  reason: string;
  /** One missing item per line. */
  missing: string;
  staffId: string;
  proposal: '' | 'approved' | 'rejected';
  toStep: Step | '';
  unitCode: string;
  question: string;
  days: number | string;
  consultationId: string;
  answer: string;
  tasks: TaskValues[];
  items: PaymentItemValues[];
  receiptNumber: string;
  newDueDate: string;
  method: 'desk' | 'post' | 'online';
  receivedBy: string;
  /** The result template's `result.*` values at signing, by name without the prefix. */
  resultValues: Record<string, string>;
}

/** The fields of each action's body besides `version`, in the order the modal shows them. */
export function fieldsOf(action: Action): ActionField[] {
  const shape = ACTION_BODIES[action].shape as Record<string, unknown>;
  return ACTION_FIELDS.filter((field) => Object.hasOwn(shape, field));
}

/** Actions whose outcome is bad news or final for the applicant: their confirm button is red. */
export const DANGER_ACTIONS: readonly Action[] = ['refuse_intake', 'reject', 'stop', 'withdraw', 'send_back'];

export function emptyActionValues(defaults: Partial<ActionFormValues> = {}): ActionFormValues {
  return {
    note: '',
    reason: '',
    missing: '',
    staffId: '',
    proposal: '',
    toStep: '',
    unitCode: '',
    question: '',
    days: 5,
    consultationId: '',
    answer: '',
    tasks: [{ unitCode: '', task: '', days: 5 }],
    items: [{ label: '', amountVnd: '' }],
    receiptNumber: '',
    newDueDate: '',
    method: 'desk',
    receivedBy: '',
    resultValues: {},
    ...defaults,
  };
}

function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function toNumber(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  const parsed = Number(value.trim());
  return value.trim() === '' || !Number.isFinite(parsed) ? undefined : parsed;
}

/** Lines of a textarea, trimmed, blank ones left out. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Every field's value as the bodies carry it; `toActionRequest` keeps the action's own. */
function bodyFields(values: ActionFormValues): Record<ActionField, unknown> {
  return {
    note: blankToNull(values.note),
    reason: values.reason.trim(),
    missing: lines(values.missing),
    staffId: blankToNull(values.staffId),
    proposal: values.proposal === '' ? null : values.proposal,
    toStep: values.toStep === '' ? undefined : values.toStep,
    unitCode: values.unitCode,
    question: values.question.trim(),
    days: toNumber(values.days),
    consultationId: values.consultationId === '' ? undefined : values.consultationId,
    answer: values.answer.trim(),
    tasks: values.tasks.map((task) => ({ unitCode: task.unitCode, task: task.task.trim(), days: toNumber(task.days) })),
    items: values.items.map((item) => ({ label: item.label.trim(), amountVnd: toNumber(item.amountVnd) })),
    receiptNumber: values.receiptNumber.trim(),
    newDueDate: values.newDueDate === '' ? undefined : values.newDueDate,
    method: values.method,
    receivedBy: values.receivedBy.trim(),
    resultValues: Object.fromEntries(Object.entries(values.resultValues).map(([name, value]) => [name, value.trim()])),
  };
}

/**
 * The values with exactly the result template's fields (as the server lists
 * them for signing): each one present, blank when not typed, so that the
 * schema reports a missing one on its own input.
 */
export function withResultFields(values: ActionFormValues, fields: readonly { name: string }[]): ActionFormValues {
  return { ...values, resultValues: Object.fromEntries(fields.map((field) => [field.name, values.resultValues[field.name] ?? ''])) };
}

/** The body of `action` at `version` (not yet parsed: the schema checks it). */
export function toActionRequest(action: Action, values: ActionFormValues, version: number): ActionRequest {
  const all = bodyFields(values);
  const body: Record<string, unknown> = { version };
  for (const field of fieldsOf(action)) body[field] = all[field];
  return { action, body } as ActionRequest;
}

/** Checks the values with the action's own schema; errors on `missing.N` are shown on the textarea. */
export function validateAction(action: Action, values: ActionFormValues, version: number): FormErrors {
  const errors = schemaValidator<ActionFormValues>(ACTION_BODIES[action], (v) => toActionRequest(action, v, version).body)(values);
  const mapped: FormErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const key = path.startsWith('missing.') ? 'missing' : path;
    if (!(key in mapped)) mapped[key] = message;
  }
  return mapped;
}
