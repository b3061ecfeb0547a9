import { Button, Group, Loader, NativeSelect, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCatalogFields, useProcedureSearch } from '../../api/catalog';
import { isApiError } from '../../api/client';
import { useStaffList, useUnits } from '../../api/org';
import { useStatistics, type Statistics, type StatisticsRow } from '../../api/reports';
import { useSignedInMe } from '../../app/me-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { intlLocale, rememberLanguage } from '../../i18n';
import { formatDateTime, formatNumber, formatPercent } from '../../i18n/format';
import catalogClasses from '../catalog/catalog.module.css';
import { useLocalize } from '../catalog/localized';
import { TableRegion } from '../catalog/TableRegion';
import classes from './reports.module.css';
import { vnIsoDate } from '../dossiers/dossier-text';
import { flattenUnitTree, subtreeIds, unitOptions } from '../org/unit-tree';
import {
  COLUMN_GROUPS,
  exportHref,
  fieldErrors,
  formatFigure,
  localDate,
  MAX_CUSTOM_DAYS,
  missingDates,
  PERIOD_KINDS,
  periodLabel,
  periodParts,
  periodStart,
  selectionFromParams,
  selectionToParams,
  statisticsQuery,
  toldUnderFields,
  withPeriod,
  type FieldMessage,
  type FilterField,
  type PeriodKind,
  type StatisticsSelection,
} from './statistics-query';

/** The export formats the server offers (reports/routes.ts). */
const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
const FIRST_YEAR = 2000;

/**
 * /staff/statistics (reports.read): the periodic report of a unit — the table
 * one-stop departments send upward — for a day, month, quarter, year or a
 * custom period, optionally with the units below, a field, a procedure or a
 * receiving officer. Decisions:
 * - the choice lives in the URL as the API's own parameters, so a link (or a
 *   reload) reproduces the report, and the exports are plain links to the same
 *   query: the browser sends the session cookie, and the `lang` cookie
 *   (written on the click, as the language switch does) makes the server
 *   write the file in the UI's language, not the browser's Accept-Language;
 * - the server is the one judge of a period (`to` before `from`, more than 366
 *   days): its per-field 400 answer, and a 404 for an unknown filter, are shown
 *   under the input concerned, in the interface language;
 * - the columns are one list (statistics-query.ts `COLUMN_GROUPS`), drawn as
 *   two header rows (groups over their columns) with a total line.
 */
export function StatisticsPage() {
  const { t } = useTranslation();
  usePageTitle(t('reports.statistics.pageTitle'));
  const me = useSignedInMe();
  const units = useUnits();
  const rows = flattenUnitTree(units.data ?? []);
  const today = vnIsoDate(new Date().toISOString());
  const [params, setParams] = useSearchParams();
  // Read from the URL once, then written back to it: a router navigation is a transition, so two quick
  // changes read from the URL would build on a stale one; state updates queue.
  const [selection, setSelection] = useState(() => selectionFromParams(params, today));
  const search = selectionToParams(selection).toString();
  useEffect(() => {
    if (search !== params.toString()) setParams(new URLSearchParams(search), { replace: true });
  }, [search, params, setParams]);
  const ownCode = rows.find((row) => row.unit.id === me.staff.unitId)?.unit.code ?? rows[0]?.unit.code ?? null;
  const unitCode = selection.unit ?? ownCode;
  const query = statisticsQuery(selection, unitCode);
  const stats = useStatistics(query);
  const shown = query !== null && !stats.isPlaceholderData ? stats.data : undefined;
  const apiError = isApiError(stats.error) ? stats.error : null;
  const underFields = fieldErrors(apiError);
  const errorTold = toldUnderFields(apiError, underFields);

  const update = (change: (current: StatisticsSelection) => StatisticsSelection) => setSelection(change);
  const set = (patch: Partial<StatisticsSelection>) => setSelection((current) => ({ ...current, ...patch }));
  const fieldError = (field: FilterField): string | undefined => {
    const message: FieldMessage | undefined = underFields[field];
    if (message) return 'key' in message ? t(`reports.statistics.errors.${message.key}`, message.values) : message.text;
    return missingDates(selection).includes(field) ? t('reports.statistics.errors.required') : undefined;
  };

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{t('reports.statistics.heading')}</Title>
        <Text c="dimmed">{t('reports.statistics.lead')}</Text>
      </Stack>

      <Filters selection={selection} unitCode={unitCode} rows={rows} set={set} update={update} fieldError={fieldError} />

      {/* Not for a query the server refused: the file would be its error. */}
      {query !== null && !stats.isError && (
        <Group gap="xs" role="group" aria-label={t('reports.statistics.export')}>
          <Text size="sm" fw={500}>
            {t('reports.statistics.export')}:
          </Text>
          {EXPORT_FORMATS.map((format) => (
            <Button
              key={format}
              component="a"
              href={exportHref(format, query)}
              download
              onClick={rememberLanguage}
              variant="default"
              size="xs"
              aria-label={t('reports.statistics.exportLabel', { format: format.toUpperCase() })}
              data-testid={`export-${format}`}
            >
              {format.toUpperCase()}
            </Button>
          ))}
        </Group>
      )}

      {!errorTold && <ErrorAlert error={stats.error ?? units.error} />}
      {stats.isFetching && !shown && <Loader aria-label={t('common.loading')} />}
      {shown && <StatisticsTable stats={shown} />}
    </Stack>
  );
}

interface FiltersProps {
  selection: StatisticsSelection;
  unitCode: string | null;
  rows: ReturnType<typeof flattenUnitTree>;
  set: (patch: Partial<StatisticsSelection>) => void;
  update: (change: (current: StatisticsSelection) => StatisticsSelection) => void;
  fieldError: (field: FilterField) => string | undefined;
}

function Filters({ selection, unitCode, rows, set, update, fieldError }: FiltersProps) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const fields = useCatalogFields();
  const staff = useStaffList({});
  const [procedureSearch, setProcedureSearch] = useState('');
  const [q] = useDebouncedValue(procedureSearch.trim(), 300);
  const procedures = useProcedureSearch({ ...(q ? { q } : {}), ...(selection.field ? { field: selection.field } : {}), limit: 20, offset: 0 });

  const all = { value: '', label: t('reports.statistics.all') };
  const codeOf = new Map(rows.map((row) => [row.unit.id, row.unit.code]));
  const unitId = rows.find((row) => row.unit.code === unitCode)?.unit.id;
  const subtree = unitId ? subtreeIds(rows, unitId) : new Set<string>();
  const officers = (staff.data ?? []).filter((member) => subtree.has(member.unitId));
  const procedureOptions = (procedures.data?.items ?? []).map((p) => ({ value: p.code, label: `${localize(p.name, p.nameEn)} (${p.code})` }));
  if (selection.procedure && !procedureOptions.some((o) => o.value === selection.procedure)) procedureOptions.unshift({ value: selection.procedure, label: selection.procedure });
  const { year, month, quarter } = periodParts(selection.from || periodStart('month', vnIsoDate(new Date().toISOString())));
  const lastYear = new Date().getFullYear() + 1;
  const years = Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => String(lastYear - i));
  const pad = (n: number) => String(n).padStart(2, '0');
  const width = { base: '100%', xs: 'auto' } as const;

  return (
    <Stack gap="sm" role="search" aria-label={t('reports.statistics.filters')}>
      <Group gap="sm" align="flex-end">
        <NativeSelect
          label={t('reports.statistics.unit')}
          data={unitOptions(rows).map((o) => ({ value: codeOf.get(o.value) ?? '', label: o.label }))}
          value={unitCode ?? ''}
          onChange={(event) => set({ unit: event.currentTarget.value, officer: '' })}
          error={fieldError('unit')}
          style={{ minWidth: 0, flex: '1 1 18rem', maxWidth: '32rem' }}
        />
        <Switch
          label={t('reports.statistics.includeDescendants')}
          description={t('reports.statistics.includeDescendantsHint')}
          checked={selection.includeDescendants}
          onChange={(event) => set({ includeDescendants: event.currentTarget.checked })}
          pb={4}
        />
      </Group>
      <Group gap="sm" align="flex-start">
        <NativeSelect
          label={t('reports.statistics.period')}
          data={PERIOD_KINDS.map((kind) => ({ value: kind, label: t(`reports.statistics.periodKinds.${kind}`) }))}
          value={selection.period}
          onChange={(event) => {
            const kind = event.currentTarget.value as PeriodKind;
            update((current) => withPeriod(current, kind));
          }}
          error={fieldError('period')}
          w={width}
        />
        {selection.period === 'day' && (
          <TextInput type="date" label={t('reports.statistics.day')} value={selection.from} onChange={(event) => set({ from: event.currentTarget.value })} error={fieldError('from')} w={width} />
        )}
        {selection.period === 'month' && (
          <NativeSelect
            label={t('reports.statistics.month')}
            data={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: t('reports.statistics.monthOption', { month: i + 1 }) }))}
            value={String(month)}
            onChange={(event) => {
              const chosen = Number(event.currentTarget.value);
              update((current) => ({ ...current, from: `${periodParts(current.from).year}-${pad(chosen)}-01` }));
            }}
            w={width}
          />
        )}
        {selection.period === 'quarter' && (
          <NativeSelect
            label={t('reports.statistics.quarter')}
            data={[1, 2, 3, 4].map((n) => ({ value: String(n), label: t('reports.statistics.quarterOption', { quarter: n }) }))}
            value={String(quarter)}
            onChange={(event) => {
              const chosen = Number(event.currentTarget.value);
              update((current) => ({ ...current, from: `${periodParts(current.from).year}-${pad(chosen * 3 - 2)}-01` }));
            }}
            w={width}
          />
        )}
        {(selection.period === 'month' || selection.period === 'quarter' || selection.period === 'year') && (
          <NativeSelect
            label={t('reports.statistics.year')}
            data={years.includes(String(year)) ? years : [String(year), ...years]}
            value={String(year)}
            onChange={(event) => {
              const chosen = event.currentTarget.value;
              update((current) => ({ ...current, from: periodStart(current.period, `${chosen}-${pad(periodParts(current.from).month)}-01`) }));
            }}
            error={fieldError('from')}
            w={width}
          />
        )}
        {selection.period === 'custom' && (
          <>
            <TextInput type="date" label={t('reports.statistics.from')} value={selection.from} onChange={(event) => set({ from: event.currentTarget.value })} error={fieldError('from')} w={width} />
            <TextInput
              type="date"
              label={t('reports.statistics.to')}
              description={t('reports.statistics.customHint', { max: MAX_CUSTOM_DAYS })}
              value={selection.to}
              onChange={(event) => set({ to: event.currentTarget.value })}
              error={fieldError('to')}
              w={width}
            />
          </>
        )}
      </Group>
      <Group gap="sm" align="flex-start">
        <NativeSelect
          label={t('reports.statistics.field')}
          data={[all, ...(fields.data ?? []).map((f) => ({ value: f.code, label: localize(f.name, f.nameEn) }))]}
          value={selection.field}
          onChange={(event) => set({ field: event.currentTarget.value, procedure: '' })}
          error={fieldError('field')}
          style={{ minWidth: 0, flex: '1 1 14rem', maxWidth: '24rem' }}
        />
        <Select
          label={t('reports.statistics.procedure')}
          placeholder={t('reports.statistics.procedurePlaceholder')}
          data={procedureOptions}
          value={selection.procedure || null}
          onChange={(value) => set({ procedure: value ?? '' })}
          onSearchChange={setProcedureSearch}
          // The catalog search has already filtered by the words typed.
          filter={({ options }) => options}
          nothingFoundMessage={t('reports.statistics.procedureNone')}
          searchable
          clearable
          error={fieldError('procedure')}
          style={{ minWidth: 0, flex: '1 1 18rem', maxWidth: '32rem' }}
        />
        <NativeSelect
          label={t('reports.statistics.officer')}
          data={[all, ...officers.map((member) => ({ value: member.username, label: member.fullName }))]}
          value={selection.officer}
          onChange={(event) => set({ officer: event.currentTarget.value })}
          error={fieldError('officer')}
          style={{ minWidth: 0, flex: '1 1 14rem', maxWidth: '24rem' }}
        />
      </Group>
    </Stack>
  );
}

function StatisticsTable({ stats }: { stats: Statistics }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const locale = intlLocale();
  const period = periodLabel(stats.period, (date) => localDate(date, locale));
  const caption = t('reports.statistics.caption', {
    unit: localize(stats.unit.name, stats.unit.nameEn),
    period: t(`reports.statistics.periodLabel.${period.key}`, period.values),
  });
  const rowLabel = (row: StatisticsRow): string => {
    const name = localize(row.unitName ?? '', row.unitNameEn);
    if (row.covers === 'subtree') return t('reports.statistics.subtree', { name });
    return stats.includeDescendants ? t('reports.statistics.ownDossiers', { name }) : name;
  };
  const none = t('reports.statistics.none');
  const filters = (['field', 'procedure', 'officer'] as const).flatMap((key) => {
    const value = stats.filters[key];
    return value === null ? [] : [t('reports.statistics.filterValue', { name: t(`reports.statistics.${key}`), value })];
  });
  const cells = (row: StatisticsRow) =>
    COLUMN_GROUPS.flatMap((group) =>
      group.columns.map((column) => (
        <Table.Td key={column.key} className={catalogClasses.numeric} data-col={column.key}>
          {formatFigure(column.value(row), column.kind, { number: formatNumber, percent: formatPercent }, none)}
        </Table.Td>
      )),
    );

  return (
    <Stack gap="xs">
      {/* Shown above the region: a wide table's own caption would sit out of sight on a phone. */}
      <Title order={2} size="h4">
        {caption}
      </Title>
      {filters.length > 0 && (
        <Text size="sm" data-testid="statistics-filters">
          {t('reports.statistics.filteredBy', { filters: filters.join('; ') })}
        </Text>
      )}
      <TableRegion label={caption}>
        <Table striped withColumnBorders withTableBorder verticalSpacing="xs" data-testid="statistics-table">
          <Table.Caption className={classes.srOnly}>{caption}</Table.Caption>
          <colgroup>
            <col />
          </colgroup>
          {COLUMN_GROUPS.map((group) => (
            <colgroup key={group.key} span={group.columns.length} />
          ))}
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" rowSpan={2}>
                {t('reports.statistics.unitColumn')}
              </Table.Th>
              {COLUMN_GROUPS.map((group) =>
                group.columns.length === 1 ? (
                  <Table.Th key={group.key} scope="col" rowSpan={2} className={classes.figureHead}>
                    {t(`reports.statistics.columns.${group.columns[0]?.key ?? 'letters'}`)}
                  </Table.Th>
                ) : (
                  <Table.Th key={group.key} scope="colgroup" colSpan={group.columns.length} ta="center">
                    {t(`reports.statistics.groups.${group.key}`)}
                  </Table.Th>
                ),
              )}
            </Table.Tr>
            <Table.Tr>
              {COLUMN_GROUPS.filter((group) => group.columns.length > 1).flatMap((group) =>
                group.columns.map((column) => (
                  <Table.Th key={column.key} scope="col" className={classes.figureHead}>
                    {t(`reports.statistics.columns.${column.key}`)}
                  </Table.Th>
                )),
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stats.rows.map((row) => (
              <Table.Tr key={`${row.covers}-${row.unitCode ?? ''}`} data-unit={row.unitCode ?? ''} data-covers={row.covers}>
                <Table.Th scope="row" fw={500} miw="10rem">
                  {rowLabel(row)}
                </Table.Th>
                {cells(row)}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr data-covers="total" fw={700}>
              <Table.Th scope="row">{t('reports.statistics.total')}</Table.Th>
              {cells(stats.total)}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </TableRegion>
      <Text size="sm" c="dimmed" data-testid="statistics-as-of">
        {t('reports.statistics.asOf', { time: formatDateTime(stats.asOf) })}
      </Text>
    </Stack>
  );
}
