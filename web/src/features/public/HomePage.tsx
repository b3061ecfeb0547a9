import { Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../components/usePageTitle';

const CITIZEN_SERVICES = ['procedures', 'apply', 'lookup', 'rating'] as const;

/** The public home page: the way into the citizen portal and to the staff sign-in. */
export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('public.pageTitle'));
  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Title order={1}>{t('public.heading')}</Title>
        <Text size="lg">{t('public.intro')}</Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <Paper component="section" withBorder p="lg" aria-labelledby="citizens-heading">
          <Title order={2} size="h3" id="citizens-heading" mb="sm">
            {t('public.citizens.heading')}
          </Title>
          <Text mb="xs">{t('public.citizens.lead')}</Text>
          <List spacing={4}>
            {CITIZEN_SERVICES.map((item) => (
              <List.Item key={item}>{t(`public.citizens.items.${item}`)}</List.Item>
            ))}
          </List>
          <Group gap="sm" mt="md">
            <Button component={Link} to="/thu-tuc">
              {t('catalog.home.searchLink')}
            </Button>
            <Button component={Link} to="/thong-ke/thu-tuc" variant="default">
              {t('catalog.home.statsLink')}
            </Button>
            <Button component={Link} to="/tra-cuu" variant="default">
              {t('lookup.homeLink')}
            </Button>
            <Button component={Link} to="/nop-truc-tuyen" variant="default">
              {t('portal.nav.apply')}
            </Button>
            <Button component={Link} to="/ho-so-cua-toi" variant="default">
              {t('portal.nav.myDossiers')}
            </Button>
            <Button component={Link} to="/don-vi" variant="default">
              {t('contacts.home.link')}
            </Button>
            <Button component={Link} to="/cong-khai" variant="default">
              {t('board.homeLink')}
            </Button>
          </Group>
        </Paper>
        <Paper component="section" withBorder p="lg" aria-labelledby="staff-heading">
          <Title order={2} size="h3" id="staff-heading" mb="sm">
            {t('public.staff.heading')}
          </Title>
          <Text mb="md">{t('public.staff.lead')}</Text>
          <Button component={Link} to="/staff/login">
            {t('public.staff.signIn')}
          </Button>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
