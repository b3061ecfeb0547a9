/**
 * The portal's pure rules (no I/O), with property tests in rules.test.ts:
 * which applicant forms a procedure takes, the name and type an announced
 * file is held to, how a draft's applicant is completed from the account, and
 * when a result is ready for its owner.
 */
import type { ApplicantType } from '../../../contracts/catalog.js';
import type { Outcome, Status } from '../../../contracts/dossiers.js';
import type { ApplicantKind, DraftApplicant } from '../../../contracts/portal.js';
import { DomainError } from '../../http/errors.js';
import { safeFileName, UPLOAD_CONTENT_TYPES, UPLOAD_TYPES, type UploadContentType } from '../documents/storage/upload.js';

/** `citizen` → a person, `business` → an organisation, `both` → either (a person first). */
export function applicantKinds(type: ApplicantType): ApplicantKind[] {
  return type === 'citizen' ? ['person'] : type === 'business' ? ['organisation'] : ['person', 'organisation'];
}

/**
 * The name and type an announced file will be checked against when its last
 * byte arrives: the type allow-listed (PDF, JPEG, PNG), the name made safe
 * (documents storage's `safeFileName`) with an extension of that type — the
 * type's own added when the name has none; a name with another type's
 * extension is refused (415), before any byte is sent.
 */
export function announcedName(fileName: string, contentType: string): { fileName: string; contentType: UploadContentType } {
  const declared = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const allowed = { allowed: UPLOAD_CONTENT_TYPES };
  if (!Object.hasOwn(UPLOAD_TYPES, declared)) throw new DomainError('DOSSIER_FILE_TYPE_NOT_ALLOWED', { reason: 'type_not_allowed', contentType: declared.slice(0, 100), ...allowed });
  const type = declared as UploadContentType;
  const safe = safeFileName(fileName);
  const dot = safe.lastIndexOf('.');
  const extension = dot > 0 ? safe.slice(dot).toLowerCase() : '';
  if (!/^\.[a-z0-9]{1,5}$/.test(extension)) return { fileName: `${safe}${UPLOAD_TYPES[type].extension}`, contentType: type };
  if (!(UPLOAD_TYPES[type].extensions as readonly string[]).includes(extension)) {
    throw new DomainError('DOSSIER_FILE_TYPE_NOT_ALLOWED', { reason: 'type_not_allowed', extension: extension.slice(0, 20), contentType: type, ...allowed });
  }
  return { fileName: safe, contentType: type };
}

/** What of the account completes a draft's applicant. */
export type AccountDefaults = { email: string | null; emailVerified: boolean; language: 'vi' | 'en' } | undefined;

/**
 * The draft's applicant, to be checked as a whole `Applicant`: empty fields
 * dropped; the account's e-mail where the form has none, only when the
 * account proved it (so notices reach the applicant, never a stranger); the
 * account's language where the form has none. What the form says is kept.
 */
export function completeApplicant(draft: DraftApplicant, account: AccountDefaults): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(draft)) if (v !== null && v !== undefined && v !== '') out[k] = v;
  if (!out.email && account?.email && account.emailVerified) out.email = account.email;
  if (!out.language) out.language = account?.language ?? 'vi';
  return out;
}

/** Approved and signed, at the return step or returned: the result exists for its owner to collect (or download). */
export function resultReady(row: { outcome: Outcome | null; signedAt: Date | null; status: Status; step: string | null }): boolean {
  return row.outcome === 'approved' && row.signedAt !== null && (row.status === 'returned' || (row.status === 'processing' && row.step === 'return'));
}
