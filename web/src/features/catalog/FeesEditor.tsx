import { Button, NumberInput, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { emptyFee, type ProcedureFormValues } from './procedure-form';

/** One row per case, in whole đồng. */
export function FeesEditor({ form }: { form: UseFormReturnType<ProcedureFormValues> }) {
  const { t, i18n } = useTranslation();
  const fees = form.getValues().fees;
  // Grouping as the interface language writes numbers: 50.000 (vi), 50,000 (en).
  const thousandSeparator = i18n.resolvedLanguage === 'en' ? ',' : '.';
  const decimalSeparator = thousandSeparator === '.' ? ',' : '.';

  return (
    <Stack gap="xs">
      {fees.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('procedureAdmin.fees.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} data-testid="fees-editor">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('procedureAdmin.fees.label')}</Table.Th>
                <Table.Th scope="col">{t('procedureAdmin.fees.labelEn')}</Table.Th>
                <Table.Th scope="col">{t('procedureAdmin.fees.amount')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fees.map((fee, index) => {
                const row = t('procedureAdmin.fees.row', { index: index + 1 });
                return (
                  <Table.Tr key={fee.key} data-testid="fee-row">
                    <Table.Td>
                      <TextInput
                        aria-label={`${row}: ${t('procedureAdmin.fees.label')}`}
                        autoComplete="off"
                        {...form.getInputProps(`fees.${index}.label`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`${row}: ${t('procedureAdmin.fees.labelEn')}`}
                        lang="en"
                        autoComplete="off"
                        {...form.getInputProps(`fees.${index}.labelEn`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={`${row}: ${t('procedureAdmin.fees.amount')}`}
                        min={0}
                        allowDecimal={false}
                        allowNegative={false}
                        thousandSeparator={thousandSeparator}
                        decimalSeparator={decimalSeparator}
                        hideControls
                        w={160}
                        {...form.getInputProps(`fees.${index}.amountVnd`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Button
                        variant="default"
                        size="compact-sm"
                        aria-label={t('procedureAdmin.fees.remove', { index: index + 1 })}
                        onClick={() => form.removeListItem('fees', index)}
                      >
                        {t('common.remove')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Button variant="default" size="xs" style={{ alignSelf: 'flex-start' }} onClick={() => form.insertListItem('fees', emptyFee())}>
        {t('procedureAdmin.fees.add')}
      </Button>
    </Stack>
  );
}
