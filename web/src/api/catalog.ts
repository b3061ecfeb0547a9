/**
 * The procedure catalog: public search, procedure pages and statistics, and
 * the staff's editing, form templates, import and export. Responses are
 * parsed with the contracts' schemas (contracts/catalog.ts).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  CatalogField,
  CatalogStats,
  ImportReport,
  type OnlineLevel,
  Procedure,
  ProcedureDetail,
  type ProcedureLevel,
  ProcedureSearchResult,
  ProcedureSummary,
  type ProcedureInput,
} from '../../../contracts/catalog';
import { UnitKind } from '../../../contracts/roles';
import { api } from './client';
import { catalogKey } from './keys';

export const CatalogFieldListSchema = z.object({ items: z.array(CatalogField) });
export type CatalogFieldItem = z.infer<typeof CatalogField>;

export const CatalogUnitSchema = z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable(), kind: UnitKind });
export type CatalogUnit = z.infer<typeof CatalogUnitSchema>;
export const CatalogUnitListSchema = z.object({ items: z.array(CatalogUnitSchema) });

export const FormTemplateSchema = ProcedureDetail.shape.forms.element;
export type FormTemplate = z.infer<typeof FormTemplateSchema>;

export const AdminProcedureSummarySchema = ProcedureSummary.extend({ active: z.boolean(), version: z.number().int() });
export type AdminProcedureSummary = z.infer<typeof AdminProcedureSummarySchema>;
export const AdminProcedureListSchema = z.object({ total: z.number().int(), items: z.array(AdminProcedureSummarySchema) });

/** The staff view of one procedure; `forms` when the server sends them (templates to choose from). */
export const AdminProcedureSchema = Procedure.extend({ forms: z.array(FormTemplateSchema).optional() });
export type AdminProcedure = z.infer<typeof AdminProcedureSchema>;

export type { CatalogStats, ImportReport, Procedure, ProcedureDetail, ProcedureSummary } from '../../../contracts/catalog';

/** The search as it sits in the page's URL; empty strings are left out of the request. */
export interface ProcedureFilter {
  q?: string;
  field?: string;
  level?: ProcedureLevel;
  online?: OnlineLevel;
  unit?: string;
  limit: number;
  offset: number;
}

export interface AdminProcedureFilter extends ProcedureFilter {
  active?: 'true' | 'false';
}

export function useProcedureSearch(filter: ProcedureFilter) {
  return useQuery({
    queryKey: [...catalogKey, 'public', 'search', filter],
    queryFn: ({ signal }) => api.get('/api/v1/procedures', ProcedureSearchResult, { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProcedureDetail(code: string, enabled = true) {
  return useQuery({
    queryKey: [...catalogKey, 'public', 'procedure', code],
    queryFn: ({ signal }) => api.get(`/api/v1/procedures/${encodeURIComponent(code)}`, ProcedureDetail, undefined, signal),
    enabled,
  });
}

export function useCatalogFields() {
  return useQuery({
    queryKey: [...catalogKey, 'fields'],
    queryFn: ({ signal }) => api.get('/api/v1/catalog/fields', CatalogFieldListSchema, undefined, signal),
    select: (list) => list.items,
    staleTime: 5 * 60_000,
  });
}

export function useCatalogUnits() {
  return useQuery({
    queryKey: [...catalogKey, 'units'],
    queryFn: ({ signal }) => api.get('/api/v1/catalog/units', CatalogUnitListSchema, undefined, signal),
    select: (list) => list.items,
    staleTime: 5 * 60_000,
  });
}

export function useCatalogStats() {
  return useQuery({
    queryKey: [...catalogKey, 'stats'],
    queryFn: ({ signal }) => api.get('/api/v1/catalog/stats', CatalogStats, undefined, signal),
  });
}

/** Where a form template is downloaded from (public, as an attachment). */
export function formTemplateUrl(code: string, formId: string): string {
  return `/api/v1/procedures/${encodeURIComponent(code)}/forms/${encodeURIComponent(formId)}`;
}

/** The staff download of a form template, also of a procedure not (or no longer) published. */
export function adminFormTemplateUrl(code: string, formId: string): string {
  return `/api/v1/admin/procedures/${encodeURIComponent(code)}/forms/${encodeURIComponent(formId)}`;
}

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function exportUrl(format: ExportFormat): string {
  return `/api/v1/catalog/export?format=${format}`;
}

// ---------------------------------------------------------------- staff

export function useAdminProcedures(filter: AdminProcedureFilter) {
  return useQuery({
    queryKey: [...catalogKey, 'admin', 'list', filter],
    queryFn: ({ signal }) => api.get('/api/v1/admin/procedures', AdminProcedureListSchema, { ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAdminProcedure(code: string | undefined) {
  return useQuery({
    queryKey: [...catalogKey, 'admin', 'procedure', code],
    queryFn: ({ signal }) =>
      api.get(`/api/v1/admin/procedures/${encodeURIComponent(code ?? '')}`, AdminProcedureSchema, undefined, signal),
    enabled: code !== undefined,
    // An open form is not reset under the user by a background refetch.
    refetchOnWindowFocus: false,
  });
}

export type SaveProcedure = { mode: 'create'; input: ProcedureInput } | { mode: 'update'; version: number; input: ProcedureInput };

export function useSaveProcedure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (save: SaveProcedure) =>
      save.mode === 'create'
        ? api.post('/api/v1/procedures', save.input, AdminProcedureSchema)
        : api.put(
            `/api/v1/procedures/${encodeURIComponent(save.input.code)}`,
            { version: save.version, ...save.input },
            AdminProcedureSchema,
          ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKey }),
  });
}

/** Content types the server accepts for form templates, by file extension. */
export const FORM_CONTENT_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function formContentType(fileName: string): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : FORM_CONTENT_TYPES[extension];
}

export function useUploadForm(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      api.upload(
        `/api/v1/procedures/${encodeURIComponent(code)}/forms`,
        { fileName: file.name },
        file,
        formContentType(file.name) ?? file.type,
        FormTemplateSchema,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKey }),
  });
}

export function useDeleteForm(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (formId: string) =>
      api.delete(`/api/v1/procedures/${encodeURIComponent(code)}/forms/${encodeURIComponent(formId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKey }),
  });
}

export type ImportFormat = 'json' | 'csv';

export function useImportCatalog() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, format, dryRun }: { file: File; format: ImportFormat; dryRun: boolean }) =>
      api.upload(
        '/api/v1/catalog/import',
        { format, dryRun },
        file,
        format === 'json' ? 'application/json' : 'text/csv',
        ImportReport,
      ),
    onSuccess: (report) => {
      if (report.applied) void queryClient.invalidateQueries({ queryKey: catalogKey });
    },
  });
}
