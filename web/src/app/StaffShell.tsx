import { Anchor, AppShell, Burger, Button, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, useLocation, useNavigate } from 'react-router';
import { useLogout } from '../api/auth';
import { can, PERMISSIONS, type Me, type Permission } from '../api/schemas';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { MAIN_CONTENT_ID, SkipLink } from '../components/SkipLink';
import classes from './shell.module.css';

type NavKey =
  | 'home'
  | 'dashboard'
  | 'intake'
  | 'dossiers'
  | 'letters'
  | 'hotline'
  | 'feedback'
  | 'ratings'
  | 'serviceIndex'
  | 'statistics'
  | 'units'
  | 'staff'
  | 'counters'
  | 'reception'
  | 'procedures'
  | 'imports'
  | 'calendar'
  | 'certificates'
  | 'security';

const NAV_ITEMS: readonly { key: NavKey; to: string; permission?: Permission; end?: boolean }[] = [
  { key: 'home', to: '/staff', end: true },
  { key: 'dashboard', to: '/staff/dashboard', permission: PERMISSIONS.reportsRead },
  { key: 'intake', to: '/staff/intake', permission: PERMISSIONS.dossierIntake },
  { key: 'dossiers', to: '/staff/dossiers', permission: PERMISSIONS.dossierRead },
  { key: 'letters', to: '/staff/letters', permission: PERMISSIONS.dossierRead },
  { key: 'hotline', to: '/staff/hotline', permission: PERMISSIONS.feedbackWrite },
  { key: 'feedback', to: '/staff/feedback', permission: PERMISSIONS.feedbackAnswer },
  { key: 'ratings', to: '/staff/ratings', permission: PERMISSIONS.dossierRead },
  { key: 'statistics', to: '/staff/statistics', permission: PERMISSIONS.reportsRead },
  { key: 'serviceIndex', to: '/staff/service-index', permission: PERMISSIONS.reportsRead },
  { key: 'units', to: '/staff/units', permission: PERMISSIONS.unitsRead },
  { key: 'staff', to: '/staff/staff', permission: PERMISSIONS.staffRead },
  { key: 'counters', to: '/staff/counters', permission: PERMISSIONS.unitsRead },
  { key: 'reception', to: '/staff/reception', permission: PERMISSIONS.unitsRead },
  { key: 'procedures', to: '/staff/procedures', permission: PERMISSIONS.catalogRead },
  { key: 'imports', to: '/staff/imports', permission: PERMISSIONS.dossierImport },
  { key: 'calendar', to: '/staff/calendar', permission: PERMISSIONS.calendarWrite },
  { key: 'certificates', to: '/staff/certificates', permission: PERMISSIONS.documentsAdmin },
  { key: 'security', to: '/staff/security' },
];

interface StaffShellProps {
  me: Me;
  /** While a mandatory step (TOTP enrolment, password change) is pending: no navigation. */
  restricted: boolean;
  children: ReactNode;
}

export function StaffShell({ me, restricted, children }: StaffShellProps) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();

  const signOut = () => {
    logout.mutate(undefined, {
      onSettled: () => {
        void navigate('/staff/login', { replace: true });
      },
    });
  };

  const items = NAV_ITEMS.filter((item) => item.permission === undefined || can(me, item.permission));

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={opened}
              aria-controls="staff-navbar"
            />
            <Anchor component={Link} to="/staff" underline="never" className={classes.brand} aria-label={t('app.name')}>
              <img src="/favicon.svg" alt="" width={28} height={28} />
              <span>{t('app.name')}</span>
            </Anchor>
          </Group>
          <LanguageSwitch />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" id="staff-navbar" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          {!restricted &&
            items.map((item) => (
              <NavLink
                key={item.key}
                component={RouterNavLink}
                // Filled: white on the primary blue (shade 8) meets 4.5:1; Mantine's light variant does not.
                variant="filled"
                to={item.to}
                end={item.end}
                label={t(`nav.${item.key}`)}
                active={item.end ? location.pathname === item.to : location.pathname.startsWith(item.to)}
                onClick={close}
              />
            ))}
        </AppShell.Section>
        <AppShell.Section className={classes.userBlock}>
          <Stack gap={4} px="xs">
            <Text fw={600} size="sm" data-testid="current-user">
              {me.staff.fullName}
            </Text>
            <Text size="xs" c="dimmed">
              {me.staff.unitName}
            </Text>
            <Button variant="default" size="xs" mt="xs" onClick={signOut} loading={logout.isPending}>
              {t('auth.logout')}
            </Button>
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} className={classes.staffMain}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
