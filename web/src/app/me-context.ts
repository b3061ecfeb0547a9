import { createContext, useContext } from 'react';
import type { Me } from '../api/schemas';

export const MeContext = createContext<Me | null>(null);

/** The signed-in staff member; only usable below the staff gate. */
export function useSignedInMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useSignedInMe() used outside the staff gate');
  return me;
}
