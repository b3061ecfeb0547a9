import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from './client';
import { meKey, totpSetupKey } from './keys';
import { MeSchema, TotpSetupSchema, type Me } from './schemas';

/** Stores a fresh `Me` (and its CSRF token) after sign-in or TOTP confirmation. */
function rememberMe(queryClient: QueryClient, me: Me): void {
  setCsrfToken(me.csrfToken);
  queryClient.setQueryData(meKey, me);
}

/** The signed-in staff member, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async ({ signal }): Promise<Me | null> => {
      try {
        const me = await api.get('/api/v1/auth/me', MeSchema, undefined, signal);
        setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (isApiError(error) && error.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: 30_000,
  });
}

export interface LoginInput {
  username: string;
  password: string;
  totpCode?: string;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post('/api/v1/auth/login', input, MeSchema),
    onSuccess: (me) => {
      rememberMe(queryClient, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/v1/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
    },
  });
}

/**
 * Starts TOTP enrolment. A query (not a mutation) so that re-renders and
 * React's strict-mode double mount reuse one secret instead of minting two.
 */
export function useTotpSetup(enabled: boolean) {
  return useQuery({
    queryKey: totpSetupKey,
    queryFn: () => api.post('/api/v1/auth/totp/setup', undefined, TotpSetupSchema),
    enabled,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function useTotpConfirm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post('/api/v1/auth/totp/confirm', { code }, MeSchema),
    onSuccess: (me) => {
      queryClient.removeQueries({ queryKey: totpSetupKey });
      rememberMe(queryClient, me);
    },
  });
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post('/api/v1/auth/password', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}
