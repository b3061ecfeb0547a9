/**
 * Documents: what the server generates for a dossier (the signed result,
 * courtesy letters), the one-stop forms as PDF, the digitised flag of a
 * received document, the values the result template needs at signing, the
 * units' signing certificates, the courtesy-letter statistics, and the public
 * verification of an issued document. Responses are parsed with the
 * contracts' schemas (contracts/documents.ts).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  Certificate,
  CertificateList,
  type CertificateUpload,
  type FormKind,
  GeneratedDocumentList,
  LetterStats,
  VerifyResult,
  VerifyUploadResult,
} from '../../../contracts/documents';
import { Dossier } from '../../../contracts/dossiers';
import { api, download } from './client';
import { documentsKey, dossiersKey } from './keys';

export type {
  Certificate,
  FormKind,
  GeneratedDocument,
  LetterStats,
  VerifyResult,
  VerifyUploadResult,
} from '../../../contracts/documents';

export const ResultFieldsSchema = z.object({ fields: z.array(z.object({ name: z.string(), label: z.string() })) });
export type ResultField = z.infer<typeof ResultFieldsSchema>['fields'][number];

function dossierPath(code: string): string {
  return `/api/v1/dossiers/${encodeURIComponent(code)}`;
}

/** The documents generated for a dossier (refreshed with every dossier write: they sit under dossiersKey). */
export function useGeneratedDocuments(code: string) {
  return useQuery({
    queryKey: [...dossiersKey, 'documents', code],
    queryFn: ({ signal }) => api.get(`${dossierPath(code)}/documents`, GeneratedDocumentList, undefined, signal),
    select: (list) => list.items,
  });
}

/** The stored PDF of a generated document (sent as an attachment). */
export function generatedDocumentUrl(code: string, id: string): string {
  return `${dossierPath(code)}/documents/${encodeURIComponent(id)}`;
}

/** A one-stop form rendered from the dossier as it stands; 409 FORM_NOT_AVAILABLE when it does not apply. */
export function useDownloadForm(code: string) {
  return useMutation({
    mutationFn: ({ form, lang }: { form: FormKind; lang: 'vi' | 'en' }) =>
      download(`${dossierPath(code)}/forms/${encodeURIComponent(form)}`, { lang }),
  });
}

/**
 * Marks a received document digitised or not; the answer is the dossier as it
 * is now. The checkbox follows at once and goes back if the server refuses.
 */
export function useSetDigitised(code: string) {
  const queryClient = useQueryClient();
  const key = [...dossiersKey, 'dossier', code];
  return useMutation({
    mutationFn: ({ index, digitised }: { index: number; digitised: boolean }) =>
      api.put(`${dossierPath(code)}/documents/${String(index)}/digitised`, { digitised }, Dossier),
    onMutate: async ({ index, digitised }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Dossier>(key);
      if (previous) {
        queryClient.setQueryData<Dossier>(key, {
          ...previous,
          documents: previous.documents.map((d) => (d.index === index ? { ...d, digitised } : d)),
        });
      }
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSuccess: (dossier) => {
      queryClient.setQueryData(key, dossier);
    },
  });
}

/** The `result.*` values the leader types when signing (keyed without the prefix); empty when none. */
export function useResultFields(code: string, enabled: boolean) {
  return useQuery({
    queryKey: [...dossiersKey, 'result-fields', code],
    queryFn: ({ signal }) => api.get(`${dossierPath(code)}/result-fields`, ResultFieldsSchema, undefined, signal),
    select: (result) => result.fields,
    enabled,
    refetchOnWindowFocus: false,
  });
}

function certificatesPath(unitId: string): string {
  return `/api/v1/admin/units/${encodeURIComponent(unitId)}/certificates`;
}

export function useCertificates(unitId: string | null) {
  return useQuery({
    queryKey: [...documentsKey, 'certificates', unitId],
    queryFn: ({ signal }) => api.get(certificatesPath(unitId ?? ''), CertificateList, undefined, signal),
    select: (list) => list.items,
    enabled: unitId !== null,
  });
}

export function useUploadCertificate(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CertificateUpload) => api.post(certificatesPath(unitId), body, Certificate),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...documentsKey, 'certificates', unitId] }),
  });
}

/** Courtesy letters sent per unit and month, `from`–`to` as YYYY-MM (the server limits them to the caller's scope). */
export function useLetterStats(range: { from: string; to: string } | null) {
  return useQuery({
    queryKey: [...documentsKey, 'letters', range],
    queryFn: ({ signal }) => api.get('/api/v1/documents/letters/stats', LetterStats, range ?? {}, signal),
    select: (stats) => stats.items,
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
}

function verifyPath(code: string): string {
  return `/api/v1/public/verify/${encodeURIComponent(code)}`;
}

/** The public verification of an issued document by its code (12 characters, normalised). 404 VERIFY_NOT_FOUND. */
export function usePublicVerify(code: string | null) {
  return useQuery({
    queryKey: ['public', 'verify', code],
    queryFn: ({ signal }) => api.get(verifyPath(code ?? ''), VerifyResult, undefined, signal),
    enabled: code !== null,
    staleTime: 5 * 60_000,
  });
}

/** Sends a PDF as it is to be compared, byte for byte, with the document issued under the code. */
export function useVerifyUpload(code: string) {
  return useMutation({
    mutationFn: (file: Blob) => api.upload(verifyPath(code), {}, file, 'application/pdf', VerifyUploadResult),
  });
}
