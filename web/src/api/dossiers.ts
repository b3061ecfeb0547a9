/**
 * Dossiers (hồ sơ): desk intake, the inbox, the dossier page and its actions,
 * the history, lookup secrets, scanned files, and the public lookup.
 * Responses are parsed with the contracts' schemas (contracts/dossiers.ts).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  Dossier,
  DossierList,
  type DossierListQuery,
  HistoryEntry,
  InboxCounts,
  IntakeResult,
  LookupResult,
  SecretResult,
  type Action,
  type ActionBody,
  type IntakeInput,
} from '../../../contracts/dossiers';
import { Counter } from '../../../contracts/org';
import { api, request } from './client';
import { dossiersKey } from './keys';

export type { Dossier, DossierSummary, HistoryEntry, IntakeResult, LookupResult } from '../../../contracts/dossiers';

export const HistorySchema = z.object({ items: z.array(HistoryEntry) });
export const CounterListSchema = z.object({ items: z.array(Counter) });
export const DossierFileSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});
export type DossierFile = z.infer<typeof DossierFileSchema>;

/** The intake body as the client sends it (defaults of the schema left to the server). */
export type IntakeBody = z.input<typeof IntakeInput>;

function dossierPath(code: string): string {
  return `/api/v1/dossiers/${encodeURIComponent(code)}`;
}

export function useInboxCounts() {
  return useQuery({
    queryKey: [...dossiersKey, 'inbox'],
    queryFn: ({ signal }) => api.get('/api/v1/dossiers/inbox', InboxCounts, undefined, signal),
    select: (result) => result.counts,
  });
}

/** The list's query as sent: numbers and flags as the URL carries them. */
export type DossierQuery = Omit<DossierListQuery, 'page' | 'pageSize' | 'overdue'> & {
  page?: number;
  pageSize?: number;
  overdue?: 'true' | 'false';
};

export function useDossierList(query: DossierQuery, enabled = true) {
  return useQuery({
    queryKey: [...dossiersKey, 'list', query],
    queryFn: ({ signal }) => api.get('/api/v1/dossiers', DossierList, { ...query }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDossier(code: string) {
  return useQuery({
    queryKey: [...dossiersKey, 'dossier', code],
    queryFn: ({ signal }) => api.get(dossierPath(code), Dossier, undefined, signal),
    // An open action form is not reset under the user by a background refetch.
    refetchOnWindowFocus: false,
  });
}

export function useDossierHistory(code: string) {
  return useQuery({
    queryKey: [...dossiersKey, 'history', code],
    queryFn: ({ signal }) => api.get(`${dossierPath(code)}/history`, HistorySchema, undefined, signal),
    select: (result) => result.items,
  });
}

/** Counters of a unit's one-stop department (the desk picker at intake). */
export function useUnitCounters(unitId: string) {
  return useQuery({
    queryKey: ['org', 'counters', unitId],
    queryFn: ({ signal }) =>
      api.get(`/api/v1/org/units/${encodeURIComponent(unitId)}/counters`, CounterListSchema, undefined, signal),
    select: (result) => result.items.filter((counter) => counter.active),
    staleTime: 5 * 60_000,
  });
}

/**
 * Desk intake. The idempotency key is made once per form by the caller and
 * sent again on a retry, so a retried submission never creates a second dossier.
 */
export function useIntake() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: IntakeBody; idempotencyKey: string }) =>
      request('POST', '/api/v1/dossiers', { body, schema: IntakeResult, headers: { 'idempotency-key': idempotencyKey } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dossiersKey }),
  });
}

export type ActionRequest = { [A in Action]: { action: A; body: ActionBody<A> } }[Action];

export function useDossierAction(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: ActionRequest) =>
      api.post(`${dossierPath(code)}/actions/${action}`, body, Dossier),
    onSuccess: (dossier) => {
      queryClient.setQueryData([...dossiersKey, 'dossier', code], dossier);
      void queryClient.invalidateQueries({ queryKey: dossiersKey });
    },
  });
}

/** A new lookup secret for a lost receipt; the old one stops working. */
export function useReissueSecret(code: string) {
  return useMutation({
    mutationFn: () => api.post(`${dossierPath(code)}/secret`, undefined, SecretResult),
  });
}

export const SCAN_CONTENT_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

export function scanContentType(fileName: string): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : SCAN_CONTENT_TYPES[extension];
}

export function useUploadScan(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, document }: { file: File; document: number }) =>
      request('POST', `${dossierPath(code)}/files`, {
        query: { document },
        raw: { content: file, contentType: scanContentType(file.name) ?? file.type },
        headers: { 'x-file-name': encodeURIComponent(file.name) },
        schema: DossierFileSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...dossiersKey, 'dossier', code] }),
  });
}

export function dossierFileUrl(code: string, fileId: string): string {
  return `${dossierPath(code)}/files/${encodeURIComponent(fileId)}`;
}

/** The public lookup: code and secret go in the body, never in the URL. */
export function usePublicLookup() {
  return useMutation({
    mutationFn: (input: { code: string; secret: string }) => api.post('/api/v1/public/lookup', input, LookupResult),
  });
}
