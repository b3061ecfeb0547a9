import { Alert, Button, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLogHotline, type FeedbackItem } from '../../api/feedback';
import { useUnits } from '../../api/org';
import { useSignedInMe } from '../../app/me-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../i18n/format';
import { flattenUnitTree, unitOptions } from '../org/unit-tree';
import { CALLER_MAX, HOTLINE_SUMMARY_MAX, textProblem } from './feedback-text';

type Values = { summary: string; caller: string; unitId: string | null };

/**
 * /staff/hotline (feedback.write: receptionists and leaders): logs a call to
 * the hotline — what the caller said, who called when they agree to say, and
 * the unit concerned (the officer's own by default). It lands in the leaders'
 * list, due 10 working days later.
 */
export function HotlinePage() {
  const { t } = useTranslation();
  usePageTitle(t('feedback.hotline.pageTitle'));
  const me = useSignedInMe();
  const units = useUnits();
  const rows = flattenUnitTree((units.data ?? []).filter((u) => u.active));
  const log = useLogHotline();
  const [values, setValues] = useState<Values>({ summary: '', caller: '', unitId: null });
  const [errors, setErrors] = useState<{ summary?: string; caller?: string }>({});
  const [logged, setLogged] = useState<FeedbackItem | null>(null);
  const summaryRef = useRef<HTMLTextAreaElement>(null);
  const callerRef = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const summaryIssue = textProblem(values.summary, { max: HOTLINE_SUMMARY_MAX });
    const callerIssue = textProblem(values.caller, { max: CALLER_MAX, required: false });
    const next = {
      summary: summaryIssue === null ? undefined : summaryIssue === 'tooLong' ? t('feedback.hotline.tooLong', { max: HOTLINE_SUMMARY_MAX }) : t('validation.required'),
      caller: callerIssue === null ? undefined : t('feedback.hotline.callerTooLong', { max: CALLER_MAX }),
    };
    setErrors(next);
    if (next.summary || next.caller) {
      (next.summary ? summaryRef : callerRef).current?.focus();
      return;
    }
    const unitCode = values.unitId === null || values.unitId === me.staff.unitId ? undefined : units.data?.find((u) => u.id === values.unitId)?.code;
    const caller = values.caller.trim();
    setLogged(null);
    log.mutate(
      { summary: values.summary.trim(), ...(caller === '' ? {} : { caller }), ...(unitCode ? { unitCode } : {}) },
      {
        onSuccess: (item) => {
          setLogged(item);
          setValues({ summary: '', caller: '', unitId: values.unitId });
          summaryRef.current?.focus();
        },
      },
    );
  };

  return (
    <Stack gap="md" maw={760}>
      <Stack gap={4}>
        <Title order={1}>{t('feedback.hotline.heading')}</Title>
        <Text c="dimmed">{t('feedback.hotline.lead')}</Text>
      </Stack>
      <div role="status">
        {logged && (
          <Alert color="green" variant="light" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setLogged(null)} data-testid="hotline-logged">
            {t('feedback.hotline.logged', { received: formatDateTime(logged.receivedAt), due: formatDateTime(logged.dueAt) })}
          </Alert>
        )}
      </div>
      <Paper withBorder p="md" component="form" onSubmit={submit} noValidate data-testid="hotline-form">
        <Stack gap="sm">
          <Textarea
            ref={summaryRef}
            label={t('feedback.hotline.summary')}
            description={t('feedback.hotline.summaryHint')}
            required
            autosize
            minRows={4}
            maxRows={12}
            value={values.summary}
            error={errors.summary}
            onChange={(event) => {
              const summary = event.currentTarget.value;
              setValues((v) => ({ ...v, summary }));
            }}
          />
          <TextInput
            ref={callerRef}
            label={t('feedback.hotline.caller')}
            description={t('feedback.hotline.callerHint')}
            autoComplete="off"
            value={values.caller}
            error={errors.caller}
            onChange={(event) => {
              const caller = event.currentTarget.value;
              setValues((v) => ({ ...v, caller }));
            }}
          />
          {rows.length > 1 && (
            <Select
              label={t('feedback.hotline.unit')}
              description={t('feedback.hotline.unitHint')}
              data={unitOptions(rows)}
              value={values.unitId ?? me.staff.unitId}
              onChange={(unitId) => setValues((v) => ({ ...v, unitId }))}
              searchable
              allowDeselect={false}
            />
          )}
          <ErrorAlert error={log.error} />
          <div>
            <Button type="submit" loading={log.isPending}>
              {t('feedback.hotline.submit')}
            </Button>
          </div>
        </Stack>
      </Paper>
    </Stack>
  );
}
