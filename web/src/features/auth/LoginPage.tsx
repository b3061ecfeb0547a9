import { Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { useLogin, useMe } from '../../api/auth';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { message, schemaValidator } from '../../components/contract-form';
import { usePageTitle } from '../../components/usePageTitle';
import { TotpCodeSchema } from './totp-code';
import { PasswordField } from '../../components/PasswordField';

/** Only same-app staff paths are accepted as a return address (no open redirect). */
function safeNext(next: string | null): string {
  return next !== null && /^\/staff(\/|$|\?)/.test(next) && !next.startsWith('/staff/login') ? next : '/staff';
}

const CredentialsSchema = z.object({
  username: z.string().trim().min(1, message('required')),
  password: z.string().min(1, message('required')),
  totpCode: z.string(),
});
const WithTotpSchema = CredentialsSchema.extend({ totpCode: TotpCodeSchema });

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.login.pageTitle'));
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get('next'));
  const me = useMe();
  const login = useLogin();
  const [totpStep, setTotpStep] = useState(false);

  const form = useForm({
    mode: 'controlled',
    initialValues: { username: '', password: '', totpCode: '' },
    validate: (values) => schemaValidator(totpStep ? WithTotpSchema : CredentialsSchema)(values),
  });

  if (me.data) return <Navigate to={next} replace />;

  const submit = form.onSubmit((values) => {
    login.mutate(
      {
        username: values.username.trim(),
        password: values.password,
        ...(totpStep ? { totpCode: values.totpCode.replace(/\s+/g, '') } : {}),
      },
      {
        onSuccess: () => {
          void navigate(next, { replace: true });
        },
        onError: (error) => {
          if (isApiError(error, 'AUTH_TOTP_REQUIRED')) setTotpStep(true);
          if (isApiError(error, 'AUTH_TOTP_INVALID')) form.setFieldValue('totpCode', '');
        },
      },
    );
  });

  const startOver = () => {
    setTotpStep(false);
    login.reset();
    form.reset();
  };

  // AUTH_TOTP_REQUIRED is a step of the dialogue, not a failure to report.
  const error = isApiError(login.error, 'AUTH_TOTP_REQUIRED') ? null : login.error;

  return (
    <Stack maw={420} mx="auto" gap="md">
      <Title order={1}>{t('auth.login.heading')}</Title>
      <Text>{t('auth.login.lead')}</Text>
      <Paper withBorder p="lg">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <ErrorAlert error={error} />
            {totpStep ? (
              <>
                <Text size="sm" id="totp-hint">
                  {t('auth.login.totpHint')}
                </Text>
                <TextInput
                  label={t('auth.login.totpCode')}
                  aria-describedby="totp-hint"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  autoFocus
                  required
                  {...form.getInputProps('totpCode')}
                />
                <Button type="submit" loading={login.isPending}>
                  {t('auth.login.verify')}
                </Button>
                <Button variant="subtle" onClick={startOver}>
                  {t('auth.login.startOver')}
                </Button>
              </>
            ) : (
              <>
                <TextInput
                  label={t('auth.login.username')}
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  required
                  {...form.getInputProps('username')}
                />
                <PasswordField
                  label={t('auth.login.password')}
                  autoComplete="current-password"
                  required
                  {...form.getInputProps('password')}
                />
                <Button type="submit" loading={login.isPending}>
                  {t('auth.login.submit')}
                </Button>
              </>
            )}
          </Stack>
        </form>
      </Paper>
      <Anchor component={Link} to="/">
        {t('auth.login.backHome')}
      </Anchor>
    </Stack>
  );
}
