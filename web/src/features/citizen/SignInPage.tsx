import { Alert, Anchor, Button, Divider, Paper, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { OIDC_ERRORS, type OidcError } from '../../../../contracts/citizens';
import { oidcStartUrl, useCitizenAuthOptions, useCitizenMe, useCitizenSignIn, useRequestOtp, useVerifyOtp } from '../../api/citizen';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { usePageTitle } from '../../components/usePageTitle';
import { currentLanguage } from '../../i18n';
import { ACCOUNT_PATH, checkCode, checkOptional, safeReturnTo, SIGN_UP_PATH, withReturnTo } from './citizen-form';

function oidcErrorOf(value: string | null): OidcError | null {
  return (OIDC_ERRORS as readonly string[]).includes(value ?? '') ? (value as OidcError) : null;
}

/**
 * /dang-nhap: the citizen signs in with a password, a code sent by e-mail, or
 * the identity provider (VNeID) when configured, and goes back to
 * `?returnTo=` (a path of this site) or the account page.
 */
export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('citizen.signIn.pageTitle'));
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const oidcError = oidcErrorOf(params.get('oidcError'));
  const me = useCitizenMe();
  const options = useCitizenAuthOptions();
  const navigate = useNavigate();
  const done = () => void navigate(returnTo ?? ACCOUNT_PATH, { replace: true });

  if (me.data) return <Navigate to={returnTo ?? ACCOUNT_PATH} replace />;

  return (
    <Stack maw={480} mx="auto" gap="md">
      <Title order={1}>{t('citizen.signIn.heading')}</Title>
      <Text>{t('citizen.signIn.lead')}</Text>
      {oidcError && (
        <Alert color="red" variant="light" title={t('errors.title')} data-testid="oidc-error">
          {t(`citizen.signIn.oidcErrors.${oidcError}`)}
        </Alert>
      )}
      {options.data?.oidc && (
        <Paper withBorder p="lg">
          <Stack gap="xs">
            <Button component="a" href={oidcStartUrl(returnTo)} size="md" fullWidth>
              {t('citizen.signIn.oidc', { name: options.data.oidc.name })}
            </Button>
            <Text size="sm" c="dimmed">
              {t('citizen.signIn.oidcHint')}
            </Text>
          </Stack>
        </Paper>
      )}
      {options.data?.oidc && <Divider label={t('citizen.signIn.or')} labelPosition="center" />}
      <Paper withBorder p="lg">
        {options.data?.emailCode ? (
          <Tabs defaultValue="password" keepMounted={false}>
            <Tabs.List aria-label={t('citizen.signIn.methods')} grow mb="md">
              <Tabs.Tab value="password">{t('citizen.signIn.byPassword')}</Tabs.Tab>
              <Tabs.Tab value="code">{t('citizen.signIn.byCode')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="password">
              <PasswordForm onDone={done} />
            </Tabs.Panel>
            <Tabs.Panel value="code">
              <CodeForm onDone={done} />
            </Tabs.Panel>
          </Tabs>
        ) : (
          <PasswordForm onDone={done} />
        )}
      </Paper>
      <Text>
        {t('citizen.signIn.noAccount')}{' '}
        <Anchor component={Link} to={withReturnTo(SIGN_UP_PATH, returnTo)} fw={600}>
          {t('citizen.signIn.signUpLink')}
        </Anchor>
      </Text>
    </Stack>
  );
}

function PasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const signIn = useCitizenSignIn();
  const form = useForm({
    initialValues: { login: '', password: '' },
    validate: {
      login: (v) => (v.trim() === '' ? t('validation.required') : null),
      password: (v) => (v === '' ? t('validation.required') : null),
    },
  });
  const submit = form.onSubmit((values) => signIn.mutate({ login: values.login.trim(), password: values.password }, { onSuccess: onDone }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={signIn.error} />
        <TextInput label={t('citizen.signIn.login')} autoComplete="username" autoCapitalize="none" spellCheck={false} required {...form.getInputProps('login')} />
        <PasswordField label={t('citizen.signIn.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
        <Button type="submit" loading={signIn.isPending}>
          {t('citizen.signIn.submit')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('citizen.signIn.forgot')}
        </Text>
      </Stack>
    </form>
  );
}

function CodeForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const request = useRequestOtp();
  const verify = useVerifyOtp();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const emailForm = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (v.trim() === '' ? t('validation.required') : checkOptional('email', v) ? t('citizen.validation.email') : null) },
  });
  const codeForm = useForm({
    initialValues: { code: '' },
    validate: { code: (v) => (checkCode(v) ? t('citizen.validation.code') : null) },
  });

  const send = (email: string) => request.mutate({ email, language: currentLanguage() }, { onSuccess: () => setSentTo(email) });
  const submitEmail = emailForm.onSubmit((values) => send(values.email.trim()));
  const submitCode = codeForm.onSubmit((values) => {
    if (sentTo) verify.mutate({ email: sentTo, code: values.code.replace(/\s+/g, '') }, { onSuccess: onDone, onError: () => codeForm.setFieldValue('code', '') });
  });

  if (sentTo === null) {
    return (
      <form onSubmit={submitEmail} noValidate>
        <Stack gap="md">
          <ErrorAlert error={request.error} />
          <TextInput
            type="email"
            label={t('citizen.signIn.email')}
            description={t('citizen.signIn.emailHint')}
            autoComplete="email"
            autoCapitalize="none"
            spellCheck={false}
            required
            {...emailForm.getInputProps('email')}
          />
          <Button type="submit" loading={request.isPending}>
            {t('citizen.signIn.sendCode')}
          </Button>
        </Stack>
      </form>
    );
  }
  return (
    <form onSubmit={submitCode} noValidate>
      <Stack gap="md">
        <Text role="status" size="sm" data-testid="code-sent">
          {t('citizen.signIn.codeSent', { email: sentTo, minutes: Math.round((request.data?.expiresIn ?? 600) / 60) })}
        </Text>
        <ErrorAlert error={verify.error ?? request.error} />
        <TextInput
          label={t('citizen.signIn.code')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          autoFocus
          required
          {...codeForm.getInputProps('code')}
        />
        <Button type="submit" loading={verify.isPending}>
          {t('citizen.signIn.verify')}
        </Button>
        <Button variant="default" onClick={() => send(sentTo)} loading={request.isPending}>
          {t('citizen.signIn.resend')}
        </Button>
        <Button
          variant="subtle"
          onClick={() => {
            setSentTo(null);
            verify.reset();
            request.reset();
            codeForm.reset();
          }}
        >
          {t('citizen.signIn.otherEmail')}
        </Button>
      </Stack>
    </form>
  );
}
