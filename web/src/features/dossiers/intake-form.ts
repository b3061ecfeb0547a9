/**
 * The desk intake form's values and their mapping to the intake body
 * (contracts/dossiers.ts IntakeInput). Documents and extra missing lines sit
 * at the body's paths (documents.0.count, missing.1); the applicant sits under
 * `person` or `organisation`, whichever kind is chosen.
 */
import type { FormErrors } from '@mantine/form';
import type { RequiredDocument } from '../../../../contracts/catalog';
import { IntakeInput, type Language, type Priority } from '../../../../contracts/dossiers';
import type { IntakeBody } from '../../api/dossiers';
import { schemaValidator } from '../../components/contract-form';

type DocumentForm = RequiredDocument['form'];
export type IntakeOutcome = IntakeBody['outcome'];
export type ApplicantKind = 'person' | 'organisation';

export interface ChecklistValues {
  received: boolean;
  form: DocumentForm;
  count: number | string;
}

export interface IntakeFormValues {
  procedureCode: string;
  counterCode: string;
  applicantKind: ApplicantKind;
  /** The language the applicant is written to in (e-mail, SMS). */
  language: Language;
  person: { fullName: string; idNumber: string; birthDate: string; address: string; phone: string; email: string };
  organisation: { name: string; taxCode: string; representative: string; address: string; phone: string; email: string };
  documents: ChecklistValues[];
  missing: string[];
  sets: number | string;
  priority: Priority[];
  note: string;
  reason: string;
}

export function emptyIntake(counterCode = ''): IntakeFormValues {
  return {
    procedureCode: '',
    counterCode,
    applicantKind: 'person',
    language: 'vi',
    person: { fullName: '', idNumber: '', birthDate: '', address: '', phone: '', email: '' },
    organisation: { name: '', taxCode: '', representative: '', address: '', phone: '', email: '' },
    documents: [],
    missing: [],
    sets: 1,
    priority: [],
    note: '',
    reason: '',
  };
}

/** A fresh checklist for the procedure's documents: nothing ticked yet, the required form and quantity. */
export function checklistFor(documents: readonly RequiredDocument[]): ChecklistValues[] {
  return documents.map((document) => ({
    received: false,
    form: document.form === 'original_or_copy' ? 'original' : document.form,
    count: document.quantity,
  }));
}

function blankToNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function toInt(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  const parsed = Number(value.trim());
  return value.trim() === '' || !Number.isFinite(parsed) ? undefined : parsed;
}

/** The request body for one outcome (not yet parsed). */
export function toIntakeBody(values: IntakeFormValues, outcome: IntakeOutcome): IntakeBody {
  const p = values.person;
  const o = values.organisation;
  const applicant: IntakeBody['applicant'] =
    values.applicantKind === 'person'
      ? {
          kind: 'person',
          fullName: p.fullName.trim(),
          idNumber: p.idNumber.trim(),
          birthDate: p.birthDate,
          address: p.address.trim(),
          phone: blankToNull(p.phone),
          email: blankToNull(p.email),
          language: values.language,
        }
      : {
          kind: 'organisation',
          name: o.name.trim(),
          taxCode: o.taxCode.trim(),
          representative: o.representative.trim(),
          address: o.address.trim(),
          phone: blankToNull(o.phone),
          email: blankToNull(o.email),
          language: values.language,
        };
  return {
    procedureCode: values.procedureCode,
    counterCode: blankToNull(values.counterCode),
    channel: 'in_person',
    applicant,
    documents: values.documents.map((d, index) => ({ index, received: d.received, form: d.form, count: toInt(d.count) ?? -1 })),
    missing: values.missing.map((line) => line.trim()).filter((line) => line !== ''),
    sets: toInt(values.sets) ?? 0,
    priority: values.priority,
    outcome,
    reason: outcome === 'refused' ? blankToNull(values.reason) : null,
    note: blankToNull(values.note),
  };
}

/**
 * What the request for supplementation lists: every mandatory document not
 * ticked, then the extra lines typed at the desk (once and completely, Decree
 * 118/2025 Art. 16).
 */
export function missingItems(
  documents: readonly RequiredDocument[],
  checklist: readonly ChecklistValues[],
  extra: readonly string[],
  name: (document: RequiredDocument) => string,
): string[] {
  const unticked = documents.filter((document, i) => document.mandatory && checklist[i]?.received !== true).map(name);
  return [...unticked, ...extra.map((line) => line.trim()).filter((line) => line !== '')];
}

/** A body path as the form's path: the applicant under its kind. */
function formPath(path: string, kind: ApplicantKind): string {
  return path.startsWith('applicant.') ? `${kind}.${path.slice('applicant.'.length)}` : path;
}

/** Checks the values with the server's own schema for this outcome; one translated message per field. */
export function validateIntake(values: IntakeFormValues, outcome: IntakeOutcome): FormErrors {
  const errors = schemaValidator<IntakeFormValues>(IntakeInput, (v) => toIntakeBody(v, outcome))(values);
  const mapped: FormErrors = {};
  for (const [path, message] of Object.entries(errors)) mapped[formPath(path, values.applicantKind)] = message;
  return mapped;
}

/** Server VALIDATION_FAILED issues, keyed like validateIntake's. */
export function intakeServerErrors(errors: FormErrors, kind: ApplicantKind): FormErrors {
  const mapped: FormErrors = {};
  for (const [path, message] of Object.entries(errors)) mapped[formPath(path, kind)] = message;
  return mapped;
}
