import { Box, Button, Group, Loader, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignedInMe } from '../../app/me-context';
import { useUnits, useUpdateUnit } from '../../api/org';
import { can, PERMISSIONS, type Unit } from '../../api/schemas';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { ConfirmModal } from './ConfirmModal';
import { flattenUnitTree } from './unit-tree';
import { UnitFormModal, type UnitFormTarget } from './UnitFormModal';
import { ActiveBadge } from '../../components/ActiveBadge';
import { StatusNotice } from '../../components/StatusNotice';

export function UnitsPage() {
  const { t } = useTranslation();
  usePageTitle(t('units.pageTitle'));
  const me = useSignedInMe();
  const canWrite = can(me, PERMISSIONS.unitsWrite);
  const units = useUnits();
  const setActive = useUpdateUnit();
  const [formTarget, setFormTarget] = useState<UnitFormTarget | null>(null);
  const [toggleTarget, setToggleTarget] = useState<Unit | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const rows = flattenUnitTree(units.data ?? []);
  const reload = () => {
    void units.refetch();
  };

  const closeToggle = () => {
    setToggleTarget(null);
    setActive.reset();
  };

  const confirmToggle = () => {
    if (!toggleTarget) return;
    const active = !toggleTarget.active;
    setActive.mutate(
      { id: toggleTarget.id, version: toggleTarget.version, active },
      {
        onSuccess: (unit) => {
          setStatus(active ? t('units.enabled', { name: unit.name }) : t('units.disabled', { name: unit.name }));
          closeToggle();
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('units.heading')}</Title>
          <Text c="dimmed">{t('units.lead')}</Text>
        </Stack>
        {canWrite && (
          <Button
            onClick={() => {
              setStatus(null);
              setFormTarget({ mode: 'create', parentId: rows[0]?.unit.id ?? null });
            }}
          >
            {t('units.add')}
          </Button>
        )}
      </Group>

      <StatusNotice message={status} onClose={() => setStatus(null)} />
      <ErrorAlert error={units.error} />
      {units.isPending && <Loader aria-label={t('common.loading')} />}

      {units.data && rows.length === 0 && <Text>{t('units.empty')}</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={880}>
          <Table striped highlightOnHover verticalSpacing={6} data-testid="units-table">
            <Table.Caption>{t('units.tableCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('units.name')}</Table.Th>
                <Table.Th scope="col">{t('units.code')}</Table.Th>
                <Table.Th scope="col">{t('units.kind')}</Table.Th>
                <Table.Th scope="col">{t('units.hotline')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
                {canWrite && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ unit, depth }) => (
                <Table.Tr key={unit.id} data-unit-code={unit.code}>
                  <Table.Th scope="row" fw={depth === 0 ? 700 : 500}>
                    <Box pl={depth * 20} style={{ display: 'flex', gap: 6 }}>
                      {depth > 0 && <span aria-hidden="true">└</span>}
                      <span>
                        {unit.name}
                        <VisuallyHidden>{`, ${t('units.level', { level: String(depth + 1) })}`}</VisuallyHidden>
                      </span>
                    </Box>
                  </Table.Th>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {unit.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`unitKinds.${unit.kind}`)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{unit.hotline ?? t('common.none')}</Table.Td>
                  <Table.Td>
                    <ActiveBadge active={unit.active} />
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={t('units.editAria', { name: unit.name })}
                          onClick={() => {
                            setStatus(null);
                            setFormTarget({ mode: 'edit', unit });
                          }}
                        >
                          {t('common.edit')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={t('units.addChild', { name: unit.name })}
                          title={t('units.addChild', { name: unit.name })}
                          disabled={!unit.active}
                          onClick={() => {
                            setStatus(null);
                            setFormTarget({ mode: 'create', parentId: unit.id });
                          }}
                        >
                          +
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={
                            unit.active ? t('units.disableAria', { name: unit.name }) : t('units.enableAria', { name: unit.name })
                          }
                          onClick={() => {
                            setStatus(null);
                            setToggleTarget(unit);
                          }}
                        >
                          {unit.active ? t('common.disable') : t('common.enable')}
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
        <UnitFormModal
          target={formTarget}
          rows={rows}
          onClose={() => setFormTarget(null)}
          onReload={reload}
          onSaved={(unit, mode) => {
            setFormTarget(null);
            setStatus(mode === 'create' ? t('units.created', { name: unit.name }) : t('units.saved', { name: unit.name }));
          }}
        />
      )}

      <ConfirmModal
        opened={toggleTarget !== null}
        title={toggleTarget?.active ? t('units.disableTitle') : t('units.enableTitle')}
        message={
          toggleTarget
            ? toggleTarget.active
              ? t('units.disableConfirm', { name: toggleTarget.name })
              : t('units.enableConfirm', { name: toggleTarget.name })
            : ''
        }
        confirmLabel={toggleTarget?.active ? t('common.disable') : t('common.enable')}
        danger={toggleTarget?.active}
        loading={setActive.isPending}
        error={setActive.error}
        onConfirm={confirmToggle}
        onClose={closeToggle}
        onReload={() => {
          reload();
          closeToggle();
        }}
      />
    </Stack>
  );
}
