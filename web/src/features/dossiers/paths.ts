/** Where the dossier screens live in the staff workspace. */
import type { PrintForm } from './dossier-text';

export const INTAKE_PATH = '/staff/intake';
export const INBOX_PATH = '/staff/dossiers';
export const REGISTER_PATH = '/staff/register';

export function dossierPath(code: string): string {
  return `${INBOX_PATH}/${encodeURIComponent(code)}`;
}

export function printPath(code: string, form: PrintForm): string {
  return `${dossierPath(code)}/print/${form}`;
}
