/** Where the citizen portal's pages live (Vietnamese paths: what citizens type and share). */
export const APPLY_PATH = '/nop-truc-tuyen';
export const MY_DOSSIERS_PATH = '/ho-so-cua-toi';
export const DRAFTS_PATH = '/ho-so-cua-toi/nhap';

/** The application form of a procedure; with a draft's id it resumes that draft. */
export function applyPath(procedureCode: string, draftId?: string | null): string {
  const path = `${APPLY_PATH}/${encodeURIComponent(procedureCode)}`;
  return draftId ? `${path}?${new URLSearchParams({ draft: draftId }).toString()}` : path;
}

export function myDossierPath(code: string): string {
  return `${MY_DOSSIERS_PATH}/${encodeURIComponent(code)}`;
}
