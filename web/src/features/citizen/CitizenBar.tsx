import { Anchor, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useCitizenMe, useCitizenSignOut } from '../../api/citizen-session';
import { ACCOUNT_PATH, safeReturnTo, SIGN_IN_PATH, SIGN_UP_PATH, withReturnTo } from './citizen-paths';
import classes from './citizen.module.css';

/**
 * The public header's account row: "Đăng nhập" / "Đăng ký" for visitors
 * (coming back to this page afterwards), the citizen's name (to the account
 * page) and "Đăng xuất" once signed in. A row of its own, so it fits a phone.
 */
export function CitizenBar() {
  const { t } = useTranslation();
  const me = useCitizenMe();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useCitizenSignOut();
  const here = safeReturnTo(location.pathname === '/' ? null : location.pathname + location.search);

  // Nothing while the session is read: no flash of "Đăng nhập" for someone signed in.
  if (me.isPending) return <div className={classes.bar} />;
  const citizen = me.data ?? null;
  return (
    <nav aria-label={t('citizen.header.label')} className={classes.bar}>
      <Group justify="flex-end" gap="md" wrap="nowrap">
        {citizen ? (
          <>
            <Anchor component={Link} to={ACCOUNT_PATH} className={classes.name} data-testid="citizen-name">
              {citizen.fullName || t('citizen.header.account')}
            </Anchor>
            <Button
              size="compact-sm"
              variant="subtle"
              loading={signOut.isPending}
              onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/') })}
            >
              {t('citizen.header.signOut')}
            </Button>
          </>
        ) : (
          <>
            <Anchor component={Link} to={withReturnTo(SIGN_IN_PATH, here)} fw={600}>
              {t('citizen.header.signIn')}
            </Anchor>
            <Anchor component={Link} to={withReturnTo(SIGN_UP_PATH, here)} fw={600}>
              {t('citizen.header.signUp')}
            </Anchor>
          </>
        )}
      </Group>
    </nav>
  );
}
