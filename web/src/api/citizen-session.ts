/**
 * Who is signed in on the portal, and signing out: what the public header
 * needs on every page. Kept apart from api/citizen.ts and without the zod
 * schemas, so the first page of the portal does not download zod (~29 KB
 * gzipped); the answer of `/me` is checked for the fields the header and the
 * CSRF handling read.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CitizenMe } from '../../../contracts/citizens';
import { api, isApiError, setCitizenCsrfToken, type ResponseParser } from './client';
import { citizenMeKey, portalKey } from './keys';

/** The fields read here and by the pages' headers; the rest of `CitizenMe` is trusted as the server's contract says. */
export const CitizenMeShape: ResponseParser<CitizenMe> = {
  safeParse: (value) => {
    const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    const ok = typeof v.id === 'string' && typeof v.fullName === 'string' && typeof v.csrfToken === 'string' && typeof v.version === 'number';
    return ok ? { success: true, data: value as CitizenMe } : { success: false, error: { issues: [{ message: 'not a CitizenMe' }] } };
  },
};

/** The signed-in citizen, or null when there is no portal session. */
export function useCitizenMe() {
  return useQuery({
    queryKey: citizenMeKey,
    queryFn: async ({ signal }): Promise<CitizenMe | null> => {
      try {
        const me = await api.get('/api/v1/citizen/me', CitizenMeShape, undefined, signal);
        setCitizenCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (isApiError(error) && error.status === 401) {
          setCitizenCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: 30_000,
  });
}

export function useCitizenSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/v1/citizen/sign-out'),
    onSettled: () => {
      setCitizenCsrfToken(null);
      queryClient.setQueryData(citizenMeKey, null);
      // The portal's own data (drafts, My dossiers) belongs to the account that left.
      queryClient.removeQueries({ queryKey: portalKey });
    },
  });
}

