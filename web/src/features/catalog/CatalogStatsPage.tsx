import { Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCatalogStats, type CatalogStats } from '../../api/catalog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatNumber, formatPercent } from '../../i18n/format';
import classes from './catalog.module.css';
import { Localized } from './localized';
import { TableRegion } from './TableRegion';

type Online = CatalogStats['online'];

/** "68,8 % (11/16)": the rate with its numerator and denominator, or a dash when nothing is counted. */
function useCoverageCell() {
  const { t } = useTranslation();
  return (coverage: number | null, online: Online) => {
    const total = online.full + online.partial + online.none;
    if (coverage === null || total === 0) return t('catalog.stats.notApplicable');
    return t('catalog.stats.coverageCell', {
      percent: formatPercent(coverage),
      online: formatNumber(online.full + online.partial),
      total: formatNumber(total),
    });
  };
}

/** Public statistics of the catalog: procedures and online-service coverage, by unit and field. */
export function CatalogStatsPage() {
  const { t } = useTranslation();
  usePageTitle(t('catalog.stats.pageTitle'));
  const stats = useCatalogStats();

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1}>{t('catalog.stats.heading')}</Title>
        <Text>{t('catalog.stats.lead')}</Text>
      </Stack>
      <ErrorAlert error={stats.error} />
      {stats.isPending && <Loader aria-label={t('common.loading')} />}
      {stats.data && <StatsView stats={stats.data} />}
    </Stack>
  );
}

function StatsView({ stats }: { stats: CatalogStats }) {
  const { t } = useTranslation();
  const coverageCell = useCoverageCell();
  const figures = [
    { key: 'total', value: stats.total },
    { key: 'full', value: stats.online.full },
    { key: 'partial', value: stats.online.partial },
    { key: 'none', value: stats.online.none },
  ] as const;

  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {figures.map((figure) => (
          <Paper withBorder p="md" key={figure.key}>
            <dl className={classes.stat} data-testid={`stat-${figure.key}`}>
              <dt>{t(`catalog.stats.${figure.key}`)}</dt>
              <dd>{formatNumber(figure.value)}</dd>
            </dl>
          </Paper>
        ))}
      </SimpleGrid>

      <Stack component="section" gap="xs" aria-labelledby="coverage-heading">
        <Title order={2} size="h3" id="coverage-heading">
          {t('catalog.stats.coverageHeading')}
        </Title>
        <Text size="lg" data-testid="coverage">
          {stats.onlineCoverage === null || stats.total === 0
            ? t('catalog.stats.coverageNone')
            : t('catalog.stats.coverage', {
                percent: formatPercent(stats.onlineCoverage),
                online: formatNumber(stats.online.full + stats.online.partial),
                total: formatNumber(stats.total),
              })}
        </Text>
      </Stack>

      <Stack component="section" gap="xs" aria-labelledby="by-unit-heading">
        <Title order={2} size="h3" id="by-unit-heading">
          {t('catalog.stats.byUnit')}
        </Title>
        {stats.units.length === 0 ? (
          <Text>{t('catalog.stats.noUnits')}</Text>
        ) : (
          <TableRegion label={t('catalog.stats.byUnitCaption')}>
            <Table striped verticalSpacing="xs" data-testid="stats-by-unit">
              <Table.Caption>{t('catalog.stats.byUnitCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('catalog.stats.unit')}</Table.Th>
                  <Table.Th scope="col" className={classes.numericHead}>
                    {t('catalog.stats.procedures')}
                  </Table.Th>
                  <Table.Th scope="col" className={classes.numericHead}>
                    {t('catalog.stats.colFull')}
                  </Table.Th>
                  <Table.Th scope="col" className={classes.numericHead}>
                    {t('catalog.stats.colPartial')}
                  </Table.Th>
                  <Table.Th scope="col" className={classes.numericHead}>
                    {t('catalog.stats.colNone')}
                  </Table.Th>
                  <Table.Th scope="col" className={classes.numericHead}>
                    {t('catalog.stats.colCoverage')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stats.units.map((unit) => (
                  <Table.Tr key={unit.unitCode}>
                    <Table.Th scope="row" fw={500} miw="9rem">
                      <Localized vi={unit.unitName} en={unit.unitNameEn} />
                    </Table.Th>
                    <Table.Td className={classes.numeric}>{formatNumber(unit.procedures)}</Table.Td>
                    <Table.Td className={classes.numeric}>{formatNumber(unit.online.full)}</Table.Td>
                    <Table.Td className={classes.numeric}>{formatNumber(unit.online.partial)}</Table.Td>
                    <Table.Td className={classes.numeric}>{formatNumber(unit.online.none)}</Table.Td>
                    <Table.Td className={classes.numericWrap}>{coverageCell(unit.onlineCoverage, unit.online)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableRegion>
        )}
      </Stack>

      <Stack component="section" gap="xs" aria-labelledby="by-field-heading">
        <Title order={2} size="h3" id="by-field-heading">
          {t('catalog.stats.byField')}
        </Title>
        <TableRegion label={t('catalog.stats.byFieldCaption')}>
          <Table striped verticalSpacing="xs" data-testid="stats-by-field">
            <Table.Caption>{t('catalog.stats.byFieldCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('catalog.stats.field')}</Table.Th>
                <Table.Th scope="col" className={classes.numericHead}>
                  {t('catalog.stats.procedures')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stats.byField.map((field) => (
                <Table.Tr key={field.field}>
                  <Table.Th scope="row" fw={500}>
                    <Localized vi={field.fieldName} en={field.fieldNameEn} />
                  </Table.Th>
                  <Table.Td className={classes.numeric}>{formatNumber(field.procedures)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableRegion>
      </Stack>
    </>
  );
}
