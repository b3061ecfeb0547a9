import { Button, Group, Modal, NativeSelect, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { UnitCreate, UnitUpdate } from '../../../../contracts/org';
import { UNIT_KINDS } from '../../../../contracts/roles';
import { isApiError } from '../../api/client';
import { useCreateUnit, useUpdateUnit } from '../../api/org';
import type { Unit } from '../../api/schemas';
import { ErrorAlert } from '../../components/ErrorAlert';
import { schemaValidator } from '../../components/contract-form';
import { formatDateTime } from '../../i18n/format';
import { blankToNull, changedFields } from './form-values';
import { subtreeIds, unitOptions, type UnitRow } from './unit-tree';

export type UnitFormTarget = { mode: 'create'; parentId: string | null } | { mode: 'edit'; unit: Unit };

interface UnitFormValues {
  parentId: string | null;
  code: string;
  name: string;
  kind: string;
  nameEn: string;
  address: string;
  phone: string;
  hotline: string;
  email: string;
}

/** The request body's fields, at the same paths as the form's. */
function toFields(values: UnitFormValues) {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    kind: values.kind,
    nameEn: blankToNull(values.nameEn),
    address: blankToNull(values.address),
    phone: blankToNull(values.phone),
    hotline: blankToNull(values.hotline),
    email: blankToNull(values.email),
  };
}

const toCreateBody = (values: UnitFormValues) => ({ ...toFields(values), parentId: values.parentId });

interface UnitFormModalProps {
  target: UnitFormTarget;
  rows: readonly UnitRow[];
  onClose: () => void;
  onSaved: (unit: Unit, mode: 'create' | 'edit') => void;
  onReload: () => void;
}

/** Create, edit or move a unit. Rendered only while open, so each opening starts from fresh values. */
export function UnitFormModal({ target, rows, onClose, onSaved, onReload }: UnitFormModalProps) {
  const { t } = useTranslation();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const editing = target.mode === 'edit' ? target.unit : null;
  const mutation = editing ? update : create;

  const toUpdateBody = (values: UnitFormValues) => ({
    version: editing?.version ?? 1,
    ...toFields(values),
    parentId: values.parentId ?? undefined,
  });

  const form = useForm<UnitFormValues>({
    mode: 'controlled',
    initialValues: {
      parentId: target.mode === 'create' ? target.parentId : target.unit.parentId,
      code: editing?.code ?? '',
      name: editing?.name ?? '',
      kind: editing?.kind ?? '',
      nameEn: editing?.nameEn ?? '',
      address: editing?.address ?? '',
      phone: editing?.phone ?? '',
      hotline: editing?.hotline ?? '',
      email: editing?.email ?? '',
    },
    validate: editing
      ? schemaValidator<UnitFormValues>(UnitUpdate, toUpdateBody)
      : schemaValidator<UnitFormValues>(UnitCreate, toCreateBody),
  });

  // A unit cannot move under itself or its own sub-units; the root unit does not move.
  const excluded = editing ? subtreeIds(rows, editing.id) : new Set<string>();
  const parentOptions = unitOptions(rows, { activeOnly: true }).filter((option) => !excluded.has(option.value));
  const showParent = !editing || editing.parentId !== null;

  const submit = form.onSubmit((values) => {
    if (editing) {
      const { version, ...next } = UnitUpdate.parse(toUpdateBody(values));
      const changes = changedFields(editing, next);
      if (Object.keys(changes).length === 0) {
        onClose();
        return;
      }
      update.mutate({ id: editing.id, version, ...changes }, { onSuccess: (unit) => onSaved(unit, 'edit') });
    } else {
      create.mutate(UnitCreate.parse(toCreateBody(values)), { onSuccess: (unit) => onSaved(unit, 'create') });
    }
  });

  const title = editing ? t('units.editTitle', { name: editing.name }) : t('units.createTitle');
  const reloadOnConflict = isApiError(mutation.error, 'VERSION_CONFLICT')
    ? () => {
        onReload();
        onClose();
      }
    : undefined;

  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={mutation.error} onReload={reloadOnConflict} />
          {showParent && (
            <Select
              label={t('units.parent')}
              data={parentOptions}
              searchable
              required
              data-autofocus
              {...form.getInputProps('parentId')}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('units.code')} required autoComplete="off" spellCheck={false} {...form.getInputProps('code')} />
            <NativeSelect
              label={t('units.kind')}
              required
              data={[{ value: '', label: '' }, ...UNIT_KINDS.map((kind) => ({ value: kind, label: t(`unitKinds.${kind}`) }))]}
              {...form.getInputProps('kind')}
            />
          </SimpleGrid>
          <TextInput label={t('units.name')} required autoComplete="off" {...form.getInputProps('name')} />
          <TextInput label={t('units.nameEn')} lang="en" autoComplete="off" {...form.getInputProps('nameEn')} />
          <TextInput label={t('units.address')} autoComplete="off" {...form.getInputProps('address')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('units.phone')} type="tel" autoComplete="off" {...form.getInputProps('phone')} />
            <TextInput label={t('units.hotline')} type="tel" autoComplete="off" {...form.getInputProps('hotline')} />
            <TextInput label={t('units.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
          </SimpleGrid>
          {editing && (
            <Text size="xs" c="dimmed">
              {t('common.updatedAt', { date: formatDateTime(editing.updatedAt) })}
            </Text>
          )}
          <Group justify="flex-end" gap="sm" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
