import { Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useCitizenMe, useCitizenSignUp } from '../../api/citizen';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { usePageTitle } from '../../components/usePageTitle';
import { currentLanguage } from '../../i18n';
import { ACCOUNT_PATH, checkOptional, safeReturnTo, SIGN_IN_PATH, signUpBody, withReturnTo, type SignUpValues } from './citizen-form';

/** /dang-ky: a new citizen account with a name, an e-mail and/or a phone, and a password; signed in at once. */
export function SignUpPage() {
  const { t } = useTranslation();
  usePageTitle(t('citizen.signUp.pageTitle'));
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const me = useCitizenMe();
  const signUp = useCitizenSignUp();
  const navigate = useNavigate();
  const form = useForm<SignUpValues>({
    initialValues: { fullName: '', email: '', phone: '', password: '', confirm: '' },
    validate: {
      fullName: (v) => (v.trim() === '' ? t('validation.required') : null),
      email: (v, values) =>
        v.trim() === '' && values.phone.trim() === '' ? t('citizen.validation.emailOrPhone') : checkOptional('email', v) ? t('citizen.validation.email') : null,
      phone: (v) => (checkOptional('phone', v) ? t('citizen.validation.phone') : null),
      password: (v) => ([...v].length < 8 ? t('validation.passwordMin') : null),
      confirm: (v, values) => (v !== values.password ? t('validation.passwordMismatch') : null),
    },
  });

  if (me.data) return <Navigate to={returnTo ?? ACCOUNT_PATH} replace />;

  const submit = form.onSubmit((values) =>
    signUp.mutate(signUpBody(values, currentLanguage()), { onSuccess: () => void navigate(returnTo ?? ACCOUNT_PATH, { replace: true }) }),
  );

  return (
    <Stack maw={480} mx="auto" gap="md">
      <Title order={1}>{t('citizen.signUp.heading')}</Title>
      <Text>{t('citizen.signUp.lead')}</Text>
      <Paper withBorder p="lg">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <ErrorAlert error={signUp.error} />
            <TextInput label={t('citizen.signUp.fullName')} autoComplete="name" required {...form.getInputProps('fullName')} />
            <TextInput
              type="email"
              label={t('citizen.signUp.email')}
              description={t('citizen.signUp.contactHint')}
              autoComplete="email"
              autoCapitalize="none"
              spellCheck={false}
              {...form.getInputProps('email')}
            />
            <TextInput type="tel" label={t('citizen.signUp.phone')} autoComplete="tel" inputMode="tel" {...form.getInputProps('phone')} />
            <PasswordField
              label={t('citizen.signUp.password')}
              description={t('citizen.signUp.passwordHint')}
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
            <PasswordField label={t('citizen.signUp.confirm')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
            <Button type="submit" loading={signUp.isPending}>
              {t('citizen.signUp.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text>
        {t('citizen.signUp.haveAccount')}{' '}
        <Anchor component={Link} to={withReturnTo(SIGN_IN_PATH, returnTo)} fw={600}>
          {t('citizen.signUp.signInLink')}
        </Anchor>
      </Text>
    </Stack>
  );
}
