import { Alert, Group, List, Loader, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { useUnits } from '../../api/org';
import { useServiceIndex, type ServiceIndex, type ServiceIndexIndicator } from '../../api/reports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatNumber, formatPercent } from '../../i18n/format';
import catalogClasses from '../catalog/catalog.module.css';
import { TableRegion } from '../catalog/TableRegion';
import { parseYear, roundPoints } from './service-index-text';

/**
 * /staff/service-index (reports.read): a unit's service index of Decision
 * 766 over a year — per group a table of its indicators with their inputs,
 * ratio, threshold and points; unmeasured indicators say why.
 */
export function ServiceIndexPage() {
  const { t } = useTranslation();
  usePageTitle(t('reports.serviceIndex.pageTitle'));
  const me = useMe();
  const units = useUnits();
  const [chosen, setChosen] = useState<string | null>(null);
  const [yearText, setYearText] = useState(() => String(new Date().getFullYear()));
  const ownCode = units.data?.find((u) => u.id === me.data?.staff.unitId)?.code ?? null;
  const unit = chosen ?? ownCode;
  const year = parseYear(yearText);
  const index = useServiceIndex(unit !== null && year !== null ? { unit, year } : null);
  const shown = year !== null && unit !== null && !index.isPlaceholderData ? index.data : undefined;

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{t('reports.serviceIndex.heading')}</Title>
        <Text c="dimmed">{t('reports.serviceIndex.lead')}</Text>
      </Stack>

      <Group gap="sm" align="flex-start" role="search" aria-label={t('reports.serviceIndex.filters')}>
        <Select
          label={t('reports.serviceIndex.unit')}
          data={(units.data ?? []).map((u) => ({ value: u.code, label: `${u.code} — ${u.name}` }))}
          value={unit}
          onChange={setChosen}
          searchable
          required
          w={{ base: '100%', xs: 360 }}
        />
        <TextInput
          label={t('reports.serviceIndex.year')}
          inputMode="numeric"
          value={yearText}
          onChange={(event) => setYearText(event.currentTarget.value)}
          error={year === null ? t('reports.serviceIndex.yearInvalid') : undefined}
          required
          w={{ base: '100%', xs: 140 }}
        />
      </Group>

      <ErrorAlert error={index.error ?? units.error} />
      {index.isFetching && !shown && <Loader aria-label={t('common.loading')} />}
      {shown && <IndexTables index={shown} />}
    </Stack>
  );
}

function IndexTables({ index }: { index: ServiceIndex }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Text size="xl" fw={700} aria-live="polite" data-testid="service-index-score">
          {t('reports.serviceIndex.score', { points: formatNumber(roundPoints(index.score.points)), measuredMax: formatNumber(index.score.measuredMax) })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('reports.serviceIndex.scoreNote')}
        </Text>
      </Stack>
      {index.groups.map((group) => {
        const caption = t('reports.serviceIndex.tableCaption', {
          group: t(`reports.serviceIndex.groups.${group.id}`),
          points: formatNumber(roundPoints(group.points)),
          measuredMax: formatNumber(group.measuredMax),
          max: formatNumber(group.max),
        });
        return (
          <Stack gap="xs" key={group.id} data-group={group.id}>
            <Title order={2} size="h3">
              {t(`reports.serviceIndex.groups.${group.id}`)}
            </Title>
            <TableRegion label={caption}>
              <Table striped verticalSpacing="xs" miw={760}>
                <Table.Caption>{caption}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('reports.serviceIndex.indicator')}</Table.Th>
                    <Table.Th scope="col">{t('reports.serviceIndex.inputs')}</Table.Th>
                    <Table.Th scope="col" className={catalogClasses.numericHead}>
                      {t('reports.serviceIndex.ratio')}
                    </Table.Th>
                    <Table.Th scope="col" className={catalogClasses.numericHead}>
                      {t('reports.serviceIndex.threshold')}
                    </Table.Th>
                    <Table.Th scope="col" className={catalogClasses.numericHead}>
                      {t('reports.serviceIndex.points')}
                    </Table.Th>
                    <Table.Th scope="col" className={catalogClasses.numericHead}>
                      {t('reports.serviceIndex.max')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {group.indicators.map((indicator) => (
                    <IndicatorRow key={indicator.id} indicator={indicator} />
                  ))}
                </Table.Tbody>
              </Table>
            </TableRegion>
          </Stack>
        );
      })}
    </Stack>
  );
}

function IndicatorRow({ indicator }: { indicator: ServiceIndexIndicator }) {
  const { t } = useTranslation();
  const none = indicator.measured ? t('reports.serviceIndex.noData') : t('reports.serviceIndex.notMeasured');
  return (
    <Table.Tr data-indicator={indicator.id}>
      <Table.Th scope="row" fw={500}>
        {t(`reports.serviceIndex.indicators.${indicator.id}`, { defaultValue: indicator.id })}
        <Text size="xs" c="dimmed">
          {t(`reports.${indicator.formula}`, { defaultValue: '' })}
        </Text>
      </Table.Th>
      <Table.Td>
        {indicator.measured ? (
          <List size="sm" listStyleType="none" spacing={0}>
            {indicator.inputs.map((input) => (
              <List.Item key={input.name}>
                {t(`reports.serviceIndex.inputNames.${input.name}`, { defaultValue: input.name })}: {formatNumber(input.value)}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">{t(`reports.serviceIndex.reasons.${indicator.reason ?? ''}`, { defaultValue: indicator.reason ?? '' })}</Text>
        )}
        {indicator.caveats.map((caveat) => (
          <Alert key={caveat} variant="light" color="yellow" p={4} mt={4}>
            <Text size="xs">{t(`reports.serviceIndex.caveats.${caveat}`, { defaultValue: caveat })}</Text>
          </Alert>
        ))}
      </Table.Td>
      <Table.Td className={catalogClasses.numeric}>{indicator.ratio === null ? none : formatPercent(indicator.ratio)}</Table.Td>
      <Table.Td className={catalogClasses.numeric}>
        {indicator.threshold === null ? t('reports.serviceIndex.noThreshold') : formatPercent(indicator.threshold)}
      </Table.Td>
      <Table.Td className={catalogClasses.numeric} fw={700} data-testid="indicator-points">
        {indicator.points === null ? none : formatNumber(roundPoints(indicator.points))}
      </Table.Td>
      <Table.Td className={catalogClasses.numeric}>{formatNumber(indicator.max)}</Table.Td>
    </Table.Tr>
  );
}
