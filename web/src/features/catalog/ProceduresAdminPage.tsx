import { Alert, Anchor, Button, Group, Loader, NativeSelect, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ONLINE_LEVELS, OnlineLevel, PROCEDURE_LEVELS, ProcedureLevel } from '../../../../contracts/catalog';
import { useSignedInMe } from '../../app/me-context';
import { exportUrl, useAdminProcedures, useCatalogFields, type AdminProcedureFilter } from '../../api/catalog';
import { can, PERMISSIONS } from '../../api/schemas';
import { ActiveBadge } from '../../components/ActiveBadge';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { ImportModal } from './ImportModal';
import { Localized, useLocalize } from './localized';
import { OnlineLevelBadge } from './OnlineLevelBadge';

const PAGE_SIZE = 50;

export function staffProcedurePath(code: string): string {
  return `/staff/procedures/${encodeURIComponent(code)}`;
}

/** The staff list of the catalog: every procedure, active or not; editing for catalog writers. */
export function ProceduresAdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('procedureAdmin.pageTitle'));
  const localize = useLocalize();
  const me = useSignedInMe();
  const canWrite = can(me, PERMISSIONS.catalogWrite);
  const fields = useCatalogFields();

  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [field, setField] = useState('');
  const [level, setLevel] = useState('');
  const [online, setOnline] = useState('');
  const [active, setActive] = useState('');
  const [page, setPage] = useState(1);
  const [importOpen, setImportOpen] = useState(false);

  const parsedLevel = ProcedureLevel.safeParse(level).data;
  const parsedOnline = OnlineLevel.safeParse(online).data;
  const filter: AdminProcedureFilter = {
    ...(q ? { q } : {}),
    ...(field ? { field } : {}),
    ...(parsedLevel ? { level: parsedLevel } : {}),
    ...(parsedOnline ? { online: parsedOnline } : {}),
    ...(active === 'true' || active === 'false' ? { active } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const list = useAdminProcedures(filter);
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const items = list.data?.items ?? [];
  const all = { value: '', label: t('common.all') };

  /** A filter change starts again at the first page. */
  const onFilter = (set: (value: string) => void) => (event: { currentTarget: { value: string } }) => {
    set(event.currentTarget.value);
    setPage(1);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('procedureAdmin.heading')}</Title>
          <Text c="dimmed">{t('procedureAdmin.lead')}</Text>
        </Stack>
        {canWrite && (
          <Group gap="sm">
            <Button component={Link} to="/staff/procedures/new">
              {t('procedureAdmin.add')}
            </Button>
            <Button variant="default" onClick={() => setImportOpen(true)}>
              {t('procedureAdmin.importButton')}
            </Button>
          </Group>
        )}
      </Group>

      {!canWrite && (
        <Alert color="gray" variant="light">
          {t('procedureAdmin.readOnly')}
        </Alert>
      )}

      <Group gap="xs" role="group" aria-label={t('procedureAdmin.exportGroup')}>
        <Button component="a" href={exportUrl('json')} download variant="default" size="xs">
          {t('procedureAdmin.exportJson')}
        </Button>
        <Button component="a" href={exportUrl('csv')} download variant="default" size="xs">
          {t('procedureAdmin.exportCsv')}
        </Button>
        <Button component="a" href={exportUrl('xlsx')} download variant="default" size="xs">
          {t('procedureAdmin.exportXlsx')}
        </Button>
      </Group>

      <Group gap="sm" align="flex-end" role="search" aria-label={t('procedureAdmin.search')}>
        <TextInput
          label={t('procedureAdmin.search')}
          placeholder={t('procedureAdmin.searchPlaceholder')}
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 280 }}
        />
        <NativeSelect
          label={t('catalog.labels.field')}
          value={field}
          onChange={onFilter(setField)}
          data={[all, ...(fields.data ?? []).map((f) => ({ value: f.code, label: localize(f.name, f.nameEn) }))]}
          w={{ base: '100%', sm: 220 }}
        />
        <NativeSelect
          label={t('catalog.labels.level')}
          value={level}
          onChange={onFilter(setLevel)}
          data={[all, ...PROCEDURE_LEVELS.map((value) => ({ value, label: t(`catalog.levels.${value}`) }))]}
          w={{ base: '100%', sm: 170 }}
        />
        <NativeSelect
          label={t('catalog.labels.online')}
          value={online}
          onChange={onFilter(setOnline)}
          data={[all, ...ONLINE_LEVELS.map((value) => ({ value, label: t(`catalog.online.${value}`) }))]}
          w={{ base: '100%', sm: 240 }}
        />
        <NativeSelect
          label={t('procedureAdmin.filterStatus')}
          value={active}
          onChange={onFilter(setActive)}
          data={[all, { value: 'true', label: t('common.active') }, { value: 'false', label: t('common.inactive') }]}
          w={{ base: '100%', sm: 170 }}
        />
      </Group>

      <ErrorAlert error={list.error} />
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.data && (
        <Text size="sm" c="dimmed" role="status">
          {t('procedureAdmin.count', { count: total })}
        </Text>
      )}
      {list.data && items.length === 0 && <Text>{t('procedureAdmin.empty')}</Text>}

      {items.length > 0 && (
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover verticalSpacing={6} data-testid="procedures-table">
            <Table.Caption>{t('procedureAdmin.tableCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('catalog.labels.code')}</Table.Th>
                <Table.Th scope="col">{t('procedureAdmin.fields.name')}</Table.Th>
                <Table.Th scope="col">{t('catalog.labels.field')}</Table.Th>
                <Table.Th scope="col">{t('catalog.labels.level')}</Table.Th>
                <Table.Th scope="col">{t('catalog.labels.online')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((procedure) => {
                const name = localize(procedure.name, procedure.nameEn);
                return (
                  <Table.Tr key={procedure.code} data-procedure-code={procedure.code}>
                    <Table.Td>
                      <Text ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {procedure.code}
                      </Text>
                    </Table.Td>
                    <Table.Th scope="row" fw={500}>
                      <Anchor
                        component={Link}
                        to={staffProcedurePath(procedure.code)}
                        aria-label={canWrite ? t('procedureAdmin.editAria', { name }) : t('procedureAdmin.viewAria', { name })}
                      >
                        <Localized vi={procedure.name} en={procedure.nameEn} />
                      </Anchor>
                    </Table.Th>
                    <Table.Td>
                      <Localized vi={procedure.fieldName} en={procedure.fieldNameEn} />
                    </Table.Td>
                    <Table.Td>{t(`catalog.levels.${procedure.level}`)}</Table.Td>
                    <Table.Td>
                      <OnlineLevelBadge level={procedure.onlineLevel} />
                    </Table.Td>
                    <Table.Td>
                      <ActiveBadge active={procedure.active} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {pages > 1 && (
        <nav aria-label={t('catalog.search.pagination')}>
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={setPage}
            getItemProps={(item) => ({
              'aria-label': t('catalog.search.page', { page: item }),
              'aria-current': item === page ? 'page' : undefined,
            })}
            getControlProps={(control) => ({ 'aria-label': t(`catalog.search.${control}`) })}
          />
        </nav>
      )}

      {importOpen && <ImportModal onClose={() => setImportOpen(false)} />}
    </Stack>
  );
}
