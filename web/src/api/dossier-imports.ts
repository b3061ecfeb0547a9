/**
 * The historical import of dossiers (administrators): a dry run or an import
 * of a CSV or JSON file, and the list of past imports. Responses are parsed
 * with the contracts' schemas (contracts/dossier-import.ts).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DossierImportList, DossierImportResult } from '../../../contracts/dossier-import';
import { api } from './client';
import { dossiersKey } from './keys';

export type { DossierImportList, DossierImportResult, DossierImportSummary, ImportProblem } from '../../../contracts/dossier-import';
export { IMPORT_LIMITS } from '../../../contracts/dossier-import';

export const dossierImportsKey = [...dossiersKey, 'imports'] as const;

export type ImportFileFormat = 'json' | 'csv';

export function importFormatOf(file: File): ImportFileFormat | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.csv')) return 'csv';
  return null;
}

/** A JSON file holds the rows: a bare array, or `{rows: [...]}` (the other fields are the form's). */
function jsonRows(text: string): unknown {
  const doc = JSON.parse(text) as unknown;
  return doc && typeof doc === 'object' && !Array.isArray(doc) && 'rows' in doc ? doc.rows : doc;
}

export function useDossierImports(page: number) {
  return useQuery({
    queryKey: [...dossierImportsKey, page],
    queryFn: ({ signal }) => api.get('/api/v1/dossier-imports', DossierImportList, { page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Checks (dryRun) or imports a file; a JSON file that is not JSON is sent as it is, so the server says what is wrong. */
export function useImportDossiers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, sourceSystem, dryRun }: { file: File; sourceSystem: string; dryRun: boolean }) => {
      const format = importFormatOf(file);
      const query = { dryRun, sourceSystem, fileName: file.name };
      if (format === 'csv') return api.upload('/api/v1/dossier-imports', query, file, 'text/csv', DossierImportResult);
      const text = await file.text();
      let rows: unknown;
      try {
        rows = jsonRows(text);
      } catch {
        rows = text;
      }
      return api.upload('/api/v1/dossier-imports', { dryRun }, JSON.stringify({ sourceSystem, fileName: file.name, rows }), 'application/json', DossierImportResult);
    },
    onSuccess: (result) => {
      if (!result.dryRun) void queryClient.invalidateQueries({ queryKey: dossiersKey });
    },
  });
}
