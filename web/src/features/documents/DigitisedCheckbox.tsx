import { Checkbox, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface DigitisedCheckboxProps {
  /** The document's index in the dossier (its position in the checklist). */
  index: number;
  /** The document's name, in the interface language: it names the checkbox. */
  name: string;
  digitised: boolean;
  scanned: boolean;
  /** The officer may mark documents digitised (dossier.process). */
  canEdit: boolean;
  pending: boolean;
  onChange: (digitised: boolean) => void;
}

/**
 * "Digitised" for one received document: scanned, linked to the dossier and
 * reusable. Needs a scan first; without one the checkbox is disabled and says why.
 */
export function DigitisedCheckbox({ index, name, digitised, scanned, canEdit, pending, onChange }: DigitisedCheckboxProps) {
  const { t } = useTranslation();
  if (!canEdit) return <Text size="sm">{digitised ? t('dossiers.page.yes') : t('dossiers.page.no')}</Text>;
  const hintId = `digitised-hint-${String(index)}`;
  return (
    <Stack gap={2}>
      <Checkbox
        size="sm"
        checked={digitised}
        disabled={!scanned || pending}
        label={t('documents.digitised.label')}
        aria-label={t('documents.digitised.labelFor', { name })}
        aria-describedby={scanned ? undefined : hintId}
        data-testid={`digitised-${String(index)}`}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      {!scanned && (
        <Text size="xs" c="dimmed" id={hintId}>
          {t('documents.digitised.needsScan')}
        </Text>
      )}
    </Stack>
  );
}
