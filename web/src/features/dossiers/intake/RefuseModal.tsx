import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { IntakeFormValues } from '../intake-form';

interface RefuseModalProps {
  opened: boolean;
  form: UseFormReturnType<IntakeFormValues>;
  loading: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/** Refusing at the desk needs a reason: it is printed on the refusal slip. */
export function RefuseModal({ opened, form, loading, error, onConfirm, onClose }: RefuseModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('dossiers.intake.refuseTitle')} centered>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm();
        }}
      >
        <Stack gap="md">
          <Textarea label={t('dossiers.intake.reason')} required autosize minRows={3} data-autofocus {...form.getInputProps('reason')} />
          <ErrorAlert error={error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.8" loading={loading}>
              {t('dossiers.intake.refuseConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
