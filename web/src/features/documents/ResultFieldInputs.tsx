import { Fieldset, Loader, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useResultFields } from '../../api/documents';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { ActionFormValues } from '../dossiers/action-form';

interface ResultFieldInputsProps {
  code: string;
  form: UseFormReturnType<ActionFormValues>;
  autoFocus: boolean;
}

/**
 * In the `sign` action: one required text field per `result.*` value of the
 * result template (what the result document states beyond the dossier's
 * data, e.g. a decision number). Nothing when the template needs none.
 */
export function ResultFieldInputs({ code, form, autoFocus }: ResultFieldInputsProps) {
  const { t } = useTranslation();
  const fields = useResultFields(code, true);
  if (fields.isPending) return <Loader size="sm" aria-label={t('documents.resultFields.loading')} />;
  if (fields.isError) return <ErrorAlert error={fields.error} />;
  if (fields.data.length === 0) return null;
  return (
    <Fieldset legend={t('dossiers.actionFields.resultValues')} data-testid="result-fields">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('documents.resultFields.hint')}
        </Text>
        {fields.data.map((field, i) => {
          const path = `resultValues.${field.name}`;
          return (
            <TextInput
              key={field.name}
              label={field.label}
              required
              maxLength={2000}
              data-field={field.name}
              data-autofocus={(autoFocus && i === 0) || undefined}
              value={form.values.resultValues[field.name] ?? ''}
              error={form.errors[path]}
              onChange={(event) => {
                const value = event.currentTarget.value;
                form.setFieldValue('resultValues', { ...form.getValues().resultValues, [field.name]: value });
                form.clearFieldError(path);
              }}
            />
          );
        })}
      </Stack>
    </Fieldset>
  );
}
