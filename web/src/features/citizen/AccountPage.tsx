import { Alert, Button, Group, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CitizenMe } from '../../../../contracts/citizens';
import { useChangeCitizenPassword, useCitizenMe, useCitizenSignOut, useConfirmEmail, useSendEmailCode, useUpdateProfile } from '../../api/citizen';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../i18n/format';
import { checkCode, checkOptional, profileChanges, profileValues, type ProfileValues } from './citizen-form';
import { useSignedInCitizen } from './citizen-context';
import { RequireCitizen } from './RequireCitizen';

/** /tai-khoan: the citizen's profile (pre-fills online applications), e-mail confirmation, password, sign-out. */
export function AccountPage() {
  return (
    <RequireCitizen>
      <Account />
    </RequireCitizen>
  );
}

function Account() {
  const { t } = useTranslation();
  usePageTitle(t('citizen.account.pageTitle'));
  const me = useSignedInCitizen();
  // Outside the sections that remount or disappear once saved, so screen readers hear them.
  const [notice, setNotice] = useState<'saved' | 'emailConfirmed' | null>(null);
  // Held here: the profile form remounts on each saved version and the e-mail section goes once confirmed.
  const update = useUpdateProfile();
  const confirm = useConfirmEmail();
  return (
    <Stack maw={640} mx="auto" gap="lg">
      <Title order={1}>{t('citizen.account.heading')}</Title>
      {me.fullName === '' && (
        <Alert color="blue" variant="light" data-testid="account-welcome">
          {t('citizen.account.welcome')}
        </Alert>
      )}
      {/* Remounted on every saved version, so the form starts from what the server holds. */}
      <ProfileSection key={me.version} me={me} update={update} onSaved={() => setNotice('saved')} onEdit={() => setNotice(null)} />
      <Text role="status" size="sm" c="green.9" fw={600} data-testid="account-notice">
        {notice === 'saved' ? t('citizen.account.saved') : notice === 'emailConfirmed' ? t('citizen.account.emailConfirmed') : ''}
      </Text>
      {me.email && !me.emailVerified && <EmailSection email={me.email} confirm={confirm} onConfirmed={() => setNotice('emailConfirmed')} />}
      {me.identities.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="identities-heading">
          <Title order={2} size="h3" id="identities-heading" mb="xs">
            {t('citizen.account.identitiesHeading')}
          </Title>
          {me.identities.map((i) => (
            <Text key={i.issuer}>{t('citizen.account.identityLinked', { name: i.name, date: formatDateTime(i.linkedAt) })}</Text>
          ))}
        </Paper>
      )}
      <PasswordSection hasPassword={me.hasPassword} />
      <SignOutSection />
    </Stack>
  );
}

type ProfileSectionProps = { me: CitizenMe; update: ReturnType<typeof useUpdateProfile>; onSaved: () => void; onEdit: () => void };

function ProfileSection({ me, update, onSaved, onEdit }: ProfileSectionProps) {
  const { t } = useTranslation();
  const reload = useCitizenMe();
  const form = useForm<ProfileValues>({
    initialValues: profileValues(me),
    validate: {
      fullName: (v) => (v.trim() === '' ? t('validation.required') : null),
      idNumber: (v) => (checkOptional('idNumber', v) ? t('citizen.validation.idNumber') : null),
      birthDate: (v) => (checkOptional('birthDate', v) ? t('citizen.validation.birthDate') : null),
      email: (v) => (checkOptional('email', v) ? t('citizen.validation.email') : null),
      phone: (v) => (checkOptional('phone', v) ? t('citizen.validation.phone') : null),
    },
  });
  const submit = form.onSubmit((values) => {
    onEdit();
    update.mutate(profileChanges(me, values), { onSuccess: onSaved });
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="profile-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="profile-heading">
            {t('citizen.account.profileHeading')}
          </Title>
          <ErrorAlert error={update.error} onReload={() => void reload.refetch()} />
          <TextInput label={t('citizen.account.fullName')} autoComplete="name" required {...form.getInputProps('fullName')} />
          <TextInput
            label={t('citizen.account.idNumber')}
            description={t('citizen.account.idNumberHint')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            {...form.getInputProps('idNumber')}
          />
          <TextInput type="date" label={t('citizen.account.birthDate')} autoComplete="bday" {...form.getInputProps('birthDate')} />
          <Textarea label={t('citizen.account.address')} autoComplete="street-address" autosize minRows={2} {...form.getInputProps('address')} />
          <TextInput type="email" label={t('citizen.account.email')} autoComplete="email" autoCapitalize="none" spellCheck={false} {...form.getInputProps('email')} />
          <TextInput type="tel" label={t('citizen.account.phone')} autoComplete="tel" inputMode="tel" {...form.getInputProps('phone')} />
          <Radio.Group label={t('citizen.account.language')} {...form.getInputProps('language')}>
            <Group gap="lg" mt={4}>
              <Radio value="vi" label={t('language.vi')} />
              <Radio value="en" label={t('language.en')} />
            </Group>
          </Radio.Group>
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('citizen.account.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

type EmailSectionProps = { email: string; confirm: ReturnType<typeof useConfirmEmail>; onConfirmed: () => void };

function EmailSection({ email, confirm, onConfirmed }: EmailSectionProps) {
  const { t } = useTranslation();
  const send = useSendEmailCode();
  const form = useForm({ initialValues: { code: '' }, validate: { code: (v) => (checkCode(v) ? t('citizen.validation.code') : null) } });
  const submit = form.onSubmit((values) => confirm.mutate(values.code.replace(/\s+/g, ''), { onSuccess: onConfirmed }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="email-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="email-heading">
          {t('citizen.account.emailHeading')}
        </Title>
        <Text size="sm">{t('citizen.account.emailUnverified', { email })}</Text>
        <ErrorAlert error={send.error ?? confirm.error} />
        {send.isSuccess ? (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Text role="status" size="sm">
                {t('citizen.account.codeSent', { email })}
              </Text>
              <TextInput label={t('citizen.account.code')} inputMode="numeric" autoComplete="one-time-code" maxLength={7} required {...form.getInputProps('code')} />
              <Group>
                <Button type="submit" loading={confirm.isPending}>
                  {t('citizen.account.confirmEmail')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Group>
            <Button variant="default" onClick={() => send.mutate()} loading={send.isPending}>
              {t('citizen.account.sendCode')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function PasswordSection({ hasPassword }: { hasPassword: boolean }) {
  const { t } = useTranslation();
  const change = useChangeCitizenPassword();
  const [done, setDone] = useState(false);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      newPassword: (v) => ([...v].length < 8 ? t('validation.passwordMin') : null),
      confirm: (v, values) => (v !== values.newPassword ? t('validation.passwordMismatch') : null),
    },
  });
  const submit = form.onSubmit((values) => {
    setDone(false);
    change.mutate(
      { ...(hasPassword && values.currentPassword !== '' ? { currentPassword: values.currentPassword } : {}), newPassword: values.newPassword },
      {
        onSuccess: () => {
          setDone(true);
          form.reset();
        },
      },
    );
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="password-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="password-heading">
            {t('citizen.account.passwordHeading')}
          </Title>
          {!hasPassword && <Text size="sm">{t('citizen.account.setPasswordLead')}</Text>}
          <ErrorAlert error={change.error} />
          {hasPassword && (
            <PasswordField
              label={t('citizen.account.currentPassword')}
              description={t('citizen.account.currentPasswordHint')}
              autoComplete="current-password"
              {...form.getInputProps('currentPassword')}
            />
          )}
          <PasswordField label={t('citizen.account.newPassword')} description={t('citizen.signUp.passwordHint')} autoComplete="new-password" required {...form.getInputProps('newPassword')} />
          <PasswordField label={t('citizen.account.confirmPassword')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
          <Group>
            <Button type="submit" variant="default" loading={change.isPending}>
              {hasPassword ? t('citizen.account.changePassword') : t('citizen.account.setPassword')}
            </Button>
          </Group>
          <Text role="status" size="sm" c="green.9">
            {done ? t('citizen.account.passwordChanged') : ''}
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}

function SignOutSection() {
  const { t } = useTranslation();
  const signOut = useCitizenSignOut();
  const navigate = useNavigate();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sign-out-heading">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h3" id="sign-out-heading">
          {t('citizen.account.signOutHeading')}
        </Title>
        <Button variant="outline" color="red" onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/', { replace: true }) })} loading={signOut.isPending}>
          {t('citizen.account.signOut')}
        </Button>
      </Stack>
    </Paper>
  );
}
