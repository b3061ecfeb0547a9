import { Anchor, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../components/usePageTitle';
import { signInPath, useCitizen } from '../citizen/citizen-context';
import { DRAFTS_PATH, MY_DOSSIERS_PATH } from './paths';

const HOW = ['find', 'signIn', 'fill', 'follow'] as const;

/** /nop-truc-tuyen: how applying online works, and where to find the procedures offered online. */
export function ApplyLandingPage() {
  const { t } = useTranslation();
  usePageTitle(t('portal.landing.pageTitle'));
  const citizen = useCitizen();
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('portal.landing.heading')}</Title>
        <Text>{t('portal.landing.lead')}</Text>
      </Stack>
      <Paper withBorder p="md" component="section" aria-labelledby="landing-how">
        <Title order={2} size="h3" id="landing-how" mb="sm">
          {t('portal.landing.howHeading')}
        </Title>
        <List type="ordered" spacing={6}>
          {HOW.map((step) => (
            <List.Item key={step}>{t(`portal.landing.how.${step}`)}</List.Item>
          ))}
        </List>
      </Paper>
      <Group gap="sm">
        <Button component={Link} to="/thu-tuc?online=full">
          {t('portal.landing.full')}
        </Button>
        <Button component={Link} to="/thu-tuc?online=partial" variant="default">
          {t('portal.landing.partial')}
        </Button>
      </Group>
      {citizen ? (
        <Group gap="sm">
          <Button component={Link} to={DRAFTS_PATH} variant="default">
            {t('portal.nav.drafts')}
          </Button>
          <Button component={Link} to={MY_DOSSIERS_PATH} variant="default">
            {t('portal.nav.myDossiers')}
          </Button>
        </Group>
      ) : (
        <Text size="sm">
          {t('portal.landing.signInLead')}{' '}
          <Anchor component={Link} to={signInPath(MY_DOSSIERS_PATH)}>
            {t('portal.landing.signIn')}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}
