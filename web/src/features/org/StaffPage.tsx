import { Button, Group, Loader, NativeSelect, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../app/me-context';
import type { StaffListQuery } from '../../../../contracts/org';
import { useResetStaffPassword, useSetStaffActive, useStaffList, useUnits } from '../../api/org';
import { can, PERMISSIONS, type Staff } from '../../api/schemas';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { ConfirmModal } from './ConfirmModal';
import { InitialPasswordModal, type IssuedPassword } from './InitialPasswordModal';
import { StaffFormModal, type StaffFormTarget } from './StaffFormModal';
import { flattenUnitTree, unitOptions } from './unit-tree';
import { ActiveBadge } from '../../components/ActiveBadge';
import { StatusNotice } from '../../components/StatusNotice';

type PendingAction = { kind: 'toggle' | 'reset'; staff: Staff };
type StatusFilter = 'all' | 'true' | 'false';

export function StaffPage() {
  const { t } = useTranslation();
  usePageTitle(t('staff.pageTitle'));
  const me = useSignedInMe();
  const canWrite = can(me, PERMISSIONS.staffWrite);
  const units = useUnits(can(me, PERMISSIONS.unitsRead));
  const rows = flattenUnitTree(units.data ?? []);
  const unitNames = new Map(rows.map(({ unit }) => [unit.id, unit.name]));

  const [unitId, setUnitId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('all');
  const [q] = useDebouncedValue(search, 300);
  const filter: StaffListQuery = {
    ...(unitId !== null ? { unitId } : {}),
    ...(q.trim() !== '' ? { q: q.trim() } : {}),
    ...(statusFilter !== 'all' ? { active: statusFilter } : {}),
  };
  const staff = useStaffList(filter);

  const [formTarget, setFormTarget] = useState<StaffFormTarget | null>(null);
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const setActive = useSetStaffActive();
  const resetPassword = useResetStaffPassword();
  const pendingMutation = pending?.kind === 'reset' ? resetPassword : setActive;

  const reload = () => {
    void staff.refetch();
  };

  const closePending = () => {
    setPending(null);
    setActive.reset();
    resetPassword.reset();
  };

  const confirmPending = () => {
    if (!pending) return;
    const member = pending.staff;
    if (pending.kind === 'reset') {
      resetPassword.mutate(member.id, {
        onSuccess: ({ initialPassword }) => {
          closePending();
          setIssued({ username: member.username, password: initialPassword, reason: 'reset' });
        },
      });
      return;
    }
    const active = !member.active;
    setActive.mutate(
      { id: member.id, version: member.version, active },
      {
        onSuccess: (updated) => {
          closePending();
          setStatus(
            active ? t('staff.enabled', { name: updated.fullName }) : t('staff.disabled', { name: updated.fullName }),
          );
        },
      },
    );
  };

  const pendingText = (() => {
    if (!pending) return { title: '', message: '', confirm: '' };
    const name = pending.staff.fullName;
    if (pending.kind === 'reset') {
      return { title: t('staff.resetTitle'), message: t('staff.resetConfirm', { name }), confirm: t('staff.resetPassword') };
    }
    return pending.staff.active
      ? { title: t('staff.disableTitle'), message: t('staff.disableConfirm', { name }), confirm: t('common.disable') }
      : { title: t('staff.enableTitle'), message: t('staff.enableConfirm', { name }), confirm: t('common.enable') };
  })();

  const list = staff.data ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('staff.heading')}</Title>
          <Text c="dimmed">{t('staff.lead')}</Text>
        </Stack>
        {canWrite && (
          <Button
            onClick={() => {
              setStatus(null);
              setFormTarget({ mode: 'create', unitId: unitId ?? rows[0]?.unit.id ?? null });
            }}
          >
            {t('staff.add')}
          </Button>
        )}
      </Group>

      <Group gap="sm" align="flex-end" role="search" aria-label={t('staff.search')}>
        {rows.length > 0 && (
          <Select
            label={t('staff.filterUnit')}
            placeholder={t('staff.allUnits')}
            data={unitOptions(rows)}
            value={unitId}
            onChange={setUnitId}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('staff.allUnits') }}
            w={{ base: '100%', sm: 320 }}
          />
        )}
        <TextInput
          label={t('staff.search')}
          placeholder={t('staff.searchPlaceholder')}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={{ base: '100%', sm: 280 }}
        />
        <NativeSelect
          label={t('staff.filterStatus')}
          value={statusFilter}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setStatusFilter(value === 'true' || value === 'false' ? value : 'all');
          }}
          data={[
            { value: 'all', label: t('staff.statusAll') },
            { value: 'true', label: t('common.active') },
            { value: 'false', label: t('common.inactive') },
          ]}
          w={{ base: '100%', sm: 180 }}
        />
      </Group>

      <StatusNotice message={status} onClose={() => setStatus(null)} />
      <ErrorAlert error={staff.error} />
      {staff.isPending && <Loader aria-label={t('common.loading')} />}

      {staff.data && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('staff.count', { count: list.length })}
        </Text>
      )}
      {staff.data && list.length === 0 && <Text>{t('staff.empty')}</Text>}
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing={6} data-testid="staff-table">
            <Table.Caption>{t('staff.tableCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('staff.fullName')}</Table.Th>
                <Table.Th scope="col">{t('staff.username')}</Table.Th>
                <Table.Th scope="col">
                  {t('staff.title')} / {t('staff.position')}
                </Table.Th>
                <Table.Th scope="col">{t('staff.unit')}</Table.Th>
                <Table.Th scope="col">{t('staff.roles')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
                {canWrite && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((member) => (
                <Table.Tr key={member.id} data-username={member.username}>
                  <Table.Th scope="row" fw={600}>
                    {member.fullName}
                  </Table.Th>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {member.username}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {[member.title, member.position].filter((part) => part !== null && part !== '').join(' · ') ||
                      t('common.none')}
                  </Table.Td>
                  <Table.Td>{unitNames.get(member.unitId) ?? t('common.none')}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {member.roles.map((grant) => (
                        <Text size="sm" key={`${grant.role}:${grant.unitId}`}>
                          {t(`roles.${grant.role}`)}
                          {unitNames.has(grant.unitId) && grant.unitId !== member.unitId && (
                            <Text span size="xs" c="dimmed">
                              {` (${unitNames.get(grant.unitId) ?? ''})`}
                            </Text>
                          )}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <ActiveBadge active={member.active} />
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={t('staff.editAria', { name: member.fullName })}
                          onClick={() => {
                            setStatus(null);
                            setFormTarget({ mode: 'edit', staff: member });
                          }}
                        >
                          {t('common.edit')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={t('staff.resetAria', { name: member.fullName })}
                          onClick={() => {
                            setStatus(null);
                            setPending({ kind: 'reset', staff: member });
                          }}
                        >
                          {t('staff.resetPassword')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={
                            member.active
                              ? t('staff.disableAria', { name: member.fullName })
                              : t('staff.enableAria', { name: member.fullName })
                          }
                          onClick={() => {
                            setStatus(null);
                            setPending({ kind: 'toggle', staff: member });
                          }}
                        >
                          {member.active ? t('common.disable') : t('common.enable')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {formTarget && (
        <StaffFormModal
          target={formTarget}
          rows={rows}
          onClose={() => setFormTarget(null)}
          onReload={reload}
          onCreated={(created) => {
            setFormTarget(null);
            setIssued({ username: created.staff.username, password: created.initialPassword, reason: 'created' });
          }}
          onSaved={(saved) => {
            setFormTarget(null);
            setStatus(t('staff.saved', { name: saved.fullName }));
          }}
        />
      )}

      <ConfirmModal
        opened={pending !== null}
        title={pendingText.title}
        message={pendingText.message}
        confirmLabel={pendingText.confirm}
        danger={pending?.kind === 'toggle' && pending.staff.active}
        loading={pendingMutation.isPending}
        error={pendingMutation.error}
        onConfirm={confirmPending}
        onClose={closePending}
        onReload={() => {
          reload();
          closePending();
        }}
      />
      <InitialPasswordModal issued={issued} onClose={() => setIssued(null)} />
    </Stack>
  );
}
