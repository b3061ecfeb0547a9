import { Alert, Button, Code, FileInput, Group, Loader, Pagination, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { importFormatOf, useDossierImports, useImportDossiers, type DossierImportResult, type ImportProblem } from '../../api/dossier-imports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime, formatNumber } from '../../i18n/format';

/** Problems listed on the page (the server sends up to 1,000 and the total). */
const PROBLEMS_SHOWN = 200;

/** The 422 IMPORT_INVALID answer's problems and total, or null for any other outcome. */
function problemsOf(error: unknown): { total: number; problems: ImportProblem[] } | null {
  if (!isApiError(error, 'IMPORT_INVALID')) return null;
  const problems = Array.isArray(error.details.problems) ? (error.details.problems as ImportProblem[]) : [];
  const total = typeof error.details.total === 'number' ? error.details.total : problems.length;
  return { total, problems };
}

/**
 * /staff/imports (dossier.import: administrators): the historical import of
 * dossiers from a previous system. "Check" validates the file without writing
 * (every problem row by row); "Import" writes it all, or nothing when a row
 * is wrong; re-importing the same file changes nothing. Below, past imports.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  usePageTitle(t('dossierImport.pageTitle'));
  const [file, setFile] = useState<File | null>(null);
  const [sourceSystem, setSourceSystem] = useState('');
  const [checked, setChecked] = useState<DossierImportResult | null>(null);
  const [page, setPage] = useState(1);
  const mutation = useImportDossiers();
  const format = file ? importFormatOf(file) : null;
  const badFormat = file !== null && format === null;
  const ready = file !== null && !badFormat && sourceSystem.trim() !== '';
  const problems = problemsOf(mutation.error);
  const done = mutation.data && !mutation.data.dryRun ? mutation.data : null;

  const run = (dryRun: boolean) => {
    if (!file || !ready) return;
    mutation.mutate({ file, sourceSystem: sourceSystem.trim(), dryRun }, { onSuccess: (result) => setChecked(result.dryRun ? result : null) });
  };
  const reset = () => {
    setChecked(null);
    mutation.reset();
  };

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{t('dossierImport.heading')}</Title>
        <Text c="dimmed">{t('dossierImport.lead')}</Text>
        <Text size="sm">
          {t('dossierImport.format')} <Code>code, procedureCode, unitCode, receivedAt, dueAt, finishedAt, status, channel, rating</Code>
        </Text>
      </Stack>

      <Stack gap="sm" maw={640}>
        <TextInput
          label={t('dossierImport.sourceSystem')}
          description={t('dossierImport.sourceSystemHint')}
          value={sourceSystem}
          onChange={(event) => {
            setSourceSystem(event.currentTarget.value);
            reset();
          }}
          maxLength={100}
          required
        />
        <FileInput
          label={t('dossierImport.file')}
          placeholder={t('dossierImport.filePlaceholder')}
          accept=".json,.csv,application/json,text/csv"
          value={file}
          onChange={(next) => {
            setFile(next);
            reset();
          }}
          error={badFormat ? t('dossierImport.badFormat') : undefined}
          clearable
          clearButtonProps={{ 'aria-label': t('dossierImport.clearFile') }}
          required
        />
        <Group gap="sm">
          <Button variant={checked ? 'default' : 'filled'} onClick={() => run(true)} disabled={!ready} loading={mutation.isPending && mutation.variables.dryRun}>
            {t('dossierImport.check')}
          </Button>
          <Button onClick={() => run(false)} disabled={!ready || checked === null} loading={mutation.isPending && !mutation.variables.dryRun}>
            {t('dossierImport.import')}
          </Button>
        </Group>
      </Stack>

      <div role="status" data-testid="import-outcome">
        {checked && <Figures result={checked} heading={t('dossierImport.checkedHeading')} note={t('dossierImport.ready')} color="blue" />}
        {done && (
          <Figures
            result={done}
            heading={t('dossierImport.doneHeading')}
            note={t('dossierImport.done', { created: formatNumber(done.created), updated: formatNumber(done.updated), unchanged: formatNumber(done.unchanged) })}
            color="green"
          />
        )}
        {problems && <Problems total={problems.total} problems={problems.problems} />}
      </div>
      {!problems && <ErrorAlert error={mutation.error} />}

      <PastImports page={page} onPage={setPage} />
    </Stack>
  );
}

function Figures({ result, heading, note, color }: { result: DossierImportResult; heading: string; note: string; color: string }) {
  const { t } = useTranslation();
  const figures = [
    ['rows', result.rows],
    ['created', result.created],
    ['updated', result.updated],
    ['unchanged', result.unchanged],
  ] as const;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {heading}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" component="dl" m={0}>
        {figures.map(([key, value]) => (
          <div key={key}>
            <Text component="dt" size="sm" c="dimmed">
              {t(`dossierImport.${key}`)}
            </Text>
            <Text component="dd" fw={700} m={0}>
              {formatNumber(value)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Alert color={color} variant="light">
        {note}
      </Alert>
    </Stack>
  );
}

function Problems({ total, problems }: { total: number; problems: ImportProblem[] }) {
  const { t } = useTranslation();
  const shown = problems.slice(0, PROBLEMS_SHOWN);
  return (
    <Stack gap="xs">
      <Alert color="red" variant="light" title={t('dossierImport.problemsHeading')}>
        {t('dossierImport.problemsLead', { total: formatNumber(total), shown: formatNumber(shown.length) })}
      </Alert>
      <Table.ScrollContainer minWidth={560} maxHeight={420}>
        <Table striped verticalSpacing={4}>
          <Table.Caption>{t('dossierImport.problemsCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dossierImport.row')}</Table.Th>
              <Table.Th scope="col">{t('dossierImport.field')}</Table.Th>
              <Table.Th scope="col">{t('dossierImport.problem')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((p, index) => (
              <Table.Tr key={`${String(p.row)}-${p.field ?? ''}-${p.code}-${String(index)}`}>
                <Table.Th scope="row">{p.row === 0 ? t('dossierImport.fileProblem') : formatNumber(p.row)}</Table.Th>
                <Table.Td>{p.field ?? t('common.none')}</Table.Td>
                <Table.Td>{p.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function PastImports({ page, onPage }: { page: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const list = useDossierImports(page);
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / 20)) : 1;
  return (
    <Stack gap="xs" component="section" aria-labelledby="past-imports">
      <Title order={2} size="h3" id="past-imports">
        {t('dossierImport.pastHeading')}
      </Title>
      <ErrorAlert error={list.error} />
      {list.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {list.data?.items.length === 0 && <Text c="dimmed">{t('dossierImport.none')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dossierImport.importedAt')}</Table.Th>
                <Table.Th scope="col">{t('dossierImport.sourceSystem')}</Table.Th>
                <Table.Th scope="col">{t('dossierImport.fileName')}</Table.Th>
                <Table.Th scope="col">{t('dossierImport.rows')}</Table.Th>
                <Table.Th scope="col">{t('dossierImport.created')}</Table.Th>
                <Table.Th scope="col">{t('dossierImport.updated')}</Table.Th>
                <Table.Th scope="col">{t('dossierImport.unchanged')}</Table.Th>
                <Table.Th scope="col">{t('dossierImport.importedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{formatDateTime(item.importedAt)}</Table.Td>
                  <Table.Td>{item.sourceSystem}</Table.Td>
                  <Table.Td>{item.fileName ?? t('common.none')}</Table.Td>
                  <Table.Td>{formatNumber(item.rows)}</Table.Td>
                  <Table.Td>{formatNumber(item.created)}</Table.Td>
                  <Table.Td>{formatNumber(item.updated)}</Table.Td>
                  <Table.Td>{formatNumber(item.unchanged)}</Table.Td>
                  <Table.Td>{item.importedBy}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages > 1 && (
        <nav aria-label={t('dossierImport.pagination')}>
          <Pagination total={pages} value={Math.min(page, pages)} onChange={onPage} getItemProps={(item) => ({ 'aria-current': item === page ? 'page' : undefined })} />
        </nav>
      )}
    </Stack>
  );
}
