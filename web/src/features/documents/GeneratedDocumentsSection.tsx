import { Alert, Anchor, Badge, Button, Group, Loader, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { generatedDocumentUrl, useDownloadForm, useGeneratedDocuments, type FormKind, type GeneratedDocument } from '../../api/documents';
import type { Dossier } from '../../api/dossiers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage, LANGUAGES, type Language } from '../../i18n';
import { formatDateTime, formatFileSize } from '../../i18n/format';
import classes from '../catalog/catalog.module.css';
import { Localized } from '../catalog/localized';
import { Facts } from '../dossiers/detail/Facts';
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
  // A list rather than a table: it fits the page's narrow column and a phone.
  return (
    <ul className={classes.plainList} aria-label={t('documents.dossier.listLabel')} data-testid="generated-documents">
      {documents.data.map((doc) => (
        <GeneratedDocumentItem key={doc.id} code={code} doc={doc} />
      ))}
    </ul>
  );
}

function GeneratedDocumentItem({ code, doc }: { code: string; doc: GeneratedDocument }) {
  const { t } = useTranslation();
  const verification = formatVerificationCode(doc.verificationCode);
  const download = t('documents.dossier.download', { size: formatFileSize(doc.size) });
  const headingId = `generated-document-${doc.id}`;
  return (
    <li data-document-id={doc.id} data-kind={doc.kind} data-signed={String(doc.signed)}>
      <Paper withBorder p="sm" radius="sm">
        <Stack gap={6}>
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Title order={3} size="h5" id={headingId}>
              <Localized vi={doc.title} en={null} />
            </Title>
            <SignedBadge signed={doc.signed} />
          </Group>
          <Facts
            items={[
              [t('documents.dossier.kind'), t(`documents.kinds.${doc.kind}`)],
              [t('documents.dossier.signer'), doc.signed ? (doc.signerName ?? t('common.none')) : null],
              [t('documents.dossier.signedAt'), doc.signed && doc.signedAt ? formatDateTime(doc.signedAt) : null],
              [t('documents.dossier.createdAt'), formatDateTime(doc.createdAt)],
              [
                t('documents.dossier.verificationCode'),
                <Anchor
                  key="code"
                  component={Link}
                  to={verifyPagePath(doc.verificationCode)}
                  ff="monospace"
                  style={{ whiteSpace: 'nowrap' }}
                  aria-label={t('documents.dossier.verifyLink', { code: verification, title: doc.title })}
                  data-testid="verification-link"
                >
                  {verification}
                </Anchor>,
              ],
            ]}
          />
          <div>
            <Anchor href={generatedDocumentUrl(code, doc.id)} size="sm" aria-label={t('documents.dossier.downloadFor', { label: download, title: doc.title })} data-testid="document-download">
              {download}
            </Anchor>
          </div>
        </Stack>
      </Paper>
    </li>
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
      // The forms' names are long: on a phone they wrap instead of being cut.
      h="auto"
      mih={30}
      py={4}
      maw="100%"
      styles={{ label: { whiteSpace: 'normal', textAlign: 'left', lineHeight: 1.3 } }}
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
      color="orange"
      variant="light"
      // Mantine's orange title on its light background is below 4.5:1.
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
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
