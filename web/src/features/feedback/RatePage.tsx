import { Alert, Anchor, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { usePublicRating, type RatingResult } from '../../api/feedback';
import { usePageTitle } from '../../components/usePageTitle';
import { LOOKUP_PATH, parseLookupFragment } from '../dossiers/dossier-text';
import { SUGGESTION_PATH, waitMinutes } from './feedback-text';
import { RatingForm } from './RatingForm';

type Dossier = { code: string; secret: string };

/**
 * /danh-gia, public: the applicant rates a returned dossier with the code and
 * lookup secret from the receipt. The lookup page links here with both in the
 * fragment (#code=…&secret=…, never sent to the server), which the page reads
 * and clears from the address bar; then only the code is shown.
 */
export function RatePage() {
  const { t } = useTranslation();
  usePageTitle(t('feedback.rate.pageTitle'));
  const rating = usePublicRating();
  const [given, setGiven] = useState<Dossier | null>(null);
  const [fields, setFields] = useState<Dossier>({ code: '', secret: '' });
  const [errors, setErrors] = useState<{ code?: string; secret?: string }>({});
  const [attempt, setAttempt] = useState(0);
  const codeRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => {
    const fromFragment = parseLookupFragment(location.hash);
    if (!fromFragment) return;
    setGiven(fromFragment);
    // Out of the address bar and the history entry at once.
    void navigate({ pathname: location.pathname, search: location.search }, { replace: true });
  }, [location.hash, location.pathname, location.search, navigate]);

  const dossier = given ?? { code: fields.code.trim(), secret: fields.secret.trim() };

  const checkDossier = (): boolean => {
    if (given) return true;
    const next = {
      code: dossier.code === '' ? t('validation.required') : undefined,
      secret: dossier.secret === '' ? t('validation.required') : undefined,
    };
    setErrors(next);
    if (next.code) codeRef.current?.focus();
    else if (next.secret) secretRef.current?.focus();
    return !next.code && !next.secret;
  };

  if (rating.data) return <Thanks result={rating.data} />;

  const leading = given ? (
    <Paper withBorder p="md" component="section" aria-labelledby="rate-dossier-heading">
      <Group justify="space-between" align="center" gap="sm">
        <Title order={2} size="h4" id="rate-dossier-heading" data-testid="rate-dossier">
          {t('feedback.rate.forDossier', { code: given.code })}
        </Title>
        <Button
          variant="default"
          size="sm"
          onClick={() => {
            setGiven(null);
            rating.reset();
          }}
        >
          {t('feedback.rate.otherDossier')}
        </Button>
      </Group>
    </Paper>
  ) : (
    <Paper withBorder p="md" component="section" aria-labelledby="rate-dossier-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="rate-dossier-heading">
          {t('feedback.rate.dossierHeading')}
        </Title>
        <Text size="sm">{t('feedback.rate.dossierLead')}</Text>
        <TextInput
          ref={codeRef}
          label={t('lookup.code')}
          description={t('lookup.codeHint')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          value={fields.code}
          error={errors.code}
          onChange={(event) => {
            const code = event.currentTarget.value;
            setFields((f) => ({ ...f, code }));
          }}
        />
        <TextInput
          ref={secretRef}
          label={t('lookup.secret')}
          description={t('lookup.secretHint')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          value={fields.secret}
          error={errors.secret}
          onChange={(event) => {
            const secret = event.currentTarget.value;
            setFields((f) => ({ ...f, secret }));
          }}
        />
      </Stack>
    </Paper>
  );

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('feedback.rate.heading')}</Title>
        <Text>{t('feedback.rate.lead')}</Text>
      </Stack>
      <RatingForm
        leading={leading}
        pending={rating.isPending}
        beforeSubmit={checkDossier}
        feedback={<RateError key={attempt} error={rating.error} />}
        onSubmit={(values) => {
          setAttempt((n) => n + 1);
          rating.mutate({ code: dossier.code, secret: dossier.secret, ...values });
        }}
      />
    </Stack>
  );
}

function RateError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  let message = t('errors.unexpected');
  if (isApiError(error, 'LOOKUP_NOT_FOUND')) message = t('feedback.rate.notFound');
  else if (isApiError(error, 'FEEDBACK_NOT_RETURNED')) message = t('feedback.rate.notReturned');
  else if (isApiError(error, 'FEEDBACK_ALREADY_RATED')) message = t('feedback.rate.alreadyRated');
  else if (isApiError(error) && error.status === 429) message = t('feedback.rate.rateLimited', { minutes: waitMinutes(error.retryAfter) });
  else if (isApiError(error, 'NETWORK_ERROR')) message = t('errors.network');
  else if (isApiError(error) && error.fromServer) message = error.message;
  return (
    <Alert color="red" variant="light" role="alert" title={t('feedback.rate.errorTitle')} data-testid="rate-error">
      {message}
    </Alert>
  );
}

function Thanks({ result }: { result: RatingResult }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Stack gap="lg" data-testid="rate-thanks">
      <Title order={1} ref={heading} tabIndex={-1}>
        {t('feedback.rate.thanksTitle')}
      </Title>
      <Text size="lg">{t('feedback.rate.thanks', { code: result.dossierCode })}</Text>
      <Group gap="lg">
        <Anchor component={Link} to={LOOKUP_PATH}>
          {t('feedback.rate.toLookup')}
        </Anchor>
        <Anchor component={Link} to={SUGGESTION_PATH}>
          {t('feedback.rate.toSuggestion')}
        </Anchor>
      </Group>
    </Stack>
  );
}
