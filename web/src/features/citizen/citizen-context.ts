/**
 * The signed-in citizen for any page of the portal.
 *
 * - `useCitizen()`: the citizen (`CitizenMe`, with `csrfToken`) or null —
 *   null both while the session is being read and when nobody is signed in;
 *   use `useCitizenMe()` from api/citizen when the difference matters.
 * - `useSignedInCitizen()`: below `<RequireCitizen>` only; never null.
 *
 * The CSRF token needs no handling: api/client.ts sends it on citizen and
 * portal routes by itself.
 */
import { createContext, useContext } from 'react';
import { useCitizenMe, type CitizenMe } from '../../api/citizen';

export const CitizenContext = createContext<CitizenMe | null>(null);

export function useCitizen(): CitizenMe | null {
  return useCitizenMe().data ?? null;
}

export function useSignedInCitizen(): CitizenMe {
  const fromGate = useContext(CitizenContext);
  const current = useCitizen();
  const me = current ?? fromGate;
  if (!me) throw new Error('useSignedInCitizen() used outside <RequireCitizen>');
  return me;
}

/** The sign-in page's address that comes back to `path` afterwards. */
export function signInPath(path: string): string {
  return `/dang-nhap?${new URLSearchParams({ returnTo: path }).toString()}`;
}
