import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/client';
import { citizenMeKey, meKey } from '../api/keys';

/**
 * Errors that mean the session changed under us (expired, must enrol TOTP,
 * must change password, stale CSRF token): re-read /auth/me and
 * /citizen/me so the staff gate and the portal can route the user.
 */
const SESSION_CODES = new Set(['AUTH_REQUIRED', 'AUTH_TOTP_ENROLMENT_REQUIRED', 'AUTH_PASSWORD_CHANGE_REQUIRED', 'CSRF_TOKEN_INVALID']);

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: onSessionError }),
    mutationCache: new MutationCache({ onError: onSessionError }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });

  function onSessionError(error: Error): void {
    if (isApiError(error) && SESSION_CODES.has(error.code)) {
      void queryClient.invalidateQueries({ queryKey: meKey });
      // The citizen's portal session may be the one that ended (RequireCitizen then sends to /dang-nhap).
      void queryClient.invalidateQueries({ queryKey: citizenMeKey });
    }
  }

  return queryClient;
}
