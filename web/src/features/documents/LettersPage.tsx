import { Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLetterStats } from '../../api/documents';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatNumber } from '../../i18n/format';
import classes from '../catalog/catalog.module.css';
import { Localized } from '../catalog/localized';
import { TableRegion } from '../catalog/TableRegion';
import { defaultMonthRange, formatMonth, letterTable, monthRangeProblem } from './document-text';

/**
 * /staff/letters: the congratulation and condolence letters sent, per unit and
 * month, over a range of months (the server counts the units in the caller's scope).
 */
export function LettersPage() {
  const { t } = useTranslation();
  usePageTitle(t('documents.letters.pageTitle'));
  const [initial] = useState(() => defaultMonthRange(new Date()));
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const problem = monthRangeProblem(from, to);
  const stats = useLetterStats(problem === null ? { from, to } : null);
  // While the range is being corrected nothing is shown; while new figures load, the old ones stay (marked busy).
  const shown = problem === null ? stats.data : undefined;
  const { rows, totals } = letterTable(shown ?? []);

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{t('documents.letters.heading')}</Title>
        <Text c="dimmed">{t('documents.letters.lead')}</Text>
      </Stack>

      <Group gap="sm" align="flex-start" role="search" aria-label={t('documents.letters.filters')}>
        <TextInput
          type="month"
          label={t('documents.letters.from')}
          description={t('documents.letters.monthHint')}
          value={from}
          onChange={(event) => setFrom(event.currentTarget.value)}
          error={problem === 'fromInvalid' ? t('documents.letters.monthInvalid') : undefined}
          required
          w={{ base: '100%', xs: 200 }}
        />
        <TextInput
          type="month"
          label={t('documents.letters.to')}
          description={t('documents.letters.monthHint')}
          value={to}
          onChange={(event) => setTo(event.currentTarget.value)}
          error={problem === 'toInvalid' ? t('documents.letters.monthInvalid') : problem === 'order' ? t('documents.letters.orderInvalid') : undefined}
          required
          w={{ base: '100%', xs: 200 }}
        />
      </Group>

      <ErrorAlert error={stats.error} />
      {problem === null && stats.isPending && <Loader aria-label={t('common.loading')} />}
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="letters-summary">
        {shown && !stats.isPlaceholderData
          ? t('documents.letters.summary', {
              from: formatMonth(from),
              to: formatMonth(to),
              congratulation: formatNumber(totals.congratulation),
              condolence: formatNumber(totals.condolence),
            })
          : null}
      </Text>
      {shown && !stats.isPlaceholderData && rows.length === 0 && <Text data-testid="letters-empty">{t('documents.letters.empty')}</Text>}
      {rows.length > 0 && (
        <TableRegion label={t('documents.letters.tableCaption')}>
          <Table striped verticalSpacing="xs" miw={560} data-testid="letters-table" aria-busy={stats.isPlaceholderData || undefined}>
            <Table.Caption>{t('documents.letters.tableCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('documents.letters.unit')}</Table.Th>
                <Table.Th scope="col">{t('documents.letters.month')}</Table.Th>
                <Table.Th scope="col" className={classes.numericHead}>
                  {t('documents.letters.congratulation')}
                </Table.Th>
                <Table.Th scope="col" className={classes.numericHead}>
                  {t('documents.letters.condolence')}
                </Table.Th>
                <Table.Th scope="col" className={classes.numericHead}>
                  {t('documents.letters.total')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={`${row.unit.id}-${row.month}`} data-unit-code={row.unit.code} data-month={row.month}>
                  <Table.Th scope="row" fw={500} miw="9rem">
                    <Localized vi={row.unit.name} en={row.unit.nameEn} />
                  </Table.Th>
                  <Table.Td className={classes.numeric}>{formatMonth(row.month)}</Table.Td>
                  <Table.Td className={classes.numeric}>{formatNumber(row.congratulation)}</Table.Td>
                  <Table.Td className={classes.numeric}>{formatNumber(row.condolence)}</Table.Td>
                  <Table.Td className={classes.numeric}>{formatNumber(row.total)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr data-testid="letters-total">
                <Table.Th scope="row" colSpan={2}>
                  {t('documents.letters.allUnits')}
                </Table.Th>
                <Table.Td className={classes.numeric} fw={700}>
                  {formatNumber(totals.congratulation)}
                </Table.Td>
                <Table.Td className={classes.numeric} fw={700}>
                  {formatNumber(totals.condolence)}
                </Table.Td>
                <Table.Td className={classes.numeric} fw={700}>
                  {formatNumber(totals.total)}
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </TableRegion>
      )}
    </Stack>
  );
}
