import { Badge, Button, Checkbox, Fieldset, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { RequiredDocument } from '../../../../../contracts/catalog';
import { useLocalize } from '../../catalog/localized';
import type { IntakeFormValues } from '../intake-form';

type Form = UseFormReturnType<IntakeFormValues>;

const FORMS = ['original', 'copy', 'certified_copy'] as const;

/** The procedure's document list as a checklist: received, original or copy, count; then extra missing lines. */
export function DocumentChecklist({ form, documents }: { form: Form; documents: readonly RequiredDocument[] }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const formOptions = FORMS.map((value) => ({ value, label: t(`catalog.documentForms.${value}`) }));
  return (
    <Fieldset legend={t('dossiers.intake.documents')}>
      <Stack gap="sm">
        {documents.length === 0 && <Text c="dimmed">{t('dossiers.intake.noDocuments')}</Text>}
        {documents.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={4} data-testid="intake-documents">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dossiers.intake.received')}</Table.Th>
                  <Table.Th scope="col">{t('dossiers.intake.form')}</Table.Th>
                  <Table.Th scope="col">{t('dossiers.intake.count')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {documents.map((document, index) => {
                  const name = localize(document.name, document.nameEn);
                  return (
                    <Table.Tr key={`${document.name}-${String(index)}`}>
                      <Table.Td>
                        <Checkbox
                          label={
                            <Group gap={6} component="span">
                              <span>{name}</span>
                              {document.mandatory && (
                                <Badge size="xs" color="red.9" variant="outline" component="span">
                                  {t('dossiers.intake.mandatory')}
                                </Badge>
                              )}
                            </Group>
                          }
                          {...form.getInputProps(`documents.${String(index)}.received`, { type: 'checkbox' })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <NativeSelect
                          aria-label={t('dossiers.intake.formOf', { name })}
                          data={formOptions}
                          size="xs"
                          {...form.getInputProps(`documents.${String(index)}.form`)}
                        />
                      </Table.Td>
                      <Table.Td w={100}>
                        <NumberInput
                          aria-label={t('dossiers.intake.countOf', { name })}
                          min={0}
                          max={100}
                          allowDecimal={false}
                          size="xs"
                          {...form.getInputProps(`documents.${String(index)}.count`)}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {form.values.missing.map((_, index) => (
          <Group key={`missing-${String(index)}`} gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t('dossiers.intake.missingLine', { number: index + 1 })}
              style={{ flex: 1 }}
              {...form.getInputProps(`missing.${String(index)}`)}
            />
            <Button variant="default" onClick={() => form.removeListItem('missing', index)}>
              {t('common.remove')}
            </Button>
          </Group>
        ))}
        <Group>
          <Button variant="default" size="xs" onClick={() => form.insertListItem('missing', '')}>
            {t('dossiers.intake.addMissing')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
