import { Button, Checkbox, FileButton, Fieldset, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_FORMS } from '../../../../contracts/catalog';
import type { FormTemplate } from '../../api/catalog';
import { emptyDocument, type ProcedureFormValues } from './procedure-form';

interface DocumentsEditorProps {
  form: UseFormReturnType<ProcedureFormValues>;
  /** Templates uploaded for this procedure, to choose from. */
  templates: readonly FormTemplate[];
  /** Uploads a template and resolves with it; absent until the procedure is saved. */
  upload?: (file: File) => Promise<FormTemplate | null>;
  uploading: boolean;
}

/** The required documents, in the order they are listed to applicants. */
export function DocumentsEditor({ form, templates, upload, uploading }: DocumentsEditorProps) {
  const { t } = useTranslation();
  const documents = form.getValues().documents;
  const templateOptions = [
    { value: '', label: t('procedureAdmin.documents.noTemplate') },
    ...templates.map((template) => ({ value: template.id, label: template.fileName })),
  ];

  return (
    <Stack gap="sm">
      {documents.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('procedureAdmin.documents.empty')}
        </Text>
      )}
      {documents.map((document, index) => {
        const number = index + 1;
        const templateId = document.templateId ?? '';
        // A template id the list does not know yet (e.g. loaded before the list) stays selectable.
        const options = templateOptions.some((option) => option.value === templateId)
          ? templateOptions
          : [...templateOptions, { value: templateId, label: templateId }];
        return (
          <Fieldset key={document.key} legend={t('procedureAdmin.documents.row', { index: number })} data-testid="document-row">
            <Stack gap="xs">
              <TextInput
                label={t('procedureAdmin.documents.name')}
                required
                autoComplete="off"
                {...form.getInputProps(`documents.${index}.name`)}
              />
              <TextInput
                label={t('procedureAdmin.documents.nameEn')}
                lang="en"
                autoComplete="off"
                {...form.getInputProps(`documents.${index}.nameEn`)}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <NativeSelect
                  label={t('procedureAdmin.documents.form')}
                  data={DOCUMENT_FORMS.map((value) => ({ value, label: t(`catalog.documentForms.${value}`) }))}
                  {...form.getInputProps(`documents.${index}.form`)}
                />
                <NumberInput
                  label={t('procedureAdmin.documents.quantity')}
                  min={1}
                  max={100}
                  allowDecimal={false}
                  allowNegative={false}
                  {...form.getInputProps(`documents.${index}.quantity`)}
                />
                <Checkbox
                  label={t('procedureAdmin.documents.mandatory')}
                  mt={{ base: 0, sm: 30 }}
                  {...form.getInputProps(`documents.${index}.mandatory`, { type: 'checkbox' })}
                />
              </SimpleGrid>
              <Group gap="sm" align="flex-end">
                <NativeSelect
                  label={t('procedureAdmin.documents.template')}
                  data={options}
                  value={templateId}
                  onChange={(event) => form.setFieldValue(`documents.${index}.templateId`, event.currentTarget.value || null)}
                  style={{ flex: 1, minWidth: 200 }}
                />
                {upload && (
                  <FileButton
                    accept=".pdf,.doc,.docx,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    onChange={(file) => {
                      if (!file) return;
                      void upload(file).then((template) => {
                        if (template) form.setFieldValue(`documents.${index}.templateId`, template.id);
                      });
                    }}
                  >
                    {(props) => (
                      <Button variant="default" loading={uploading} {...props}>
                        {t('procedureAdmin.forms.upload')}
                      </Button>
                    )}
                  </FileButton>
                )}
              </Group>
              <Group gap="xs" justify="flex-end">
                <Button
                  variant="default"
                  size="compact-sm"
                  disabled={index === 0}
                  aria-label={t('procedureAdmin.documents.moveUp', { index: number })}
                  onClick={() => form.reorderListItem('documents', { from: index, to: index - 1 })}
                >
                  <span aria-hidden="true">↑</span>
                </Button>
                <Button
                  variant="default"
                  size="compact-sm"
                  disabled={index === documents.length - 1}
                  aria-label={t('procedureAdmin.documents.moveDown', { index: number })}
                  onClick={() => form.reorderListItem('documents', { from: index, to: index + 1 })}
                >
                  <span aria-hidden="true">↓</span>
                </Button>
                <Button
                  variant="default"
                  size="compact-sm"
                  aria-label={t('procedureAdmin.documents.remove', { index: number })}
                  onClick={() => form.removeListItem('documents', index)}
                >
                  {t('common.remove')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        );
      })}
      <Button
        variant="default"
        size="xs"
        style={{ alignSelf: 'flex-start' }}
        onClick={() => form.insertListItem('documents', emptyDocument())}
      >
        {t('procedureAdmin.documents.add')}
      </Button>
    </Stack>
  );
}
