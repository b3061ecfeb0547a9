import { NativeSelect, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../../contracts/roles';
import { stepTotal, type ProcedureFormValues } from './procedure-form';

const PERFORMERS = ['receiving_unit', 'settling_unit', 'unit'] as const;

/** The five steps with their performer and share of the time; the total is shown as it is typed. */
export function StepPlanEditor({ form }: { form: UseFormReturnType<ProcedureFormValues> }) {
  const { t } = useTranslation();
  const steps = form.getValues().stepPlan;
  const total = stepTotal(steps);
  const complete = total === 100;
  const planError = form.errors.stepPlan;

  return (
    <Stack gap="xs">
      <Text size="sm">{t('procedureAdmin.steps.lead')}</Text>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing={6} data-testid="step-plan">
          <Table.Caption>{t('procedureAdmin.steps.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('procedureAdmin.steps.step')}</Table.Th>
              <Table.Th scope="col">{t('procedureAdmin.steps.role')}</Table.Th>
              <Table.Th scope="col">{t('procedureAdmin.steps.performer')}</Table.Th>
              <Table.Th scope="col">{t('procedureAdmin.steps.unitCode')}</Table.Th>
              <Table.Th scope="col">{t('procedureAdmin.steps.share')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {steps.map((step, index) => {
              const stepName = t(`catalog.steps.${step.step}`);
              const name = (field: string) => t('procedureAdmin.steps.fieldAria', { step: stepName, field });
              const shareProps = form.getInputProps(`stepPlan.${index}.sharePercent`);
              return (
                <Table.Tr key={step.step} data-step={step.step}>
                  <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {`${String(index + 1)}. ${stepName}`}
                  </Table.Th>
                  <Table.Td>
                    <NativeSelect
                      aria-label={name(t('procedureAdmin.steps.role'))}
                      data={[{ value: '', label: '' }, ...ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))]}
                      {...form.getInputProps(`stepPlan.${index}.role`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={name(t('procedureAdmin.steps.performer'))}
                      data={PERFORMERS.map((performer) => ({ value: performer, label: t(`catalog.performers.${performer}`) }))}
                      {...form.getInputProps(`stepPlan.${index}.performer`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    {step.performer === 'unit' ? (
                      <TextInput
                        aria-label={name(t('procedureAdmin.steps.unitCode'))}
                        autoComplete="off"
                        spellCheck={false}
                        w={130}
                        {...form.getInputProps(`stepPlan.${index}.unitCode`)}
                      />
                    ) : (
                      <Text c="dimmed" aria-hidden="true">
                        {t('common.none')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={name(t('procedureAdmin.steps.share'))}
                      min={0}
                      max={100}
                      allowDecimal={false}
                      allowNegative={false}
                      clampBehavior="none"
                      hideControls
                      w={90}
                      {...shareProps}
                      onChange={(value) => {
                        shareProps.onChange(value);
                        // The total's error is stale once any share changes; the next save checks again.
                        form.clearFieldError('stepPlan');
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text fw={700} c={complete ? 'teal.9' : 'red.8'} aria-live="polite" data-testid="step-total">
        <span aria-hidden="true">{complete ? '✓ ' : '✗ '}</span>
        {t('procedureAdmin.steps.total', { total })}
        {'. '}
        {complete ? t('procedureAdmin.steps.totalOk') : t('procedureAdmin.steps.totalBad', { diff: Math.abs(100 - total) })}
      </Text>
      {planError && (
        <Text c="red.8" size="sm" role="alert" data-testid="step-plan-error">
          {planError}
        </Text>
      )}
    </Stack>
  );
}
