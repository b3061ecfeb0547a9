/**
 * The citizen portal (docs/api.md "Online application (portal)"): the
 * application form, drafts, resumable uploads, submission, My dossiers,
 * answering a request for supplementation, the result and the rating.
 * Responses are parsed with contracts/portal.ts; every route needs the
 * citizen's session (client.ts sends its CSRF token on /api/v1/portal/…).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  ApplicationForm,
  Draft,
  DraftList,
  type DraftSummary as DraftSummarySchema,
  MyDossier,
  MyDossierList,
  RatingResult,
  SubmitResult,
  Upload,
  type DraftCreate,
  type DraftUpdate,
  type MyDossierListQuery,
  type PortalRatingInput,
  type SupplementInput,
  type WithdrawInput,
} from '../../../contracts/portal';
import { sendFile, type UploadCallbacks, type UploadLimits, type UploadTransport } from '../features/portal/resumable-upload';
import { api, isApiError, request } from './client';
import { portalKey } from './keys';

export type { ApplicantKind, ApplicationForm, Draft, FormDocument, FormUnit, MyDossier, MyDossierSummary, SubmitResult, Upload } from '../../../contracts/portal';

const BASE = '/api/v1/portal';
const draftsKey = [...portalKey, 'drafts'] as const;
const dossiersKey = [...portalKey, 'dossiers'] as const;

const draftPath = (id: string) => `${BASE}/drafts/${encodeURIComponent(id)}`;
const dossierPath = (code: string) => `${BASE}/dossiers/${encodeURIComponent(code)}`;
const uploadPath = (id: string) => `${BASE}/uploads/${encodeURIComponent(id)}`;

export function useApplicationForm(procedureCode: string) {
  return useQuery({
    queryKey: [...portalKey, 'form', procedureCode],
    queryFn: ({ signal }) => api.get(`${BASE}/procedures/${encodeURIComponent(procedureCode)}/application`, ApplicationForm, undefined, signal),
    staleTime: 5 * 60_000,
    // 404 and 422 (not offered online) are answers, not hiccups.
    retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
  });
}

export function useDrafts() {
  return useQuery({
    queryKey: [...draftsKey, 'list'],
    queryFn: ({ signal }) => api.get(`${BASE}/drafts`, DraftList, undefined, signal),
    select: (list) => list.items,
  });
}

export function useDraft(id: string | null) {
  return useQuery({
    queryKey: [...draftsKey, 'draft', id],
    queryFn: ({ signal }) => api.get(draftPath(id ?? ''), Draft, undefined, signal),
    enabled: id !== null,
    // The form holds what the citizen types; a background refetch must not replace it under them.
    refetchOnWindowFocus: false,
    retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
  });
}

/** Stores a draft as the server sent it back, and refreshes the list. */
function useKeepDraft() {
  const queryClient = useQueryClient();
  return (draft: Draft) => {
    queryClient.setQueryData([...draftsKey, 'draft', draft.id], draft);
    void queryClient.invalidateQueries({ queryKey: [...draftsKey, 'list'] });
  };
}

export function useCreateDraft() {
  const keep = useKeepDraft();
  return useMutation({
    mutationFn: (input: DraftCreate) => api.post(`${BASE}/drafts`, input, Draft),
    onSuccess: keep,
  });
}

export function useUpdateDraft() {
  const keep = useKeepDraft();
  return useMutation({
    mutationFn: ({ id, ...body }: DraftUpdate & { id: string }) => api.patch(draftPath(id), body, Draft),
    onSuccess: keep,
  });
}

export function useDeleteDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => request('DELETE', draftPath(id), { query: { version } }),
    onSuccess: (_answer, { id }) => {
      queryClient.removeQueries({ queryKey: [...draftsKey, 'draft', id] });
      return queryClient.invalidateQueries({ queryKey: [...draftsKey, 'list'] });
    },
  });
}

/** Reads the draft again (after an upload, a conflict) and answers it. */
export function useRefreshDraft() {
  const queryClient = useQueryClient();
  return (id: string) => queryClient.fetchQuery({ queryKey: [...draftsKey, 'draft', id], queryFn: ({ signal }) => api.get(draftPath(id), Draft, undefined, signal) });
}

/** Submits a draft; the same `idempotencyKey` sent again answers the same dossier. */
export function useSubmitDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, idempotencyKey }: { id: string; version: number; idempotencyKey: string }) =>
      request('POST', `${draftPath(id)}/submit`, { body: { version }, headers: { 'idempotency-key': idempotencyKey }, schema: SubmitResult }),
    onSuccess: (_result, { id }) => {
      void queryClient.invalidateQueries({ queryKey: [...draftsKey, 'list'] });
      void queryClient.invalidateQueries({ queryKey: [...draftsKey, 'draft', id] });
      void queryClient.invalidateQueries({ queryKey: dossiersKey });
    },
  });
}

/** Where an upload goes: a document line of a draft, or of an open request for supplementation. */
export type UploadTarget = { draftId: string } | { dossierCode: string };

function portalTransport(target: UploadTarget, documentIndex: number, signal?: AbortSignal): UploadTransport {
  return {
    create: (announcement) => request('POST', `${BASE}/uploads`, { body: { ...target, documentIndex, ...announcement }, schema: Upload, signal }),
    patch: (id, offset, chunk) =>
      request('PATCH', uploadPath(id), {
        raw: { content: chunk, contentType: 'application/offset+octet-stream' },
        headers: { 'upload-offset': String(offset) },
        schema: Upload,
        signal,
      }),
    get: (id) => request('GET', uploadPath(id), { schema: Upload, signal }),
    sleep: (ms) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(signal.reason as Error);
        });
      }),
    failureOf: (error) => (isApiError(error) ? { status: error.status, code: error.code, details: error.details } : null),
    retryAfterOf: (error) => (isApiError(error) ? error.retryAfter : undefined),
  };
}

/**
 * Sends one file to the portal in chunks, resuming after dropped connections
 * (features/portal/resumable-upload.ts); `existing` resumes an upload begun
 * earlier instead of announcing the file again.
 */
export function uploadToPortal(
  target: UploadTarget,
  documentIndex: number,
  file: File,
  limits: UploadLimits,
  callbacks: UploadCallbacks = {},
  existing?: Upload,
): Promise<Upload> {
  return sendFile(portalTransport(target, documentIndex, callbacks.signal), file, limits, callbacks, existing);
}

export function useDeleteUpload() {
  return useMutation({
    mutationFn: (id: string) => request('DELETE', uploadPath(id)),
  });
}

/** A draft as the list shows it. */
export type DraftSummary = z.infer<typeof DraftSummarySchema>;

/** The list's query (defaults left to the server). */
export type MyDossierQuery = { status?: MyDossierListQuery['status']; page?: number; pageSize?: number };

export function useMyDossiers(query: MyDossierQuery) {
  return useQuery({
    queryKey: [...dossiersKey, 'list', query],
    queryFn: ({ signal }) => api.get(`${BASE}/dossiers`, MyDossierList, { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMyDossier(code: string) {
  return useQuery({
    queryKey: [...dossiersKey, 'dossier', code],
    queryFn: ({ signal }) => api.get(dossierPath(code), MyDossier, undefined, signal),
    retry: (count, error) => !(isApiError(error) && error.status === 404) && count < 2,
  });
}

/** Reads the dossier again (after a supplementation upload) so its waiting uploads show. */
export function useRefreshMyDossier() {
  const queryClient = useQueryClient();
  return (code: string) => queryClient.invalidateQueries({ queryKey: [...dossiersKey, 'dossier', code] });
}

/** A POST on one's dossier answering the dossier as it is now: it replaces the one read, and the list is read again. */
function useDossierChange<I>(code: string, action: 'supplement' | 'withdraw') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => api.post(`${dossierPath(code)}/${action}`, input, MyDossier),
    onSuccess: (dossier) => {
      queryClient.setQueryData([...dossiersKey, 'dossier', code], dossier);
      return queryClient.invalidateQueries({ queryKey: [...dossiersKey, 'list'] });
    },
  });
}

export function useSendSupplement(code: string) {
  return useDossierChange<SupplementInput>(code, 'supplement');
}

/** Withdraws the dossier before the result (POST …/withdraw), with the applicant's reason. */
export function useWithdrawDossier(code: string) {
  return useDossierChange<WithdrawInput>(code, 'withdraw');
}

/** The signed result PDF (an attachment; the link is shown only when `result.downloadable`). */
export function resultUrl(code: string): string {
  return `${dossierPath(code)}/result`;
}

export function usePortalRating(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PortalRatingInput) => api.post(`${dossierPath(code)}/rating`, input, RatingResult),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dossiersKey }),
  });
}
