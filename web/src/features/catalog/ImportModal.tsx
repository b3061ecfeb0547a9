import { Alert, Button, FileInput, Group, List, Modal, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportCatalog, type ImportFormat, type ImportReport } from '../../api/catalog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../i18n/format';

function formatOf(file: File): ImportFormat | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.csv')) return 'csv';
  return null;
}

/**
 * Import in two steps: a dry run reports every row (nothing is written), and
 * only a clean report of the same file can then be applied, all at once.
 */
export function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const importCatalog = useImportCatalog();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const format = file ? formatOf(file) : null;
  const badFormat = file !== null && format === null;

  const run = (dryRun: boolean) => {
    if (!file || !format) return;
    importCatalog.mutate({ file, format, dryRun }, { onSuccess: setReport });
  };

  const checkedClean = report !== null && !report.applied && report.errors.length === 0;

  return (
    <Modal opened onClose={onClose} title={t('procedureAdmin.import.title')} size="xl">
      <Stack gap="md">
        <Text size="sm">{t('procedureAdmin.import.lead')}</Text>
        <FileInput
          label={t('procedureAdmin.import.file')}
          placeholder={t('procedureAdmin.import.filePlaceholder')}
          accept=".json,.csv,application/json,text/csv"
          value={file}
          onChange={(next) => {
            setFile(next);
            setReport(null);
            importCatalog.reset();
          }}
          error={badFormat ? t('procedureAdmin.import.badFormat') : undefined}
          clearable
          data-autofocus
        />
        <ErrorAlert error={importCatalog.error} />
        <div role="status">{report && <ImportReportView report={report} />}</div>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
          {!report?.applied && (
            <Button
              variant={checkedClean ? 'default' : 'filled'}
              onClick={() => run(true)}
              disabled={!file || badFormat}
              loading={importCatalog.isPending && importCatalog.variables?.dryRun === true}
            >
              {t('procedureAdmin.import.check')}
            </Button>
          )}
          {checkedClean && (
            <Button onClick={() => run(false)} loading={importCatalog.isPending && importCatalog.variables?.dryRun === false}>
              {t('procedureAdmin.import.apply')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const figures = [
    ['rows', report.rows],
    ['created', report.created],
    ['updated', report.updated],
    ['unchanged', report.unchanged],
    ['errorRows', report.errors.length],
  ] as const;

  return (
    <Stack gap="sm" data-testid="import-report">
      <Title order={2} size="h4">
        {report.applied ? t('procedureAdmin.import.appliedHeading') : t('procedureAdmin.import.reportHeading')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs" component="dl" m={0}>
        {figures.map(([key, value]) => (
          <div key={key}>
            <Text component="dt" size="sm" c="dimmed">
              {t(`procedureAdmin.import.${key}`)}
            </Text>
            <Text component="dd" fw={700} m={0}>
              {formatNumber(value)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {report.applied ? (
        <Alert color="green" variant="light">
          {t('procedureAdmin.import.applied', {
            created: formatNumber(report.created),
            updated: formatNumber(report.updated),
            unchanged: formatNumber(report.unchanged),
          })}
        </Alert>
      ) : report.errors.length > 0 ? (
        <Alert color="red" variant="light">
          {t('procedureAdmin.import.notApplied')}
        </Alert>
      ) : (
        <Alert color="blue" variant="light">
          {t('procedureAdmin.import.ready')}
        </Alert>
      )}
      {report.errors.length > 0 && (
        <Table.ScrollContainer minWidth={560} maxHeight={320}>
          <Table striped verticalSpacing={4}>
            <Table.Caption>{t('procedureAdmin.import.errorsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('procedureAdmin.import.row')}</Table.Th>
                <Table.Th scope="col">{t('procedureAdmin.import.code')}</Table.Th>
                <Table.Th scope="col">{t('procedureAdmin.import.problems')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.errors.map((error) => (
                <Table.Tr key={`${String(error.row)}-${error.code ?? ''}`}>
                  <Table.Th scope="row">{error.row === 0 ? t('procedureAdmin.import.fileProblem') : formatNumber(error.row)}</Table.Th>
                  <Table.Td>{error.code ?? t('common.none')}</Table.Td>
                  <Table.Td>
                    <List size="sm" spacing={2}>
                      {error.problems.map((problem, index) => (
                        <List.Item key={`${String(index)}-${problem.path}`}>
                          {problem.path ? `${problem.path}: ${problem.message}` : problem.message}
                        </List.Item>
                      ))}
                    </List>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
