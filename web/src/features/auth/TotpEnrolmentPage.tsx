import { Button, Code, CopyButton, Group, Image, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { useTotpConfirm, useTotpSetup } from '../../api/auth';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { schemaValidator } from '../../components/contract-form';
import { usePageTitle } from '../../components/usePageTitle';
import { TotpCodeSchema } from './totp-code';

const ConfirmSchema = z.object({ code: TotpCodeSchema });

/** TOTP enrolment: QR code and secret, then a first code to prove the app works. */
export function TotpEnrolmentPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.totp.pageTitle'));
  const navigate = useNavigate();
  const setup = useTotpSetup(true);
  const confirm = useTotpConfirm();
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: schemaValidator(ConfirmSchema),
  });

  const submit = form.onSubmit((values) => {
    confirm.mutate(values.code.replace(/\s+/g, ''), {
      onSuccess: () => {
        void navigate('/staff', { replace: true });
      },
      onError: () => {
        form.setFieldValue('code', '');
      },
    });
  });

  const restart = () => {
    confirm.reset();
    form.reset();
    void setup.refetch();
  };

  return (
    <Stack maw={560} gap="md">
      <Title order={1}>{t('auth.totp.heading')}</Title>
      <Text>{t('auth.totp.lead')}</Text>
      <ErrorAlert error={setup.error} />
      {setup.isFetching && (
        <Group gap="sm">
          <Loader size="sm" aria-hidden />
          <Text role="status">{t('auth.totp.preparing')}</Text>
        </Group>
      )}
      {setup.data && !setup.isFetching && (
        <Paper withBorder p="lg">
          <Stack gap="md">
            <Text fw={600}>{t('auth.totp.step1')}</Text>
            <Image src={setup.data.qrDataUrl} alt={t('auth.totp.qrAlt')} w={200} h={200} fit="contain" />
            <Text size="sm" id="totp-manual">
              {t('auth.totp.manual')}
            </Text>
            <Group gap="xs" wrap="nowrap" align="center">
              <Code
                data-testid="totp-secret"
                aria-describedby="totp-manual"
                fz="md"
                style={{ wordBreak: 'break-all', letterSpacing: '0.08em' }}
              >
                {setup.data.secret}
              </Code>
              <CopyButton value={setup.data.secret}>
                {({ copied, copy }) => (
                  <Button size="compact-sm" variant="default" onClick={copy}>
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <form onSubmit={submit} noValidate>
              <Stack gap="sm">
                <Text fw={600} id="totp-step2">
                  {t('auth.totp.step2')}
                </Text>
                <ErrorAlert error={confirm.error} />
                <TextInput
                  label={t('auth.totp.code')}
                  aria-describedby="totp-step2"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  required
                  w={200}
                  {...form.getInputProps('code')}
                />
                <Group gap="sm">
                  <Button type="submit" loading={confirm.isPending}>
                    {t('auth.totp.confirm')}
                  </Button>
                  {isApiError(confirm.error, 'AUTH_TOTP_NOT_STARTED') && (
                    <Button variant="default" onClick={restart}>
                      {t('auth.totp.restart')}
                    </Button>
                  )}
                </Group>
              </Stack>
            </form>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
