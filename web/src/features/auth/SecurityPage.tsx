import { Badge, Button, Group, Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedInMe } from '../../app/me-context';
import { TOTP_ENROLMENT_PATH } from '../../app/paths';
import { usePageTitle } from '../../components/usePageTitle';
import { ChangePasswordForm } from './ChangePasswordForm';

export function SecurityPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.security.pageTitle'));
  const me = useSignedInMe();
  return (
    <Stack gap="lg" maw={720}>
      <Title order={1}>{t('auth.security.heading')}</Title>
      <Paper component="section" withBorder p="lg" aria-labelledby="password-heading">
        <Title order={2} size="h4" id="password-heading" mb="md">
          {t('auth.password.heading')}
        </Title>
        <ChangePasswordForm />
      </Paper>
      <Paper component="section" withBorder p="lg" aria-labelledby="totp-heading">
        <Group gap="sm" mb="md">
          <Title order={2} size="h4" id="totp-heading">
            {t('auth.security.totpHeading')}
          </Title>
          <Badge color={me.totpEnabled ? 'green' : 'gray'} variant="light">
            {me.totpEnabled ? t('auth.security.totpOn') : t('auth.security.totpOff')}
          </Badge>
        </Group>
        {!me.totpEnabled && (
          <Button component={Link} to={TOTP_ENROLMENT_PATH} variant="default">
            {t('auth.security.totpEnable')}
          </Button>
        )}
      </Paper>
    </Stack>
  );
}
