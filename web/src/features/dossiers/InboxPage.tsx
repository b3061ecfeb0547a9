import { Anchor, Button, Group, Loader, Pagination, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { INBOX_VIEWS, InboxView, type DossierSummary } from '../../../../contracts/dossiers';
import { Step } from '../../../../contracts/catalog';
import { useDossierList, useInboxCounts, type DossierQuery } from '../../api/dossiers';
import { can, PERMISSIONS } from '../../api/schemas';
import { useSignedInMe } from '../../app/me-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatNumber } from '../../i18n/format';
import { Localized } from '../catalog/localized';
import { TableRegion } from '../catalog/TableRegion';
import { roundHours } from './dossier-text';
import { dateOrNone, OverdueBadge, StatusBadge, stepLabel } from './labels';
import { dossierPath, INTAKE_PATH, REGISTER_PATH } from './paths';

const PAGE_SIZE = 50;

/** Filters of the dossiers list a link may carry in the URL (no personal data: codes, ids, flags). */
const LIST_FILTERS = ['overdue', 'step', 'assignee', 'settlingUnit', 'includeDescendants'] as const;

function listFilters(params: URLSearchParams): Pick<DossierQuery, 'overdue' | 'step' | 'assignee' | 'settlingUnit' | 'includeDescendants'> {
  const flag = (key: string) => {
    const v = params.get(key);
    return v === 'true' || v === 'false' ? v : undefined;
  };
  const entries = {
    overdue: flag('overdue'),
    step: Step.safeParse(params.get('step')).data,
    assignee: params.get('assignee') ?? undefined,
    settlingUnit: params.get('settlingUnit') ?? undefined,
    includeDescendants: flag('includeDescendants'),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

/** The staff inbox: one tab per view with its count, a search by code, name or ID number, and the list. */
export function InboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('dossiers.inbox.pageTitle'));
  const me = useSignedInMe();
  const [params, setParams] = useSearchParams();
  // A link with list filters (the leader dashboard's overdue groups) opens on every dossier so filtered.
  const view = InboxView.safeParse(params.get('view')).data ?? (LIST_FILTERS.some((k) => params.has(k)) ? 'all' : 'mine');
  const page = Math.max(1, Number(params.get('page')) || 1);
  // Names and ID numbers stay out of the page's URL (history, shared links): the search lives in state.
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const counts = useInboxCounts();
  const filters = listFilters(params);
  const list = useDossierList({ view, page, pageSize: PAGE_SIZE, ...filters, ...(q ? { q } : {}) });
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const update = (next: Record<string, string | null>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value === null || value === '') merged.delete(key);
      else merged.set(key, value);
    }
    setParams(merged, { replace: true });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('dossiers.inbox.heading')}</Title>
        <Group gap="sm">
          {can(me, PERMISSIONS.dossierIntake) && (
            <Button component={Link} to={INTAKE_PATH}>
              {t('nav.intake')}
            </Button>
          )}
          <Button component={Link} to={REGISTER_PATH} variant="default">
            {t('print.forms.register')}
          </Button>
        </Group>
      </Group>

      <Tabs value={view} onChange={(value) => update({ view: value, page: null })} keepMounted={false}>
        <Tabs.List>
          {INBOX_VIEWS.map((v) => (
            <Tabs.Tab key={v} value={v} data-view={v}>
              {t(`dossiers.views.${v}`)}
              {counts.data?.[v] !== undefined && ` (${formatNumber(counts.data[v])})`}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>

      <Group role="search" aria-label={t('dossiers.inbox.search')}>
        <TextInput
          label={t('dossiers.inbox.search')}
          description={t('dossiers.inbox.searchHint')}
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            update({ page: null });
          }}
          w={{ base: '100%', sm: 360 }}
        />
      </Group>

      {Object.keys(filters).length > 0 && (
        <Group gap="sm" data-testid="inbox-filters">
          <Text size="sm">{t('dossiers.inbox.filtered')}</Text>
          <Button size="xs" variant="default" onClick={() => update(Object.fromEntries(LIST_FILTERS.map((k) => [k, null])))}>
            {t('dossiers.inbox.clearFilters')}
          </Button>
        </Group>
      )}

      <ErrorAlert error={list.error ?? counts.error} />
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      {list.data && (
        <Text size="sm" c="dimmed" role="status" data-testid="inbox-count">
          {t('dossiers.inbox.count', { count: total })}
        </Text>
      )}
      {list.data && list.data.items.length > 0 && (
        <TableRegion label={t('dossiers.inbox.tableCaption')}>
          <DossierTable items={list.data.items} acceptance={view === 'acceptance'} />
        </TableRegion>
      )}

      {pages > 1 && (
        <nav aria-label={t('catalog.search.pagination')}>
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={(p) => update({ page: String(p) })}
            getItemProps={(item) => ({ 'aria-label': t('catalog.search.page', { page: item }), 'aria-current': item === page ? 'page' : undefined })}
            getControlProps={(control) => ({ 'aria-label': t(`catalog.search.${control}`) })}
          />
        </nav>
      )}
    </Stack>
  );
}

function DossierTable({ items, acceptance }: { items: readonly DossierSummary[]; acceptance: boolean }) {
  const { t } = useTranslation();
  return (
    <Table striped highlightOnHover verticalSpacing={6} miw={900} data-testid="dossier-table">
      <Table.Caption>{t('dossiers.inbox.tableCaption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('dossiers.fields.code')}</Table.Th>
          <Table.Th scope="col">{t('dossiers.fields.procedure')}</Table.Th>
          <Table.Th scope="col">{t('dossiers.fields.applicant')}</Table.Th>
          <Table.Th scope="col">{t('common.status')}</Table.Th>
          <Table.Th scope="col">{t('dossiers.fields.step')}</Table.Th>
          <Table.Th scope="col">{t('dossiers.fields.dueAt')}</Table.Th>
          {acceptance && <Table.Th scope="col">{t('dossiers.fields.waiting')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((d) => (
          <Table.Tr key={d.code} data-dossier-code={d.code}>
            <Table.Th scope="row">
              <Anchor component={Link} to={dossierPath(d.code)} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                {d.code}
              </Anchor>
            </Table.Th>
            <Table.Td>
              <Localized vi={d.procedure.name} en={d.procedure.nameEn} />
            </Table.Td>
            <Table.Td>{d.imported ? <Text span size="sm" c="dimmed">{t('dossierImport.listMarker')}</Text> : d.applicantName}</Table.Td>
            <Table.Td>
              <StatusBadge status={d.status} />
            </Table.Td>
            <Table.Td>{stepLabel(t, d.step)}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                <span style={{ whiteSpace: 'nowrap' }}>{dateOrNone(t, d.dueAt)}</span>
                {d.overdue && <OverdueBadge />}
              </Group>
            </Table.Td>
            {acceptance && (
              <Table.Td>
                {d.waitingHours === null ? t('common.none') : t('dossiers.inbox.hours', { hours: formatNumber(roundHours(d.waitingHours)) })}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
