/**
 * The citizen's portal account (docs/api.md "Citizen accounts"): who is
 * signed in, sign-up, the three ways to sign in, profile and password.
 * The session is a cookie of its own with its own CSRF token (client.ts
 * sends it on `/api/v1/citizen/…` and `/api/v1/portal/…`).
 *
 * Other pages read the signed-in citizen with `useCitizen()` (features/citizen)
 * rather than these hooks.
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  CitizenAuthOptions,
  CitizenMe,
  OtpSent,
  OtpSignInResult,
  type CitizenPasswordChangeInput,
  type OtpRequestInput,
  type PasswordSignInInput,
  type ProfileUpdateInput,
} from '../../../contracts/citizens';
import { api, setCitizenCsrfToken } from './client';
import { citizenAuthOptionsKey, citizenMeKey } from './keys';

export type { CitizenMe } from '../../../contracts/citizens';
export { useCitizenMe, useCitizenSignOut } from './citizen-session';

/** What the sign-up form sends (the contract's input before its normalisation). */
export interface SignUpBody {
  fullName: string;
  email?: string;
  phone?: string;
  password: string;
  language?: 'vi' | 'en';
}

/** Stores a fresh `CitizenMe` (and its CSRF token) after a sign-in or an update. */
function rememberCitizen(queryClient: QueryClient, me: CitizenMe): void {
  setCitizenCsrfToken(me.csrfToken);
  queryClient.setQueryData(citizenMeKey, me);
}

export function useCitizenAuthOptions() {
  return useQuery({
    queryKey: citizenAuthOptionsKey,
    queryFn: ({ signal }) => api.get('/api/v1/citizen/auth-options', CitizenAuthOptions, undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useCitizenSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignUpBody) => api.post('/api/v1/citizen/sign-up', input, CitizenMe),
    onSuccess: (me) => rememberCitizen(queryClient, me),
  });
}

export function useCitizenSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PasswordSignInInput) => api.post('/api/v1/citizen/sign-in', input, CitizenMe),
    onSuccess: (me) => rememberCitizen(queryClient, me),
  });
}

/** Sends a sign-in code to an e-mail address. */
export function useRequestOtp() {
  return useMutation({
    mutationFn: (input: OtpRequestInput) => api.post('/api/v1/citizen/otp', input, OtpSent),
  });
}

/** Signs in with the e-mailed code (creating the account on a first sign-in). */
export function useVerifyOtp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; code: string }) => api.post('/api/v1/citizen/otp/verify', input, OtpSignInResult),
    onSuccess: (result) => rememberCitizen(queryClient, result),
  });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProfileUpdateInput) => api.patch('/api/v1/citizen/me', input, CitizenMe),
    onSuccess: (me) => rememberCitizen(queryClient, me),
  });
}

export function useChangeCitizenPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CitizenPasswordChangeInput) => api.post('/api/v1/citizen/password', input, CitizenMe),
    onSuccess: (me) => rememberCitizen(queryClient, me),
  });
}

/** Sends a code to the signed-in citizen's own e-mail, to confirm it. */
export function useSendEmailCode() {
  return useMutation({ mutationFn: () => api.post('/api/v1/citizen/me/email-verification', undefined, OtpSent) });
}

export function useConfirmEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post('/api/v1/citizen/me/email-verification/confirm', { code }, CitizenMe),
    onSuccess: (me) => rememberCitizen(queryClient, me),
  });
}

/** Where the OpenID Connect button goes: the server redirects on to the provider. */
export function oidcStartUrl(returnTo: string | null): string {
  return returnTo ? `/api/v1/citizen/oidc/start?${new URLSearchParams({ returnTo }).toString()}` : '/api/v1/citizen/oidc/start';
}
