import { Alert, Button, Checkbox, Group, List, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { getHotkeyHandler } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type Priority } from '../../../../contracts/dossiers';
import { useAdminProcedure } from '../../api/catalog';
import { isApiError } from '../../api/client';
import { useIntake, useUnitCounters, type IntakeResult } from '../../api/dossiers';
import { useSignedInMe } from '../../app/me-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { serverFieldErrors } from '../catalog/procedure-form';
import { useLocalize } from '../catalog/localized';
import { IntakeResultView } from './intake/IntakeResultView';
import { ApplicantFields } from './intake/ApplicantFields';
import { DocumentChecklist } from './intake/DocumentChecklist';
import { ProcedurePicker } from './intake/ProcedurePicker';
import { RefuseModal } from './intake/RefuseModal';
import {
  checklistFor,
  emptyIntake,
  intakeServerErrors,
  missingItems,
  toIntakeBody,
  validateIntake,
  type IntakeFormValues,
  type IntakeOutcome,
} from './intake-form';

/**
 * Desk intake, keyboard first: the procedure (searchable), the counter, the
 * applicant, the document checklist, then Accept (Ctrl+Enter), Incomplete or
 * Refuse. The idempotency key is made once per form and reused on a retry.
 */
export function IntakePage() {
  const { t } = useTranslation();
  usePageTitle(t('dossiers.intake.pageTitle'));
  const me = useSignedInMe();
  const localize = useLocalize();
  const counters = useUnitCounters(me.staff.unitId);
  const intake = useIntake();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [result, setResult] = useState<IntakeResult | null>(null);
  const [refusing, setRefusing] = useState(false);
  const [outcomeError, setOutcomeError] = useState<string | null>(null);
  const form = useForm<IntakeFormValues>({ initialValues: emptyIntake() });
  const procedure = useAdminProcedure(form.values.procedureCode === '' ? undefined : form.values.procedureCode);
  const documents = procedure.data?.documents ?? [];

  // A new procedure brings its own document list, nothing ticked.
  const loadedCode = procedure.data?.code;
  useEffect(() => {
    if (procedure.data) form.setFieldValue('documents', checklistFor(procedure.data.documents));
  }, [loadedCode]);

  // The first counter of the unit is the default desk.
  const firstCounter = counters.data?.[0]?.code ?? '';
  useEffect(() => {
    if (form.values.counterCode === '' && firstCounter !== '') form.setFieldValue('counterCode', firstCounter);
  }, [firstCounter]);

  const missing = missingItems(documents, form.values.documents, form.values.missing, (d) => localize(d.name, d.nameEn));

  function submit(outcome: IntakeOutcome) {
    setOutcomeError(null);
    const errors = validateIntake(form.values, outcome);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) {
      // Errors outside the refusal reason are shown on the form itself.
      if (Object.keys(errors).some((key) => key !== 'reason')) setRefusing(false);
      return;
    }
    if (outcome === 'incomplete' && missing.length === 0) {
      setOutcomeError(t('dossiers.intake.nothingMissing'));
      return;
    }
    intake.mutate(
      { body: toIntakeBody(form.values, outcome), idempotencyKey },
      {
        onSuccess: (answer) => {
          setRefusing(false);
          setResult(answer);
        },
        onError: (error) => {
          if (isApiError(error, 'VALIDATION_FAILED')) form.setErrors(intakeServerErrors(serverFieldErrors(error.details), form.values.applicantKind));
        },
      },
    );
  }

  function startNew() {
    setResult(null);
    intake.reset();
    form.setValues(emptyIntake(firstCounter));
    form.resetDirty();
    setIdempotencyKey(crypto.randomUUID());
  }

  if (result) return <IntakeResultView result={result} onNew={startNew} />;

  const counterOptions = [
    { value: '', label: t('dossiers.intake.noCounter') },
    ...(counters.data ?? []).map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` })),
  ];

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{t('dossiers.intake.heading')}</Title>
        <Text c="dimmed">{t('dossiers.intake.lead')}</Text>
      </Stack>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit('accepted');
        }}
        onKeyDown={getHotkeyHandler([['ctrl+Enter', () => submit('accepted')]])}
        aria-describedby="intake-shortcut"
      >
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <ProcedurePicker
              value={form.values.procedureCode}
              onChange={(code) => form.setFieldValue('procedureCode', code)}
              error={form.errors.procedureCode}
            />
            <NativeSelect label={t('dossiers.intake.counter')} data={counterOptions} {...form.getInputProps('counterCode')} />
          </SimpleGrid>
          <ApplicantFields form={form} />
          {form.values.procedureCode !== '' && <DocumentChecklist form={form} documents={documents} />}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NumberInput label={t('dossiers.intake.sets')} min={1} max={20} allowDecimal={false} {...form.getInputProps('sets')} />
            <Checkbox.Group
              label={t('dossiers.intake.priority')}
              value={form.values.priority}
              onChange={(value) => form.setFieldValue('priority', value as Priority[])}
              style={{ gridColumn: 'span 2' }}
            >
              <Group gap="md" mt={6}>
                {PRIORITIES.map((p) => (
                  <Checkbox key={p} value={p} label={t(`dossiers.priority.${p}`)} />
                ))}
              </Group>
            </Checkbox.Group>
          </SimpleGrid>
          <Textarea label={t('dossiers.intake.note')} autosize minRows={2} {...form.getInputProps('note')} />

          {missing.length > 0 && (
            <Paper withBorder p="sm" aria-labelledby="missing-heading" component="section">
              <Text fw={600} id="missing-heading">
                {t('dossiers.intake.missingHeading')}
              </Text>
              <List size="sm" data-testid="intake-missing">
                {missing.map((line, i) => (
                  <List.Item key={`${String(i)}-${line}`}>{line}</List.Item>
                ))}
              </List>
            </Paper>
          )}

          {outcomeError && (
            <Alert color="red" variant="light" role="alert">
              {outcomeError}
            </Alert>
          )}
          {Object.keys(form.errors).length > 0 && (
            <Alert color="red" variant="light" role="alert" data-testid="form-errors">
              {t('dossiers.intake.fixErrors')}
            </Alert>
          )}
          {!refusing && <ErrorAlert error={intake.error} />}

          <Group gap="sm">
            <Button type="submit" loading={intake.isPending && intake.variables.body.outcome === 'accepted'}>
              {t('dossiers.intake.accept')}
            </Button>
            <Button variant="default" onClick={() => submit('incomplete')} loading={intake.isPending && intake.variables.body.outcome === 'incomplete'}>
              {t('dossiers.intake.incomplete')}
            </Button>
            <Button variant="outline" color="red.8" onClick={() => setRefusing(true)}>
              {t('dossiers.intake.refuse')}
            </Button>
          </Group>
          <Text size="sm" c="dimmed" id="intake-shortcut">
            {t('dossiers.intake.shortcut')}
          </Text>
        </Stack>
      </form>
      <RefuseModal
        opened={refusing}
        form={form}
        loading={intake.isPending}
        error={intake.error}
        onConfirm={() => submit('refused')}
        onClose={() => setRefusing(false)}
      />
    </Stack>
  );
}
