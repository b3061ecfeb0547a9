import { Anchor, Badge, Button, FileButton, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSetDigitised } from '../../../api/documents';
import { dossierFileUrl, SCAN_CONTENT_TYPES, useUploadScan, type Dossier } from '../../../api/dossiers';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatFileSize } from '../../../i18n/format';
import { useLocalize } from '../../catalog/localized';
import { TableRegion } from '../../catalog/TableRegion';
import { DigitisedCheckbox } from '../../documents/DigitisedCheckbox';

const ACCEPT = [...new Set(Object.values(SCAN_CONTENT_TYPES))].join(',');

interface DocumentsSectionProps {
  dossier: Dossier;
  canUpload: boolean;
  /** May mark scanned documents digitised (dossier.process). */
  canDigitise: boolean;
}

/** The documents as received at the desk, their scans, an upload per document, and whether each is digitised. */
export function DocumentsSection({ dossier, canUpload, canDigitise }: DocumentsSectionProps) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const upload = useUploadScan(dossier.code);
  const digitise = useSetDigitised(dossier.code);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dossier-documents">
      <Title order={2} size="h4" id="dossier-documents" mb="xs">
        {t('dossiers.page.documents')}
      </Title>
      <Stack gap="xs">
        <TableRegion label={t('dossiers.page.documents')}>
          <Table verticalSpacing={4} miw={760} data-testid="dossier-documents">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('print.documentName')}</Table.Th>
                <Table.Th scope="col">{t('dossiers.intake.received')}</Table.Th>
                <Table.Th scope="col">{t('print.documentForm')}</Table.Th>
                <Table.Th scope="col">{t('print.documentCount')}</Table.Th>
                <Table.Th scope="col">{t('dossiers.page.files')}</Table.Th>
                <Table.Th scope="col">{t('documents.digitised.column')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {dossier.documents.map((d) => {
                const name = localize(d.name, d.nameEn);
                return (
                  <Table.Tr key={d.index}>
                    <Table.Th scope="row" fw={400}>
                      {name}
                      {d.mandatory && (
                        <Badge ml={6} size="xs" color="red.9" variant="outline">
                          {t('dossiers.intake.mandatory')}
                        </Badge>
                      )}
                    </Table.Th>
                    <Table.Td>{d.received ? t('dossiers.page.yes') : t('dossiers.page.no')}</Table.Td>
                    <Table.Td>{t(`catalog.documentForms.${d.form}`)}</Table.Td>
                    <Table.Td>{d.count}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {d.files.map((f) => (
                          <Anchor key={f.id} href={dossierFileUrl(dossier.code, f.id)} target="_blank" rel="noopener" size="sm">
                            {f.fileName} ({formatFileSize(f.size)})
                          </Anchor>
                        ))}
                        {canUpload && (
                          <FileButton onChange={(file) => file && upload.mutate({ file, document: d.index })} accept={ACCEPT}>
                            {(props) => (
                              <Button {...props} size="compact-xs" variant="default" aria-label={t('dossiers.page.uploadFor', { name })}>
                                {t('dossiers.page.upload')}
                              </Button>
                            )}
                          </FileButton>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <DigitisedCheckbox
                        index={d.index}
                        name={name}
                        digitised={d.digitised}
                        scanned={d.files.length > 0}
                        canEdit={canDigitise}
                        pending={digitise.isPending && digitise.variables.index === d.index}
                        onChange={(digitised) => digitise.mutate({ index: d.index, digitised })}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableRegion>
        {dossier.missing.length > 0 && (
          <Text size="sm" data-testid="dossier-missing">
            {t('dossiers.page.missing', { items: dossier.missing.join('; ') })}
          </Text>
        )}
        <ErrorAlert error={upload.error} />
        <ErrorAlert error={digitise.error} />
      </Stack>
    </Paper>
  );
}
