import { Center, Container, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/auth';
import { ErrorAlert } from '../components/ErrorAlert';
import { MeContext } from './me-context';
import { CHANGE_PASSWORD_PATH, TOTP_ENROLMENT_PATH } from './paths';
import { StaffShell } from './StaffShell';

/**
 * Guards /staff/*: sends visitors without a session to sign-in, and keeps a
 * user who must change the password or enrol TOTP on that screen until done
 * (the server refuses everything else meanwhile).
 */
export function StaffGate() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();

  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <ErrorAlert error={me.error} />
      </Container>
    );
  }
  if (me.data === null) {
    const next = location.pathname + location.search;
    return <Navigate to={`/staff/login?next=${encodeURIComponent(next)}`} replace />;
  }

  const current = me.data;
  const forcedPath = current.mustChangePassword
    ? CHANGE_PASSWORD_PATH
    : current.totpEnrolmentRequired
      ? TOTP_ENROLMENT_PATH
      : null;

  if (forcedPath !== null && location.pathname !== forcedPath) {
    return <Navigate to={forcedPath} replace />;
  }
  if (forcedPath === null && location.pathname === CHANGE_PASSWORD_PATH) {
    return <Navigate to="/staff" replace />;
  }
  if (location.pathname === TOTP_ENROLMENT_PATH && current.totpEnabled) {
    return <Navigate to="/staff" replace />;
  }

  return (
    <MeContext value={current}>
      <StaffShell me={current} restricted={forcedPath !== null}>
        <Outlet />
      </StaffShell>
    </MeContext>
  );
}
