import { Alert, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../components/usePageTitle';
import { ChangePasswordForm } from './ChangePasswordForm';

/** The mandatory password change after an initial or reset password; the staff gate leaves it when done. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.password.pageTitle'));
  return (
    <Stack gap="md" maw={560}>
      <Title order={1}>{t('auth.password.heading')}</Title>
      <Alert color="blue" variant="light">
        {t('auth.password.mustChange')}
      </Alert>
      <ChangePasswordForm />
    </Stack>
  );
}
