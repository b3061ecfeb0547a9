import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { MAIN_CONTENT_ID, SkipLink } from '../components/SkipLink';
import { CitizenBarSlot } from '../features/citizen/CitizenBarSlot';
import classes from './shell.module.css';

/** Layout of public pages: header with the name and the language switch, main content, footer. */
export function PublicShell() {
  const { t } = useTranslation();
  return (
    <Box className={classes.publicPage}>
      <SkipLink />
      <Box component="header" className={classes.publicHeader}>
        <Container size="md">
          <Group justify="space-between" h={56} wrap="nowrap" gap="sm">
            <Anchor component={Link} to="/" underline="never" className={classes.brand} aria-label={t('app.homeLink')}>
              <img src="/favicon.svg" alt="" width={28} height={28} />
              <span>{t('app.name')}</span>
            </Anchor>
            <LanguageSwitch />
          </Group>
          <CitizenBarSlot />
          <nav aria-label={t('catalog.nav.label')} className={classes.publicNav}>
            <NavLink to="/thu-tuc" className={classes.publicNavLink}>
              {t('catalog.nav.procedures')}
            </NavLink>
            <NavLink to="/thong-ke/thu-tuc" className={classes.publicNavLink}>
              {t('catalog.nav.stats')}
            </NavLink>
            <NavLink to="/nop-truc-tuyen" className={classes.publicNavLink}>
              {t('portal.nav.apply')}
            </NavLink>
            <NavLink to="/ho-so-cua-toi" className={classes.publicNavLink}>
              {t('portal.nav.myDossiers')}
            </NavLink>
            <NavLink to="/don-vi" className={classes.publicNavLink}>
              {t('contacts.nav.units')}
            </NavLink>
            <NavLink to="/danh-gia" className={classes.publicNavLink}>
              {t('feedback.nav.rating')}
            </NavLink>
            <NavLink to="/gop-y" className={classes.publicNavLink}>
              {t('feedback.nav.suggestion')}
            </NavLink>
          </nav>
        </Container>
      </Box>
      <Box component="main" id={MAIN_CONTENT_ID} tabIndex={-1} className={classes.publicMain}>
        <Container size="md" py="lg">
          <Outlet />
        </Container>
      </Box>
      <Box component="footer" className={classes.publicFooter}>
        <Container size="md" py="md">
          <Text size="sm" c="dimmed">
            {t('public.footer')}
          </Text>
        </Container>
      </Box>
    </Box>
  );
}
