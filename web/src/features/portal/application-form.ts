/**
 * The online application form's values and their mapping to the portal's
 * drafts (contracts/portal.ts): the applicant as typed (strings, blanks
 * allowed) ↔ the draft's applicant (blanks as null), what still stops the
 * submission (checked with the same `Applicant` schema the server applies),
 * and the idempotency key a draft's submission keeps.
 *
 * Both applicant forms are kept while the citizen switches between person and
 * organisation, so nothing typed is lost; only the chosen one is saved.
 */
import type { FormErrors } from '@mantine/form';
import { Applicant } from '../../../../contracts/dossiers';
import type { ApplicantKind, Draft, DraftApplicant, FormDocument, Upload } from '../../../../contracts/portal';
import { schemaValidator } from '../../components/contract-form';

export interface PersonValues {
  fullName: string;
  idNumber: string;
  birthDate: string;
  address: string;
  phone: string;
  email: string;
}
export interface OrganisationValues {
  name: string;
  taxCode: string;
  representative: string;
  address: string;
  phone: string;
  email: string;
}
export interface ApplicationValues {
  receivingUnitCode: string;
  kind: ApplicantKind;
  person: PersonValues;
  organisation: OrganisationValues;
  /** The language notices are written in (from the account); kept as it is. */
  language: 'vi' | 'en' | undefined;
}

const text = (value: string | null | undefined): string => value ?? '';
const blankToNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** The form's values for a draft (or the pre-filled applicant); the other applicant form starts with the contact fields. */
export function applicationValues(applicant: DraftApplicant, receivingUnitCode: string | null, kinds: readonly ApplicantKind[]): ApplicationValues {
  const person: PersonValues =
    applicant.kind === 'person'
      ? {
          fullName: text(applicant.fullName),
          idNumber: text(applicant.idNumber),
          birthDate: text(applicant.birthDate),
          address: text(applicant.address),
          phone: text(applicant.phone),
          email: text(applicant.email),
        }
      : { fullName: '', idNumber: '', birthDate: '', address: '', phone: text(applicant.phone), email: text(applicant.email) };
  const organisation: OrganisationValues =
    applicant.kind === 'organisation'
      ? {
          name: text(applicant.name),
          taxCode: text(applicant.taxCode),
          representative: text(applicant.representative),
          address: text(applicant.address),
          phone: text(applicant.phone),
          email: text(applicant.email),
        }
      : { name: '', taxCode: '', representative: applicant.fullName ?? '', address: '', phone: text(applicant.phone), email: text(applicant.email) };
  const kind = kinds.includes(applicant.kind) ? applicant.kind : (kinds[0] ?? applicant.kind);
  return { receivingUnitCode: receivingUnitCode ?? '', kind, person, organisation, language: applicant.language };
}

/** The draft's applicant for the chosen form: trimmed, blanks as null. */
export function toDraftApplicant(values: ApplicationValues): DraftApplicant {
  const language = values.language === undefined ? {} : { language: values.language };
  if (values.kind === 'person') {
    const p = values.person;
    return {
      kind: 'person',
      fullName: blankToNull(p.fullName),
      idNumber: blankToNull(p.idNumber),
      birthDate: blankToNull(p.birthDate),
      address: blankToNull(p.address),
      phone: blankToNull(p.phone),
      email: blankToNull(p.email),
      ...language,
    };
  }
  const o = values.organisation;
  return {
    kind: 'organisation',
    name: blankToNull(o.name),
    taxCode: blankToNull(o.taxCode),
    representative: blankToNull(o.representative),
    address: blankToNull(o.address),
    phone: blankToNull(o.phone),
    email: blankToNull(o.email),
    ...language,
  };
}

/** What a save sends (PATCH body without the version). */
export function draftFields(values: ApplicationValues): { receivingUnitCode: string | null; applicant: DraftApplicant } {
  return { receivingUnitCode: blankToNull(values.receivingUnitCode), applicant: toDraftApplicant(values) };
}

/** Whether the form differs from the draft as saved (nothing to save otherwise). */
export function hasUnsavedChanges(draft: Pick<Draft, 'receivingUnit' | 'applicant'>, values: ApplicationValues): boolean {
  const fields = draftFields(values);
  const saved = { receivingUnitCode: draft.receivingUnit?.code ?? null, applicant: normalised(draft.applicant) };
  return JSON.stringify(normalised(fields.applicant)) !== JSON.stringify(saved.applicant) || fields.receivingUnitCode !== saved.receivingUnitCode;
}

/** A draft applicant with every field present (null when missing), keys in one order. */
function normalised(applicant: DraftApplicant): Record<string, unknown> {
  const keys =
    applicant.kind === 'person'
      ? (['kind', 'fullName', 'idNumber', 'birthDate', 'address', 'phone', 'email', 'language'] as const)
      : (['kind', 'name', 'taxCode', 'representative', 'address', 'phone', 'email', 'language'] as const);
  const record = applicant as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, record[key] ?? null]));
}

/** The applicant's problems as the server would see them at submission, keyed by the form's paths (`person.idNumber`). */
export function applicantErrors(values: ApplicationValues): FormErrors {
  const errors = schemaValidator<ApplicationValues>(Applicant, toDraftApplicant)(values);
  const mapped: FormErrors = {};
  for (const [path, message] of Object.entries(errors)) mapped[`${values.kind}.${path}`] = message;
  return mapped;
}

/** A document line of the form with the uploads made for it. */
export type LineUploads = { document: FormDocument; uploads: readonly Upload[] };

export interface SubmissionProblems {
  unitMissing: boolean;
  applicant: FormErrors;
  /** Mandatory lines without a completed upload. */
  documentsMissing: FormDocument[];
  /** Uploads announced but not finished (they would make the submission 409). */
  unfinished: Upload[];
}

/** Everything that stops the draft from being submitted, or null when it can go. */
export function submissionProblems(values: ApplicationValues, lines: readonly LineUploads[]): SubmissionProblems | null {
  const problems: SubmissionProblems = {
    unitMissing: values.receivingUnitCode.trim() === '',
    applicant: applicantErrors(values),
    documentsMissing: lines.filter((l) => l.document.mandatory && !l.uploads.some((u) => u.status === 'complete')).map((l) => l.document),
    unfinished: lines.flatMap((l) => l.uploads.filter((u) => u.status !== 'complete')),
  };
  const none = !problems.unitMissing && Object.keys(problems.applicant).length === 0 && problems.documentsMissing.length === 0 && problems.unfinished.length === 0;
  return none ? null : problems;
}

/**
 * Whether a failed submission may have created the dossier, so a retry must
 * send the same Idempotency-Key (the server then answers the same dossier):
 * no answer, or the server's own trouble. A refusal (4xx) created nothing:
 * the next attempt takes a new key.
 */
export function keepsIdempotencyKey(status: number): boolean {
  return status === 0 || status >= 500;
}

/** Where a draft's submission key is kept, so a reload and a retry send the same one. */
const KEY_PREFIX = 'motcua.portal.submit.';
/** The page's own copy, for when the browser's storage is off. */
const keptInMemory = new Map<string, string>();

/** The draft's current submission key (made and kept on first use). */
export function submitKeyFor(draftId: string, storage: Pick<Storage, 'getItem' | 'setItem'> | null): string {
  const stored = safely(() => storage?.getItem(KEY_PREFIX + draftId)) ?? keptInMemory.get(draftId);
  if (stored && stored.length >= 8 && stored.length <= 100) return stored;
  const key = crypto.randomUUID();
  keptInMemory.set(draftId, key);
  safely(() => storage?.setItem(KEY_PREFIX + draftId, key));
  return key;
}

/** Forgets the key after a refusal (the next attempt takes a new one) or once the receipt is shown. */
export function dropSubmitKey(draftId: string, storage: Pick<Storage, 'removeItem'> | null): void {
  keptInMemory.delete(draftId);
  safely(() => storage?.removeItem(KEY_PREFIX + draftId));
}

/** Storage may be off (private mode, a full quota): the key then lives as long as the page. */
function safely<T>(work: () => T): T | undefined {
  try {
    return work();
  } catch {
    return undefined;
  }
}
