import { Alert, Button, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogUnits } from '../../api/catalog';
import { isApiError } from '../../api/client';
import { useSuggestion } from '../../api/feedback';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { useLocalize } from '../catalog/localized';
import { CONTACT_MAX, SUGGESTION_TEXT, textProblem, toSuggestionInput, waitMinutes } from './feedback-text';
import classes from './feedback.module.css';

type Values = { text: string; unitCode: string; contact: string; website: string };
const EMPTY: Values = { text: '', unitCode: '', contact: '', website: '' };

/**
 * /gop-y, public: the anonymous suggestion box. Anti-abuse without a captcha:
 * the server limits an address to 5 suggestions in 10 minutes (a 429 is shown
 * as a wait, the text kept), and a honeypot field that people never see nor
 * reach (off screen, aria-hidden, out of the tab order, no autofill) — a bot
 * that fills it is answered as a success and nothing is stored.
 */
export function SuggestionPage() {
  const { t } = useTranslation();
  usePageTitle(t('feedback.suggestion.pageTitle'));
  const localize = useLocalize();
  const units = useCatalogUnits();
  const suggestion = useSuggestion();
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<{ text?: string; contact?: string }>({});
  const [sent, setSent] = useState<{ withContact: boolean } | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const contactRef = useRef<HTMLInputElement>(null);

  const set = (key: keyof Values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const textIssue = textProblem(values.text, SUGGESTION_TEXT);
    const contactIssue = textProblem(values.contact, { max: CONTACT_MAX, required: false });
    const next = {
      text: textIssue === null ? undefined : textIssue === 'required' ? t('validation.required') : t(`feedback.suggestion.${textIssue}`, SUGGESTION_TEXT),
      contact: contactIssue === null ? undefined : t('feedback.suggestion.contactTooLong', { max: CONTACT_MAX }),
    };
    setErrors(next);
    if (next.text) {
      textRef.current?.focus();
      return;
    }
    if (next.contact) {
      contactRef.current?.focus();
      return;
    }
    const input = toSuggestionInput({ ...values, unitCode: values.unitCode || null });
    suggestion.mutate(input, {
      onSuccess: () => {
        setSent({ withContact: input.contact !== undefined });
        setValues(EMPTY);
      },
    });
  };

  if (sent) {
    return (
      <Sent
        withContact={sent.withContact}
        onAnother={() => {
          setSent(null);
          suggestion.reset();
        }}
      />
    );
  }

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('feedback.suggestion.heading')}</Title>
        <Text>{t('feedback.suggestion.lead')}</Text>
      </Stack>
      <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-labelledby="suggestion-form-heading" data-testid="suggestion-form">
        <Stack gap="md">
          <Title order={2} size="h4" id="suggestion-form-heading">
            {t('feedback.suggestion.formHeading')}
          </Title>
          <Textarea
            ref={textRef}
            label={t('feedback.suggestion.text')}
            description={t('feedback.suggestion.textHint', SUGGESTION_TEXT)}
            required
            autosize
            minRows={5}
            maxRows={14}
            value={values.text}
            error={errors.text}
            onChange={(event) => set('text')(event.currentTarget.value)}
          />
          <NativeSelect
            label={t('feedback.suggestion.unit')}
            description={t('feedback.suggestion.unitHint')}
            value={values.unitCode}
            onChange={(event) => set('unitCode')(event.currentTarget.value)}
            data={[
              { value: '', label: t('feedback.suggestion.unitNone') },
              ...(units.data ?? []).map((u) => ({ value: u.code, label: localize(u.name, u.nameEn) })),
            ]}
          />
          <TextInput
            ref={contactRef}
            label={t('feedback.suggestion.contact')}
            description={t('feedback.suggestion.contactHint')}
            autoComplete="off"
            value={values.contact}
            error={errors.contact}
            onChange={(event) => set('contact')(event.currentTarget.value)}
          />
          {/* The honeypot: people never see or reach it; a bot that fills it is answered as a success. */}
          <div className={classes.honeypot} aria-hidden="true">
            <label htmlFor="suggestion-website">{t('feedback.suggestion.website')}</label>
            <input
              id="suggestion-website"
              name="website"
              type="text"
              tabIndex={-1}
              autoComplete="off"
              value={values.website}
              onChange={(event) => set('website')(event.currentTarget.value)}
            />
          </div>
          <SuggestionError error={suggestion.error} />
          <div>
            <Button type="submit" size="md" loading={suggestion.isPending}>
              {t('feedback.suggestion.submit')}
            </Button>
          </div>
        </Stack>
      </Paper>
    </Stack>
  );
}

/** Mantine's orange title on the light orange background is below 4.5:1: titled in the text colour (the words say it). */
const TITLE_IN_TEXT_COLOUR = { title: { color: 'var(--mantine-color-text)' } } as const;

function SuggestionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (isApiError(error) && error.status === 429) {
    return (
      <Alert color="orange" variant="light" role="alert" styles={TITLE_IN_TEXT_COLOUR} title={t('feedback.suggestion.waitTitle')} data-testid="suggestion-wait">
        {t('feedback.suggestion.wait', { minutes: waitMinutes(error.retryAfter) })}
      </Alert>
    );
  }
  return (
    <div role="alert">
      <ErrorAlert error={error} />
    </div>
  );
}

function Sent({ withContact, onAnother }: { withContact: boolean; onAnother: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Stack gap="md" data-testid="suggestion-sent">
      <Title order={1} ref={heading} tabIndex={-1}>
        {t('feedback.suggestion.sentTitle')}
      </Title>
      <Text size="lg">{t('feedback.suggestion.sent')}</Text>
      <Text>{withContact ? t('feedback.suggestion.sentContact') : t('feedback.suggestion.sentAnonymous')}</Text>
      <div>
        <Button variant="default" onClick={onAnother}>
          {t('feedback.suggestion.another')}
        </Button>
      </div>
    </Stack>
  );
}
