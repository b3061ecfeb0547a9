import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useAnswerItem, type FeedbackItem } from '../../api/feedback';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../i18n/format';
import { ANSWER_MAX, textProblem } from './feedback-text';
import classes from './feedback.module.css';

interface AnswerModalProps {
  /** The item as the list has it now (refetched after a conflict: its version and state are current). */
  item: FeedbackItem;
  onClose: () => void;
  onAnswered: (item: FeedbackItem) => void;
}

/**
 * Answers one suggestion or call with the version the leader read. When a
 * colleague got there first (409 VERSION_CONFLICT or FEEDBACK_ALREADY_ANSWERED)
 * the dialog says so, keeps the text typed, and shows the item as it is now:
 * answered (the form closes) or changed (sending again uses the new version).
 */
export function AnswerModal({ item, onClose, onAnswered }: AnswerModalProps) {
  const { t } = useTranslation();
  const answer = useAnswerItem();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const conflict = isApiError(answer.error, 'VERSION_CONFLICT') || isApiError(answer.error, 'FEEDBACK_ALREADY_ANSWERED');
  const open = item.status === 'open';

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = textProblem(text, { max: ANSWER_MAX });
    setError(problem === null ? undefined : problem === 'tooLong' ? t('feedback.items.answerTooLong', { max: ANSWER_MAX }) : t('validation.required'));
    if (problem !== null) return;
    answer.mutate({ id: item.id, answer: text.trim(), version: item.version }, { onSuccess: onAnswered });
  };

  return (
    <Modal opened onClose={onClose} title={t('feedback.items.answerTitle')} centered size="lg">
      <form noValidate onSubmit={submit} data-testid="answer-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t(`feedback.items.kinds.${item.kind}`)} · {item.unit.name} · {formatDateTime(item.receivedAt)}
          </Text>
          <Text size="sm" className={classes.itemText} data-testid="answer-item-text">
            {item.text}
          </Text>
          {conflict && (
            <Alert color="orange" variant="light" role="alert" styles={{ title: { color: 'var(--mantine-color-text)' } }} title={t('feedback.items.conflictTitle')} data-testid="answer-conflict">
              {t('feedback.items.conflict')}
            </Alert>
          )}
          {item.answer && (
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('feedback.items.answeredBy', { name: item.answeredBy?.name ?? '', date: item.answeredAt ? formatDateTime(item.answeredAt) : '' })}
              </Text>
              <Text size="sm" className={classes.itemText}>
                {item.answer}
              </Text>
            </Stack>
          )}
          {open && (
            <Textarea
              label={t('feedback.items.answerLabel')}
              description={t('feedback.items.answerHint', { max: ANSWER_MAX })}
              required
              autosize
              minRows={4}
              maxRows={12}
              value={text}
              error={error}
              onChange={(event) => setText(event.currentTarget.value)}
              data-autofocus
            />
          )}
          {!conflict && <ErrorAlert error={answer.error} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {open ? t('common.cancel') : t('common.close')}
            </Button>
            {open && (
              <Button type="submit" loading={answer.isPending}>
                {t('feedback.items.answerSubmit')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
