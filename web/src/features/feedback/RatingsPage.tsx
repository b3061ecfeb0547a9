import { Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRatingSummary } from '../../api/feedback';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatNumber, formatPercent } from '../../i18n/format';
import catalogClasses from '../catalog/catalog.module.css';
import { TableRegion } from '../catalog/TableRegion';
import { dayRangeProblem, defaultDayRange, summaryRows } from './feedback-text';
import { SCORES } from './rating-form';

/** `2026-11-24` as "24/11/2026", as dates are written in Vietnamese documents. */
function formatDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date ?? ''}/${month ?? ''}/${year ?? ''}`;
}

/**
 * /staff/ratings (dossier.read): the satisfaction ratings given in a period
 * for dossiers of the units in the officer's scope — per criterion, the count
 * of each level and the share satisfied or better (the figure the national
 * service index reads).
 */
export function RatingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('feedback.ratings.pageTitle'));
  const [initial] = useState(() => defaultDayRange(new Date()));
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const problem = dayRangeProblem(from, to);
  const summary = useRatingSummary(problem === null ? { from, to } : null);
  const shown = problem === null && !summary.isPlaceholderData ? summary.data : undefined;
  const rows = shown ? summaryRows(shown) : [];

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{t('feedback.ratings.heading')}</Title>
        <Text c="dimmed">{t('feedback.ratings.lead')}</Text>
      </Stack>

      <Group gap="sm" align="flex-start" role="search" aria-label={t('feedback.ratings.filters')}>
        <TextInput
          type="date"
          label={t('feedback.ratings.from')}
          value={from}
          onChange={(event) => setFrom(event.currentTarget.value)}
          error={problem === 'fromInvalid' ? t('feedback.ratings.dayInvalid') : undefined}
          required
          w={{ base: '100%', xs: 200 }}
        />
        <TextInput
          type="date"
          label={t('feedback.ratings.to')}
          value={to}
          onChange={(event) => setTo(event.currentTarget.value)}
          error={problem === 'toInvalid' ? t('feedback.ratings.dayInvalid') : problem === 'order' ? t('feedback.ratings.orderInvalid') : undefined}
          required
          w={{ base: '100%', xs: 200 }}
        />
      </Group>

      <ErrorAlert error={summary.error} />
      {problem === null && summary.isPending && <Loader aria-label={t('common.loading')} />}
      <Text size="sm" aria-live="polite" data-testid="ratings-count">
        {shown ? t('feedback.ratings.count', { count: shown.count, from: formatDay(shown.from), to: formatDay(shown.to) }) : null}
      </Text>
      {shown && shown.count === 0 && <Text data-testid="ratings-empty">{t('feedback.ratings.empty')}</Text>}
      {shown && shown.count > 0 && (
        <TableRegion label={t('feedback.ratings.tableCaption')}>
          <Table striped verticalSpacing="xs" miw={820} data-testid="ratings-table">
            <Table.Caption>{t('feedback.ratings.tableCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('feedback.ratings.criterion')}</Table.Th>
                {SCORES.map((score) => (
                  <Table.Th scope="col" key={score} className={catalogClasses.numericHead}>
                    {t(`feedback.scores.${score}`)}
                  </Table.Th>
                ))}
                <Table.Th scope="col" className={catalogClasses.numericHead}>
                  {t('feedback.ratings.satisfiedShare')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.criterion} data-criterion={row.criterion}>
                  <Table.Th scope="row" fw={500}>
                    {t(`feedback.criteria.${row.criterion}`)}
                  </Table.Th>
                  {SCORES.map((score) => (
                    <Table.Td key={score} className={catalogClasses.numeric}>
                      {formatNumber(row.counts[score])}
                    </Table.Td>
                  ))}
                  <Table.Td className={catalogClasses.numeric} fw={700} data-testid="satisfied-share">
                    {row.share === null ? t('common.none') : formatPercent(row.share)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableRegion>
      )}
    </Stack>
  );
}
