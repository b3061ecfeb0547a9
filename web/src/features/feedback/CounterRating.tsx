import { Alert, Box, Button, Container, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useCounterRating, useDossierRatingState } from '../../api/feedback';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../i18n/format';
import { RatingForm } from './RatingForm';

/**
 * The "rate at the counter" action of a returned dossier on the staff dossier
 * page: a button, or the note that the dossier was rated (channel and time,
 * never the scores), and the tablet view it opens.
 */
export function CounterRatingAction({ code, onRecorded }: { code: string; onRecorded: () => void }) {
  const { t } = useTranslation();
  const state = useDossierRatingState(code, true);
  const [open, setOpen] = useState(false);
  return (
    <>
      {state.isError && <ErrorAlert error={state.error} />}
      {state.data && (
        <Text size="sm" data-testid="dossier-rated">
          {t('feedback.counter.rated', { channel: t(`feedback.channels.${state.data.channel}`), date: formatDateTime(state.data.createdAt) })}
        </Text>
      )}
      {state.data === null && (
        <Button variant="outline" onClick={() => setOpen(true)} data-testid="counter-rating-open">
          {t('feedback.counter.action')}
        </Button>
      )}
      {/* Stays open over the state refetched after the rating: the applicant sees the thanks first. */}
      {open && (
        <CounterRatingView
          code={code}
          onClose={(recorded) => {
            setOpen(false);
            if (recorded) onRecorded();
          }}
        />
      )}
    </>
  );
}

/**
 * The tablet view the officer hands to the applicant: full screen, large type,
 * nothing of the staff workspace on it (the dialog covers the dossier page
 * and its navigation, and keeps the focus) — only the dossier code, the five
 * criteria and the comment. Back to the dossier after "Done".
 */
function CounterRatingView({ code, onClose }: { code: string; onClose: (recorded: boolean) => void }) {
  const { t } = useTranslation();
  const rating = useCounterRating(code);
  const done = rating.isSuccess;
  const thanks = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (done) thanks.current?.focus();
  }, [done]);

  return (
    <Modal
      opened
      fullScreen
      onClose={() => onClose(done)}
      // The applicant holds the tablet: no stray Escape or tap outside closes it.
      closeOnEscape={false}
      closeOnClickOutside={false}
      withCloseButton={false}
      title={t('feedback.counter.title')}
      styles={{ title: { fontSize: '2rem', fontWeight: 700 } }}
      transitionProps={{ duration: 0 }}
      data-testid="counter-rating"
    >
      <Container size="lg" px={0}>
        {done ? (
          <Stack gap="xl" align="flex-start" py="xl" data-testid="counter-rating-thanks">
            <Title order={2} ref={thanks} tabIndex={-1} fz="2.25rem">
              {t('feedback.counter.thanksTitle')}
            </Title>
            <Text fz="1.5rem">{t('feedback.counter.thanks')}</Text>
            <Button size="xl" onClick={() => onClose(true)}>
              {t('feedback.counter.done')}
            </Button>
          </Stack>
        ) : (
          <Stack gap="lg">
            <Text fz="1.35rem">{t('feedback.counter.lead', { code })}</Text>
            <RatingForm
              large
              pending={rating.isPending}
              onSubmit={(values) => rating.mutate(values)}
              feedback={
                isApiError(rating.error, 'FEEDBACK_ALREADY_RATED') ? (
                  <Alert color="red" variant="light" role="alert" fz="lg">
                    {t('feedback.counter.alreadyRated')}
                  </Alert>
                ) : (
                  <Box role="alert">
                    <ErrorAlert error={rating.error} />
                  </Box>
                )
              }
            />
            <Group justify="flex-end">
              <Button variant="subtle" size="md" onClick={() => onClose(false)}>
                {t('feedback.counter.back')}
              </Button>
            </Group>
          </Stack>
        )}
      </Container>
    </Modal>
  );
}
