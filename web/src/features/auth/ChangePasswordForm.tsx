import { Alert, Button, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useChangePassword } from '../../api/auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { message, schemaValidator } from '../../components/contract-form';
import { PasswordField } from '../../components/PasswordField';

// The server applies the full policy (length, common passwords, username); this only catches typos early.
const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, message('required')),
    newPassword: z.string().min(8, message('passwordMin')),
    confirmPassword: z.string().min(1, message('required')),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], ...message('passwordMismatch') })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ['newPassword'], ...message('passwordSame') });

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [done, setDone] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: schemaValidator(ChangePasswordSchema),
  });

  const submit = form.onSubmit((values) => {
    setDone(false);
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          setDone(true);
          form.reset();
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={420}>
        <ErrorAlert error={change.error} />
        {done && (
          <Alert color="green" variant="light" role="status">
            {t('auth.password.changed')}
          </Alert>
        )}
        <PasswordField
          label={t('auth.password.current')}
          autoComplete="current-password"
          required
          {...form.getInputProps('currentPassword')}
        />
        <PasswordField
          label={t('auth.password.new')}
          description={t('auth.password.newHint')}
          autoComplete="new-password"
          required
          {...form.getInputProps('newPassword')}
        />
        <PasswordField
          label={t('auth.password.confirm')}
          autoComplete="new-password"
          required
          {...form.getInputProps('confirmPassword')}
        />
        <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('auth.password.submit')}
        </Button>
      </Stack>
    </form>
  );
}
