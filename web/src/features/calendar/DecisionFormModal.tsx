import { Button, Group, Modal, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { CalendarDecisionCreate, DECISION_KINDS, type DecisionKind } from '../../../../contracts/calendar';
import { useAddCalendarDecision, type CalendarDecision } from '../../api/calendar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { schemaValidator } from '../../components/contract-form';
import { blankToNull } from '../org/form-values';

interface DecisionFormValues {
  date: string;
  kind: DecisionKind;
  reason: string;
  reasonEn: string;
  reference: string;
}

const toBody = (values: DecisionFormValues) => ({
  date: values.date,
  kind: values.kind,
  reason: values.reason.trim(),
  reasonEn: blankToNull(values.reasonEn),
  reference: blankToNull(values.reference),
});

interface DecisionFormModalProps {
  code: string;
  name: string;
  /** A date in the year shown, to start from. */
  initialDate: string;
  onClose: () => void;
  onSaved: (decision: CalendarDecision) => void;
}

/** Records an official decision for one date. Rendered only while open. */
export function DecisionFormModal({ code, name, initialDate, onClose, onSaved }: DecisionFormModalProps) {
  const { t } = useTranslation();
  const add = useAddCalendarDecision(code);
  const form = useForm<DecisionFormValues>({
    mode: 'controlled',
    initialValues: { date: initialDate, kind: 'day_off', reason: '', reasonEn: '', reference: '' },
    validate: schemaValidator<DecisionFormValues>(CalendarDecisionCreate, toBody),
  });
  const submit = form.onSubmit((values) => {
    add.mutate(CalendarDecisionCreate.parse(toBody(values)), { onSuccess: onSaved });
  });

  return (
    <Modal opened onClose={onClose} title={t('calendar.decisionTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('calendar.decisionFor', { name })}
          </Text>
          <ErrorAlert error={add.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput type="date" label={t('calendar.date')} required data-autofocus min="1900-01-01" max="2199-12-31" {...form.getInputProps('date')} />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="decision-kind-label">
                {t('calendar.kind')}
              </Text>
              <SegmentedControl
                aria-labelledby="decision-kind-label"
                data={DECISION_KINDS.map((kind) => ({ value: kind, label: t(`calendar.kinds.${kind}`) }))}
                {...form.getInputProps('kind')}
              />
            </Stack>
          </SimpleGrid>
          <TextInput label={t('calendar.reasonVi')} required autoComplete="off" {...form.getInputProps('reason')} />
          <TextInput label={t('calendar.reasonEn')} lang="en" autoComplete="off" {...form.getInputProps('reasonEn')} />
          <TextInput label={t('calendar.reference')} autoComplete="off" {...form.getInputProps('reference')} />
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t('calendar.addDecision')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
