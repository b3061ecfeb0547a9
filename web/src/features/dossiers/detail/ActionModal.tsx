import { Button, Group, Modal, NativeSelect, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { STEPS } from '../../../../../contracts/catalog';
import type { Action } from '../../../../../contracts/dossiers';
import { isApiError } from '../../../api/client';
import { useResultFields } from '../../../api/documents';
import { useDossierAction, type Dossier } from '../../../api/dossiers';
import { useStaffList, useUnits } from '../../../api/org';
import { useSignedInMe } from '../../../app/me-context';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useLocalize } from '../../catalog/localized';
import { ResultFieldInputs } from '../../documents/ResultFieldInputs';
import {
  DANGER_ACTIONS,
  emptyActionValues,
  fieldsOf,
  toActionRequest,
  validateAction,
  withResultFields,
  type ActionField,
  type ActionFormValues,
} from '../action-form';

type Form = UseFormReturnType<ActionFormValues>;

interface ActionModalProps {
  dossier: Dossier;
  action: Action;
  onClose: () => void;
  onConflict: () => void;
  onDone: (dossier: Dossier) => void;
}

/** One workflow action: the fields its body needs, sent with the version of the dossier as shown. */
export function ActionModal({ dossier, action, onClose, onConflict, onDone }: ActionModalProps) {
  const { t } = useTranslation();
  const mutation = useDossierAction(dossier.code);
  const form = useForm<ActionFormValues>({
    initialValues: emptyActionValues({
      receivedBy: dossier.applicantName,
      toStep: 'appraise',
      consultationId: dossier.consultations.find((c) => c.answer === null)?.id ?? '',
    }),
  });
  const fields = fieldsOf(action);
  // Signing states the result template's own values: the server lists the fields it needs.
  const needsResultValues = fields.includes('resultValues');
  const resultFields = useResultFields(dossier.code, needsResultValues);

  const submit = form.onSubmit((typed) => {
    const values = needsResultValues ? withResultFields(typed, resultFields.data ?? []) : typed;
    const errors = validateAction(action, values, dossier.version);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    mutation.mutate(toActionRequest(action, values, dossier.version), {
      onSuccess: onDone,
      onError: (error) => {
        if (isApiError(error, 'VERSION_CONFLICT')) onConflict();
      },
    });
  });

  return (
    <Modal opened onClose={onClose} title={t(`dossiers.actions.${action}`)} centered size="lg">
      <form noValidate onSubmit={submit} data-testid="action-form">
        <Stack gap="sm">
          {fields.map((field, i) => (
            <ActionFieldInput key={field} field={field} form={form} dossier={dossier} action={action} autoFocus={i === 0} />
          ))}
          <ErrorAlert error={mutation.error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={mutation.isPending}
              disabled={needsResultValues && resultFields.isPending}
              color={DANGER_ACTIONS.includes(action) ? 'red.8' : undefined} data-autofocus={fields.length === 0 || undefined}>
              {t(`dossiers.actions.${action}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface FieldProps {
  field: ActionField;
  form: Form;
  dossier: Dossier;
  action: Action;
  autoFocus: boolean;
}

function ActionFieldInput({ field, form, dossier, action, autoFocus }: FieldProps) {
  const { t } = useTranslation();
  const focus = autoFocus ? { 'data-autofocus': true } : {};
  const label = t(`dossiers.actionFields.${field}`);
  const props = { label, ...focus, ...form.getInputProps(field) };
  switch (field) {
    case 'note':
    case 'question':
    case 'answer':
      return <Textarea autosize minRows={2} required={field !== 'note'} {...props} />;
    case 'reason':
      return <Textarea autosize minRows={2} required {...props} />;
    case 'missing':
      return <Textarea autosize minRows={3} required={action === 'request_supplement'} description={t('dossiers.actionFields.missingHint')} {...props} />;
    case 'receiptNumber':
    case 'receivedBy':
      return <TextInput required {...props} />;
    case 'newDueDate':
      return <TextInput type="date" required {...props} />;
    case 'days':
      return <NumberInput min={1} max={60} allowDecimal={false} required {...props} />;
    case 'proposal':
      return <NativeSelect data={['', 'approved', 'rejected'].map((value) => ({ value, label: value === '' ? t('common.none') : t(`dossiers.outcomes.${value as 'approved'}`) }))} {...props} />;
    case 'method':
      return <NativeSelect data={(['desk', 'post', 'online'] as const).map((value) => ({ value, label: t(`dossiers.returnMethods.${value}`) }))} {...props} />;
    case 'toStep': {
      const current = dossier.step === null ? 0 : STEPS.indexOf(dossier.step);
      const steps = STEPS.filter((_, i) => i >= 1 && i < current);
      return <NativeSelect data={steps.map((value) => ({ value, label: t(`catalog.steps.${value}`) }))} required {...props} />;
    }
    case 'consultationId': {
      const open = dossier.consultations.filter((c) => c.answer === null);
      return <NativeSelect data={open.map((c) => ({ value: c.id, label: c.question }))} required {...props} />;
    }
    case 'staffId':
      return <StaffSelect form={form} label={label} autoFocus={autoFocus} />;
    case 'unitCode':
      return <UnitSelect label={label} autoFocus={autoFocus} inputProps={form.getInputProps('unitCode')} />;
    case 'tasks':
      return <TasksEditor form={form} />;
    case 'items':
      return <PaymentItemsEditor form={form} />;
    case 'resultValues':
      return <ResultFieldInputs code={dossier.code} form={form} autoFocus={autoFocus} />;
  }
}

function StaffSelect({ form, label, autoFocus }: { form: Form; label: string; autoFocus: boolean }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const staff = useStaffList({ unitId: me.staff.unitId, active: 'true' });
  const data = [{ value: '', label: t('dossiers.actionFields.unassigned') }, ...(staff.data ?? []).map((s) => ({ value: s.id, label: s.fullName }))];
  return <NativeSelect label={label} data={data} data-autofocus={autoFocus || undefined} {...form.getInputProps('staffId')} />;
}

function UnitSelect({ label, autoFocus, inputProps }: { label: string; autoFocus: boolean; inputProps: ReturnType<Form['getInputProps']> }) {
  const units = useUnits();
  const localize = useLocalize();
  const data = (units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.code, label: `${u.code} — ${localize(u.name, u.nameEn)}` }));
  return <Select label={label} data={data} searchable required data-autofocus={autoFocus || undefined} {...inputProps} />;
}

/** Rows of a list field with an add and a remove button. */
function RowList({ count, onAdd, onRemove, addLabel, children }: { count: number; onAdd: () => void; onRemove: (i: number) => void; addLabel: string; children: (i: number) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      {Array.from({ length: count }, (_, i) => (
        <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
          {children(i)}
          {count > 1 && (
            <Button variant="default" onClick={() => onRemove(i)}>
              {t('common.remove')}
            </Button>
          )}
        </Group>
      ))}
      <Group>
        <Button variant="default" size="xs" onClick={onAdd}>
          {addLabel}
        </Button>
      </Group>
    </Stack>
  );
}

function TasksEditor({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <RowList
      count={form.values.tasks.length}
      onAdd={() => form.insertListItem('tasks', { unitCode: '', task: '', days: 5 })}
      onRemove={(i) => form.removeListItem('tasks', i)}
      addLabel={t('dossiers.actionFields.addTask')}
    >
      {(i) => (
        <>
          <UnitSelect label={t('dossiers.actionFields.taskUnit', { number: i + 1 })} autoFocus={false} inputProps={form.getInputProps(`tasks.${String(i)}.unitCode`)} />
          <TextInput label={t('dossiers.actionFields.task', { number: i + 1 })} required style={{ flex: 1 }} {...form.getInputProps(`tasks.${String(i)}.task`)} />
          <NumberInput label={t('dossiers.actionFields.days')} w={90} min={1} allowDecimal={false} {...form.getInputProps(`tasks.${String(i)}.days`)} />
        </>
      )}
    </RowList>
  );
}

function PaymentItemsEditor({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <RowList
      count={form.values.items.length}
      onAdd={() => form.insertListItem('items', { label: '', amountVnd: '' })}
      onRemove={(i) => form.removeListItem('items', i)}
      addLabel={t('dossiers.actionFields.addItem')}
    >
      {(i) => (
        <>
          <TextInput label={t('dossiers.actionFields.itemLabel', { number: i + 1 })} required style={{ flex: 1 }} {...form.getInputProps(`items.${String(i)}.label`)} />
          <NumberInput label={t('dossiers.actionFields.amountVnd')} w={160} min={1} allowDecimal={false} thousandSeparator="." decimalSeparator="," {...form.getInputProps(`items.${String(i)}.amountVnd`)} />
        </>
      )}
    </RowList>
  );
}
