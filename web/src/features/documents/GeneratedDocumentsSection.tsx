import { Alert, Anchor, Badge, Button, Group, Loader, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { generatedDocumentUrl, useDownloadForm, useGeneratedDocuments, type FormKind, type GeneratedDocument } from '../../api/documents';
import type { Dossier } from '../../api/dossiers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage, LANGUAGES, type Language } from '../../i18n';
import { formatDateTime, formatFileSize } from '../../i18n/format';
import { TableRegion } from '../catalog/TableRegion';
import { formatVerificationCode, formFileName, formsByApplicability, verifyPagePath } from './document-text';

/** Saves a downloaded file under its name (the browser's own download, no new window). */
function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL is released.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * "Văn bản" on the dossier page: the documents generated for the dossier
 * (the signed result, courtesy letters) with their verification codes, and
 * the one-stop forms as PDF rendered from the dossier as it stands.
 */
export function GeneratedDocumentsSection({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dossier-generated-documents">
      <Title order={2} size="h4" id="dossier-generated-documents" mb="xs">
        {t('documents.dossier.heading')}
      </Title>
      <Stack gap="md">
        <GeneratedDocumentList code={dossier.code} />
        <FormDownloads dossier={dossier} />
      </Stack>
    </Paper>
  );
}

function SignedBadge({ signed }: { signed: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={signed ? 'teal.9' : 'gray.7'} variant="outline" tt="none" style={{ minWidth: 'max-content' }}>
      {signed ? t('documents.dossier.signed') : t('documents.dossier.unsigned')}
    </Badge>
  );
}

function GeneratedDocumentList({ code }: { code: string }) {
  const { t } = useTranslation();
  const documents = useGeneratedDocuments(code);
  if (documents.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (documents.isError) return <ErrorAlert error={documents.error} />;
  if (documents.data.length === 0) {
    return (
      <Text size="sm" data-testid="generated-documents-empty">
        {t('documents.dossier.empty')}
      </Text>
    );
  }
  return (
    <TableRegion label={t('documents.dossier.tableLabel')}>
      <Table verticalSpacing={4} miw={720} data-testid="generated-documents">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('documents.dossier.title')}</Table.Th>
            <Table.Th scope="col">{t('documents.dossier.signature')}</Table.Th>
            <Table.Th scope="col">{t('documents.dossier.signer')}</Table.Th>
            <Table.Th scope="col">{t('documents.dossier.time')}</Table.Th>
            <Table.Th scope="col">{t('documents.dossier.verificationCode')}</Table.Th>
            <Table.Th scope="col">{t('documents.dossier.file')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {documents.data.map((doc) => (
            <GeneratedDocumentRow key={doc.id} code={code} doc={doc} />
          ))}
        </Table.Tbody>
      </Table>
    </TableRegion>
  );
}

function GeneratedDocumentRow({ code, doc }: { code: string; doc: GeneratedDocument }) {
  const { t } = useTranslation();
  const verification = formatVerificationCode(doc.verificationCode);
  const download = t('documents.dossier.download', { size: formatFileSize(doc.size) });
  return (
    <Table.Tr data-document-id={doc.id} data-kind={doc.kind}>
      <Table.Th scope="row" fw={400}>
        {doc.title}
        <Text size="xs" c="dimmed">
          {t(`documents.kinds.${doc.kind}`)}
        </Text>
      </Table.Th>
      <Table.Td>
        <SignedBadge signed={doc.signed} />
      </Table.Td>
      <Table.Td>{doc.signerName ?? t('common.none')}</Table.Td>
      <Table.Td>{formatDateTime(doc.signedAt ?? doc.createdAt)}</Table.Td>
      <Table.Td>
        <Anchor
          component={Link}
          to={verifyPagePath(doc.verificationCode)}
          ff="monospace"
          size="sm"
          aria-label={t('documents.dossier.verifyLink', { code: verification, title: doc.title })}
        >
          {verification}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Anchor href={generatedDocumentUrl(code, doc.id)} size="sm" aria-label={t('documents.dossier.downloadFor', { label: download, title: doc.title })}>
          {download}
        </Anchor>
      </Table.Td>
    </Table.Tr>
  );
}

function FormDownloads({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const [lang, setLang] = useState<Language>(currentLanguage());
  const downloadForm = useDownloadForm(dossier.code);
  const [failed, setFailed] = useState<{ form: FormKind; error: unknown } | null>(null);
  const { applicable, other } = formsByApplicability(dossier);

  const start = (form: FormKind) => {
    setFailed(null);
    downloadForm.mutate(
      { form, lang },
      {
        onSuccess: ({ blob, fileName }) => saveFile(blob, fileName ?? formFileName(dossier.code, form, lang)),
        onError: (error) => setFailed({ form, error }),
      },
    );
  };

  const button = (form: FormKind, primary: boolean) => (
    <Button
      key={form}
      size="xs"
      variant={primary ? 'light' : 'default'}
      data-form={form}
      loading={downloadForm.isPending && downloadForm.variables.form === form}
      onClick={() => start(form)}
    >
      {t('documents.forms.pdfButton', { form: t(`documents.forms.${form}`) })}
    </Button>
  );

  return (
    <Stack gap="xs" component="section" aria-labelledby="dossier-form-pdfs" data-testid="form-downloads">
      <Title order={3} size="h5" id="dossier-form-pdfs">
        {t('documents.forms.heading')}
      </Title>
      <Text size="sm">{t('documents.forms.lead')}</Text>
      <NativeSelect
        label={t('documents.forms.language')}
        value={lang}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setLang(value === 'en' ? 'en' : 'vi');
        }}
        data={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
        w={{ base: '100%', xs: 220 }}
      />
      <Stack gap={4}>
        <Text size="sm" fw={600} id="forms-applicable">
          {t('documents.forms.applicable')}
        </Text>
        <Group gap="xs" role="group" aria-labelledby="forms-applicable">
          {applicable.map((form) => button(form, true))}
        </Group>
      </Stack>
      {other.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={600} id="forms-other">
            {t('documents.forms.other')}
          </Text>
          <Group gap="xs" role="group" aria-labelledby="forms-other">
            {other.map((form) => button(form, false))}
          </Group>
        </Stack>
      )}
      {failed && <FormError form={failed.form} error={failed.error} onClose={() => setFailed(null)} />}
    </Stack>
  );
}

function FormError({ form, error, onClose }: { form: FormKind; error: unknown; onClose: () => void }) {
  const { t } = useTranslation();
  if (!isApiError(error, 'FORM_NOT_AVAILABLE')) return <ErrorAlert error={error} />;
  return (
    <Alert
      color="orange.9"
      variant="light"
      title={t('documents.forms.notAvailableTitle')}
      withCloseButton
      closeButtonLabel={t('common.close')}
      onClose={onClose}
      data-testid="form-error"
    >
      {t('documents.forms.notAvailable', { form: t(`documents.forms.${form}`) })}
    </Alert>
  );
}
