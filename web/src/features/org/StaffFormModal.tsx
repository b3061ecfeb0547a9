import { ActionIcon, Button, Fieldset, Group, Modal, NativeSelect, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { StaffCreate, StaffUpdate } from '../../../../contracts/org';
import { ROLES } from '../../../../contracts/roles';
import { isApiError } from '../../api/client';
import { useCreateStaff, useUpdateStaff } from '../../api/org';
import type { RoleGrant, Staff, StaffCreated } from '../../api/schemas';
import { ErrorAlert } from '../../components/ErrorAlert';
import { schemaValidator } from '../../components/contract-form';
import { blankToNull, changedFields } from './form-values';
import { unitOptions, type UnitRow } from './unit-tree';

export type StaffFormTarget = { mode: 'create'; unitId: string | null } | { mode: 'edit'; staff: Staff };

interface GrantValues {
  key: string;
  role: string;
  unitId: string | null;
}

interface StaffFormValues {
  username: string;
  fullName: string;
  title: string;
  position: string;
  email: string;
  phone: string;
  unitId: string | null;
  roles: GrantValues[];
}

/** The request body's fields, at the same paths as the form's (roles.0.role …). */
function toFields(values: StaffFormValues) {
  return {
    fullName: values.fullName.trim(),
    title: blankToNull(values.title),
    position: blankToNull(values.position),
    email: blankToNull(values.email),
    phone: blankToNull(values.phone),
    unitId: values.unitId,
    roles: values.roles.map((grant) => ({ role: grant.role, unitId: grant.unitId })),
  };
}

/** Grants without duplicates, in a stable order, so that an unchanged set is not sent. */
function normaliseGrants(grants: readonly RoleGrant[]): RoleGrant[] {
  const unique = new Map(grants.map((grant) => [`${grant.role}:${grant.unitId}`, grant]));
  return [...unique.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, grant]) => grant);
}

interface StaffFormModalProps {
  target: StaffFormTarget;
  rows: readonly UnitRow[];
  onClose: () => void;
  onCreated: (created: StaffCreated) => void;
  onSaved: (staff: Staff) => void;
  onReload: () => void;
}

/** Create or edit a staff member with role grants. Rendered only while open. */
export function StaffFormModal({ target, rows, onClose, onCreated, onSaved, onReload }: StaffFormModalProps) {
  const { t } = useTranslation();
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const editing = target.mode === 'edit' ? target.staff : null;
  const mutation = editing ? update : create;
  const options = unitOptions(rows, { activeOnly: !editing });
  const defaultUnit = editing?.unitId ?? (target.mode === 'create' ? target.unitId : null);

  const toCreateBody = (values: StaffFormValues) => ({ username: values.username, ...toFields(values) });
  const toUpdateBody = (values: StaffFormValues) => ({ version: editing?.version ?? 1, ...toFields(values) });

  const form = useForm<StaffFormValues>({
    mode: 'controlled',
    initialValues: {
      username: editing?.username ?? '',
      fullName: editing?.fullName ?? '',
      title: editing?.title ?? '',
      position: editing?.position ?? '',
      email: editing?.email ?? '',
      phone: editing?.phone ?? '',
      unitId: defaultUnit,
      roles: editing
        ? editing.roles.map((grant) => ({ key: randomId(), role: grant.role, unitId: grant.unitId }))
        : [{ key: randomId(), role: '', unitId: defaultUnit }],
    },
    validate: (values) => {
      const errors = editing
        ? schemaValidator<StaffFormValues>(StaffUpdate, toUpdateBody)(values)
        : schemaValidator<StaffFormValues>(StaffCreate, toCreateBody)(values);
      // A new account gets at least one role; an existing one may lose them all.
      if (!editing && values.roles.length === 0) errors.roles = t('validation.rolesMin');
      return errors;
    },
  });

  const submit = form.onSubmit((values) => {
    if (editing) {
      const { version, ...next } = StaffUpdate.parse(toUpdateBody(values));
      const changes = changedFields(
        { ...editing, roles: normaliseGrants(editing.roles) },
        { ...next, roles: next.roles && normaliseGrants(next.roles) },
      );
      if (Object.keys(changes).length === 0) {
        onClose();
        return;
      }
      update.mutate({ id: editing.id, version, ...changes }, { onSuccess: onSaved });
    } else {
      const body = StaffCreate.parse(toCreateBody(values));
      create.mutate({ ...body, roles: normaliseGrants(body.roles) }, { onSuccess: onCreated });
    }
  });

  const addGrant = () => {
    form.insertListItem('roles', { key: randomId(), role: '', unitId: form.getValues().unitId });
  };

  const rolesError = form.errors.roles;
  const reloadOnConflict = isApiError(mutation.error, 'VERSION_CONFLICT')
    ? () => {
        onReload();
        onClose();
      }
    : undefined;

  return (
    <Modal
      opened
      onClose={onClose}
      title={editing ? t('staff.editTitle', { name: editing.fullName }) : t('staff.createTitle')}
      size="xl"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={mutation.error} onReload={reloadOnConflict} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {editing ? (
              <TextInput label={t('staff.username')} value={editing.username} readOnly variant="filled" />
            ) : (
              <TextInput
                label={t('staff.username')}
                required
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                data-autofocus
                {...form.getInputProps('username')}
              />
            )}
            <TextInput label={t('staff.fullName')} required autoComplete="off" {...form.getInputProps('fullName')} />
            <TextInput label={t('staff.title')} autoComplete="off" {...form.getInputProps('title')} />
            <TextInput label={t('staff.position')} autoComplete="off" {...form.getInputProps('position')} />
            <TextInput label={t('staff.email')} type="email" autoComplete="off" {...form.getInputProps('email')} />
            <TextInput label={t('staff.phone')} type="tel" autoComplete="off" {...form.getInputProps('phone')} />
          </SimpleGrid>
          <Select
            label={t('staff.unit')}
            data={options}
            searchable
            required
            {...form.getInputProps('unitId')}
            onChange={(value) => {
              const previous = form.getValues().unitId;
              form.setFieldValue('unitId', value);
              // Grants still scoped to the previous home unit follow the new one while creating.
              if (!editing) {
                form.getValues().roles.forEach((grant, index) => {
                  if (grant.unitId === previous || grant.unitId === null) form.setFieldValue(`roles.${index}.unitId`, value);
                });
              }
            }}
          />
          <Fieldset legend={t('staff.roles')} variant="filled">
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                {t('staff.rolesHint')}
              </Text>
              {form.getValues().roles.map((grant, index) => {
                const number = String(index + 1);
                const hasError = Boolean(form.errors[`roles.${index}.role`] ?? form.errors[`roles.${index}.unitId`]);
                return (
                  <Group key={grant.key} gap="xs" align="flex-end" wrap="nowrap" data-testid="role-grant">
                    <NativeSelect
                      label={t('staff.role')}
                      aria-label={`${t('staff.roleGrant', { index: number })}: ${t('staff.role')}`}
                      required
                      style={{ flex: 1 }}
                      data={[{ value: '', label: '' }, ...ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))]}
                      {...form.getInputProps(`roles.${index}.role`)}
                    />
                    <Select
                      label={t('staff.roleUnit')}
                      aria-label={`${t('staff.roleGrant', { index: number })}: ${t('staff.roleUnit')}`}
                      required
                      searchable
                      style={{ flex: 1 }}
                      data={options}
                      {...form.getInputProps(`roles.${index}.unitId`)}
                    />
                    <ActionIcon
                      variant="default"
                      size="lg"
                      mb={hasError ? 22 : 0}
                      aria-label={t('staff.removeRole', { index: number })}
                      title={t('staff.removeRole', { index: number })}
                      onClick={() => form.removeListItem('roles', index)}
                    >
                      <span aria-hidden="true">×</span>
                    </ActionIcon>
                  </Group>
                );
              })}
              {rolesError && (
                <Text size="sm" c="red.8" role="alert">
                  {rolesError}
                </Text>
              )}
              <Button variant="default" size="xs" onClick={addGrant} style={{ alignSelf: 'flex-start' }}>
                {t('staff.addRole')}
              </Button>
            </Stack>
          </Fieldset>
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
