import { Alert, Anchor, Button, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { usePublicLookup, type LookupResult } from '../../api/dossiers';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../i18n/format';
import { Localized } from '../catalog/localized';
import { ratingPagePath } from '../feedback/feedback-text';
import { parseLookupFragment } from './dossier-text';
import { dateOrNone, StatusBadge, stepLabel } from './labels';
import { PublicTimeline } from './PublicTimeline';
import { Facts } from './detail/Facts';

/**
 * /tra-cuu: a citizen looks a dossier up by its code and the secret printed on
 * the receipt. The receipt's QR code opens this page with both in the
 * fragment (#code=…&secret=…), which never reaches the server; the page
 * fills the form, submits it and clears the fragment from the address bar.
 */
export function LookupPage() {
  const { t } = useTranslation();
  usePageTitle(t('lookup.pageTitle'));
  const lookup = usePublicLookup();
  const form = useForm({
    initialValues: { code: '', secret: '' },
    validate: {
      code: (value) => (value.trim() === '' ? t('validation.required') : null),
      secret: (value) => (value.trim() === '' ? t('validation.required') : null),
    },
  });
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const fromFragment = parseLookupFragment(window.location.hash);
    if (!fromFragment) return;
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    form.setValues(fromFragment);
    lookup.mutate(fromFragment);
  }, [form, lookup]);

  const submit = form.onSubmit((values) => lookup.mutate({ code: values.code.trim(), secret: values.secret.trim() }));

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('lookup.heading')}</Title>
        <Text>{t('lookup.lead')}</Text>
      </Stack>
      <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-labelledby="lookup-form-heading">
        <Stack gap="sm">
          <Title order={2} size="h4" id="lookup-form-heading">
            {t('lookup.formHeading')}
          </Title>
          <TextInput label={t('lookup.code')} description={t('lookup.codeHint')} autoComplete="off" autoCapitalize="characters" spellCheck={false} required {...form.getInputProps('code')} />
          <TextInput label={t('lookup.secret')} description={t('lookup.secretHint')} autoComplete="off" autoCapitalize="characters" spellCheck={false} required {...form.getInputProps('secret')} />
          <div>
            <Button type="submit" loading={lookup.isPending}>
              {t('lookup.submit')}
            </Button>
          </div>
          <LookupError error={lookup.error} />
        </Stack>
      </Paper>
      {lookup.data && <LookupAnswer result={lookup.data} secret={lookup.variables?.secret ?? ''} />}
    </Stack>
  );
}

function LookupError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  let message = t('errors.unexpected');
  if (isApiError(error) && error.status === 404) message = t('lookup.notFound');
  else if (isApiError(error) && error.status === 429) message = t('lookup.rateLimited', { seconds: error.retryAfter ?? 60 });
  else if (isApiError(error, 'NETWORK_ERROR')) message = t('errors.network');
  return (
    <Alert color="red" variant="light" role="alert" title={t('lookup.errorTitle')} data-testid="lookup-error">
      {message}
    </Alert>
  );
}

function LookupAnswer({ result, secret }: { result: LookupResult; secret: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [result.code]);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="lookup-result-heading" data-testid="lookup-result">
      <Stack gap="sm">
        <Title order={2} size="h3" id="lookup-result-heading" ref={heading} tabIndex={-1}>
          {t('lookup.resultHeading', { code: result.code })}
        </Title>
        <div>
          <StatusBadge status={result.status} />
        </div>
        <Facts
          items={[
            [t('lookup.procedure'), <Localized key="p" vi={result.procedure.name} en={result.procedure.nameEn} />],
            [t('lookup.step'), stepLabel(t, result.step)],
            [t('lookup.receivedAt'), formatDateTime(result.receivedAt)],
            [t('lookup.appointment'), dateOrNone(t, result.appointmentAt)],
            [t('lookup.returnPlace'), result.returnPlace],
          ]}
        />
        {result.missing.length > 0 && (
          <Paper withBorder p="sm" component="section" aria-labelledby="lookup-missing-heading">
            <Title order={3} size="h5" id="lookup-missing-heading" mb={4}>
              {t('lookup.missingHeading')}
            </Title>
            <List size="sm" data-testid="lookup-missing">
              {result.missing.map((item, i) => (
                <List.Item key={`${String(i)}-${item}`}>{item}</List.Item>
              ))}
            </List>
          </Paper>
        )}
        {result.status === 'returned' && secret !== '' && (
          // The secret goes on in the fragment, as the receipt's QR code brings it here: never to the server's logs.
          <Paper withBorder p="sm" component="section" aria-labelledby="lookup-rate-heading" data-testid="lookup-rate">
            <Title order={3} size="h5" id="lookup-rate-heading" mb={4}>
              {t('feedback.lookup.heading')}
            </Title>
            <Text size="sm" mb={4}>
              {t('feedback.lookup.lead')}
            </Text>
            <Anchor component={Link} to={ratingPagePath(result.code, secret)} fw={600}>
              {t('feedback.lookup.link', { code: result.code })}
            </Anchor>
          </Paper>
        )}
        <Title order={3} size="h4">
          {t('lookup.timeline')}
        </Title>
        <PublicTimeline entries={result.timeline} testId="lookup-timeline" />
      </Stack>
    </Paper>
  );
}
