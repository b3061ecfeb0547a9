import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useCitizenMe } from '../../api/citizen';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CitizenContext, signInPath } from './citizen-context';

/**
 * Guards a portal page that needs a signed-in citizen: visitors without a
 * session go to `/dang-nhap?returnTo=<this page>` and come back after signing
 * in. Wraps `children`, or is a layout route's element (renders the `<Outlet>`).
 * Below it, `useSignedInCitizen()` gives the citizen.
 */
export function RequireCitizen({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useCitizenMe();

  if (me.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (me.isError) return <ErrorAlert error={me.error} />;
  if (me.data === null) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  return <CitizenContext value={me.data}>{children ?? <Outlet />}</CitizenContext>;
}
