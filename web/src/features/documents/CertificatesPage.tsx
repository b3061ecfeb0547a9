import { Alert, Badge, Button, Input, Loader, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CertificateUpload } from '../../../../contracts/documents';
import { isApiError } from '../../api/client';
import { useCertificates, useUploadCertificate, type Certificate } from '../../api/documents';
import { useUnits } from '../../api/org';
import { useSignedInMe } from '../../app/me-context';
import { schemaValidator } from '../../components/contract-form';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/PasswordField';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../i18n/format';
import { useLocalize } from '../catalog/localized';
import { TableRegion } from '../catalog/TableRegion';
import { flattenUnitTree, unitOptions } from '../org/unit-tree';
import { certificateState, fileProblem, fileToBase64, groupHex, P12_ACCEPT, type CertificateState } from './document-text';

/** /staff/certificates (documents.admin): the signing certificates of a unit, and the upload of a new one. */
export function CertificatesPage() {
  const { t } = useTranslation();
  usePageTitle(t('documents.certificates.pageTitle'));
  const me = useSignedInMe();
  const localize = useLocalize();
  const units = useUnits();
  const rows = flattenUnitTree(units.data ?? []);
  const [picked, setPicked] = useState<string | null>(null);
  const fallback = rows.find((row) => row.unit.id === me.staff.unitId)?.unit.id ?? rows[0]?.unit.id ?? null;
  const unitId = picked ?? fallback;
  const unit = rows.find((row) => row.unit.id === unitId)?.unit;

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{t('documents.certificates.heading')}</Title>
        <Text c="dimmed">{t('documents.certificates.lead')}</Text>
      </Stack>
      <ErrorAlert error={units.error} />
      {units.isPending && <Loader aria-label={t('common.loading')} />}
      {rows.length > 0 && (
        <Select
          label={t('documents.certificates.unit')}
          data={unitOptions(rows)}
          value={unitId}
          onChange={(value) => setPicked(value)}
          searchable
          allowDeselect={false}
          nothingFoundMessage={t('documents.certificates.noUnitFound')}
          w={{ base: '100%', sm: 420 }}
        />
      )}
      {unitId !== null && unit && (
        <>
          <CertificateList key={`list-${unitId}`} unitId={unitId} unitName={localize(unit.name, unit.nameEn)} />
          <UploadForm key={`upload-${unitId}`} unitId={unitId} unitName={localize(unit.name, unit.nameEn)} />
        </>
      )}
    </Stack>
  );
}

const STATE_COLORS: Record<CertificateState, string> = {
  active: 'teal.9',
  retired: 'gray.7',
  expired: 'red.9',
  notYetValid: 'orange.9',
};

function StateBadge({ cert }: { cert: Certificate }) {
  const { t } = useTranslation();
  const state = certificateState(cert, new Date());
  return (
    <Stack gap={2}>
      <Badge color={STATE_COLORS[state]} variant="outline" tt="none" style={{ minWidth: 'max-content' }} data-state={state}>
        {t(`documents.certificates.states.${state}`)}
      </Badge>
      {cert.retiredAt && (
        <Text size="xs" c="dimmed">
          {t('documents.certificates.retiredAt', { at: formatDateTime(cert.retiredAt) })}
        </Text>
      )}
    </Stack>
  );
}

function CertificateList({ unitId, unitName }: { unitId: string; unitName: string }) {
  const { t } = useTranslation();
  const certificates = useCertificates(unitId);
  const items = certificates.data ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="certificates-heading">
      <Title order={2} size="h4" id="certificates-heading" mb="xs">
        {t('documents.certificates.listHeading', { unit: unitName })}
      </Title>
      <ErrorAlert error={certificates.error} />
      {certificates.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {certificates.data && items.length === 0 && (
        <Text size="sm" data-testid="certificates-empty">
          {t('documents.certificates.empty')}
        </Text>
      )}
      {items.length > 0 && (
        <TableRegion label={t('documents.certificates.tableCaption', { unit: unitName })}>
          <Table striped verticalSpacing={6} miw={980} data-testid="certificates-table">
            <Table.Caption>{t('documents.certificates.tableCaption', { unit: unitName })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('documents.certificates.subject')}</Table.Th>
                <Table.Th scope="col">{t('documents.certificates.issuer')}</Table.Th>
                <Table.Th scope="col">{t('documents.certificates.validity')}</Table.Th>
                <Table.Th scope="col">{t('documents.certificates.fingerprint')}</Table.Th>
                <Table.Th scope="col">{t('documents.certificates.signer')}</Table.Th>
                <Table.Th scope="col">{t('common.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((cert) => (
                <Table.Tr key={cert.id} data-certificate-id={cert.id} data-active={String(cert.active)}>
                  <Table.Th scope="row" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {cert.subject}
                  </Table.Th>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{cert.issuer}</Table.Td>
                  <Table.Td>{t('documents.certificates.validityRange', { from: formatDateTime(cert.notBefore), to: formatDateTime(cert.notAfter) })}</Table.Td>
                  <Table.Td maw={220}>
                    <Text ff="monospace" size="xs" data-value={cert.fingerprint}>
                      {groupHex(cert.fingerprint)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{cert.signerName}</Text>
                    <Text size="xs" c="dimmed">
                      {cert.signerTitle}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StateBadge cert={cert} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableRegion>
      )}
    </Paper>
  );
}

/** The fields typed in the form; the file is kept apart and sent as base64. */
const UploadFields = CertificateUpload.omit({ p12: true });

/** The server's refusals of a certificate, shown on the field they are about. */
const CERTIFICATE_ERRORS = {
  CERTIFICATE_INVALID: { field: 'file', key: 'invalid' },
  CERTIFICATE_EXPIRED: { field: 'file', key: 'expired' },
  CERTIFICATE_PASSWORD_WRONG: { field: 'password', key: 'passwordWrong' },
} as const;

function isCertificateError(code: string): code is keyof typeof CERTIFICATE_ERRORS {
  return Object.hasOwn(CERTIFICATE_ERRORS, code);
}

function UploadForm({ unitId, unitName }: { unitId: string; unitName: string }) {
  const { t } = useTranslation();
  const upload = useUploadCertificate(unitId);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  // A new key empties the file input after an upload.
  const [fileKey, setFileKey] = useState(0);
  const [reading, setReading] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [mappedError, setMappedError] = useState(false);
  const form = useForm({
    initialValues: { password: '', signerName: '', signerTitle: '' },
    validate: schemaValidator(UploadFields),
  });

  const send = async (values: typeof form.values) => {
    const problem = fileProblem(file, P12_ACCEPT);
    if (problem !== null || file === null) {
      setFileError(t(`documents.certificates.fileProblems.${problem ?? 'required'}`));
      return;
    }
    setReading(true);
    let p12: string;
    try {
      p12 = await fileToBase64(file);
    } catch {
      setFileError(t('documents.certificates.fileProblems.unreadable'));
      return;
    } finally {
      setReading(false);
    }
    upload.mutate(
      { p12, password: values.password, signerName: values.signerName.trim(), signerTitle: values.signerTitle.trim() },
      {
        onSuccess: (cert) => {
          form.reset();
          setFile(null);
          setFileKey((k) => k + 1);
          setNotice(t('documents.certificates.uploaded', { subject: cert.subject, unit: unitName }));
        },
        onError: (error) => {
          if (isApiError(error) && isCertificateError(error.code)) {
            const { field, key } = CERTIFICATE_ERRORS[error.code];
            const message = t(`documents.certificates.errors.${key}`);
            if (field === 'file') setFileError(message);
            else form.setFieldError('password', message);
            setMappedError(true);
          }
        },
      },
    );
  };

  const submit = form.onSubmit(
    (values) => {
      void send(values);
    },
    () => {
      // Report a missing file together with the other fields.
      const problem = fileProblem(file, P12_ACCEPT);
      if (problem !== null) setFileError(t(`documents.certificates.fileProblems.${problem}`));
    },
  );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="certificate-upload-heading">
      <Title order={2} size="h4" id="certificate-upload-heading" mb="xs">
        {t('documents.certificates.uploadHeading')}
      </Title>
      <Text size="sm" mb="sm">
        {t('documents.certificates.uploadLead', { unit: unitName })}
      </Text>
      <div role="status">
        {notice && (
          <Alert color="green" variant="light" role="none" mb="sm" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setNotice(null)} data-testid="certificate-notice">
            {notice}
          </Alert>
        )}
      </div>
      <form
        noValidate
        data-testid="certificate-upload-form"
        onSubmit={(event) => {
          setNotice(null);
          setMappedError(false);
          upload.reset();
          submit(event);
        }}
      >
        <Stack gap="sm" maw={520}>
          <Input.Wrapper
            id="certificate-file"
            label={t('documents.certificates.file')}
            description={t('documents.certificates.fileHint')}
            error={fileError}
            required
            descriptionProps={{ id: 'certificate-file-description' }}
            errorProps={{ id: 'certificate-file-error' }}
          >
            <input
              key={fileKey}
              id="certificate-file"
              data-testid="certificate-file-input"
              type="file"
              accept=".p12,.pfx,application/x-pkcs12"
              required
              aria-describedby={fileError ? 'certificate-file-description certificate-file-error' : 'certificate-file-description'}
              aria-invalid={fileError ? true : undefined}
              style={{ display: 'block', maxWidth: '100%', marginTop: 4 }}
              onChange={(event) => {
                setFile(event.currentTarget.files?.[0] ?? null);
                setFileError(null);
              }}
            />
          </Input.Wrapper>
          <PasswordField label={t('documents.certificates.password')} description={t('documents.certificates.passwordHint')} autoComplete="new-password" required {...form.getInputProps('password')} />
          <TextInput label={t('documents.certificates.signerName')} description={t('documents.certificates.signerNameHint')} autoComplete="off" required {...form.getInputProps('signerName')} />
          <TextInput
            label={t('documents.certificates.signerTitle')}
            description={t('documents.certificates.signerTitleHint')}
            placeholder={t('documents.certificates.signerTitlePlaceholder')}
            autoComplete="off"
            required
            {...form.getInputProps('signerTitle')}
          />
          {!mappedError && <ErrorAlert error={upload.error} />}
          <div>
            <Button type="submit" loading={reading || upload.isPending}>
              {t('documents.certificates.upload')}
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
