import { Alert, Button, Input, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { usePublicVerify, useVerifyUpload, type VerifyResult, type VerifyUploadResult } from '../../api/documents';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime, formatFileSize } from '../../i18n/format';
import { Localized } from '../catalog/localized';
import { Facts } from '../dossiers/detail/Facts';
import { fileProblem, formatVerificationCode, groupHex, normaliseVerificationCode, PDF_ACCEPT, verifyPagePath } from './document-text';

/**
 * /verify and /verify/:code, public: anyone holding a document issued through
 * Motcua (on paper, with its QR code, or as a PDF) checks that it is genuine
 * by its verification code, and may compare a PDF file with the issued one.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  usePageTitle(t('documents.verify.pageTitle'));
  const { code: param = '' } = useParams();
  const code = param === '' ? null : normaliseVerificationCode(param);
  const verify = usePublicVerify(code);

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('documents.verify.heading')}</Title>
        <Text>{t('documents.verify.lead')}</Text>
      </Stack>
      <CodeForm key={param} initial={param} invalid={param !== '' && code === null} />
      {/* Status messages (WCAG 4.1.3): the verdict is announced without moving the focus. */}
      <div role="status" aria-live="polite" data-testid="verify-status">
        {code !== null && verify.isPending && <Loader size="sm" aria-label={t('documents.verify.checking')} />}
        {code !== null && verify.isError && <VerifyError error={verify.error} code={formatVerificationCode(code)} />}
        {verify.data && <Verdict result={verify.data} />}
      </div>
      {code !== null && verify.data && <VerifyDetails code={code} result={verify.data} />}
    </Stack>
  );
}

function CodeForm({ initial, invalid }: { initial: string; invalid: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { code: initial === '' ? '' : formatVerificationCode(initial) },
    initialErrors: invalid ? { code: t('documents.verify.codeInvalid') } : {},
  });
  const submit = form.onSubmit((values) => {
    const code = normaliseVerificationCode(values.code);
    if (values.code.trim() === '') {
      form.setFieldError('code', t('validation.required'));
      return;
    }
    if (code === null) {
      form.setFieldError('code', t('documents.verify.codeInvalid'));
      return;
    }
    void navigate(verifyPagePath(code));
  });
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-labelledby="verify-form-heading" data-testid="verify-form">
      <Stack gap="sm">
        <Title order={2} size="h4" id="verify-form-heading">
          {t('documents.verify.formHeading')}
        </Title>
        <TextInput
          label={t('documents.verify.code')}
          description={t('documents.verify.codeHint')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          required
          maxLength={40}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          w={{ base: '100%', xs: 320 }}
          {...form.getInputProps('code')}
        />
        <div>
          <Button type="submit">{t('documents.verify.submit')}</Button>
        </div>
      </Stack>
    </Paper>
  );
}

function VerifyError({ error, code }: { error: unknown; code: string }) {
  const { t } = useTranslation();
  if (isApiError(error) && error.status === 404) {
    return (
      <Alert role="none" color="red" variant="light" title={t('documents.verify.notFoundTitle')} data-testid="verify-not-found">
        <Stack gap={4}>
          <Text size="sm">{t('documents.verify.notFound', { code })}</Text>
          <Text size="sm">{t('documents.verify.notFoundAdvice')}</Text>
        </Stack>
      </Alert>
    );
  }
  if (isApiError(error) && error.status === 429) {
    return (
      <Alert role="none" color="red" variant="light" title={t('errors.title')} data-testid="verify-error">
        {t('documents.verify.rateLimited', { seconds: error.retryAfter ?? 60 })}
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}

/** Mantine's green title on the light green background is below 4.5:1: good news is titled in the text colour (the words say it). */
const GOOD_NEWS = { title: { color: 'var(--mantine-color-text)' } } as const;

/*
 * Alerts below sit inside a live region that is always on the page (announced
 * when their text arrives): they are not alerts of their own (role="none").
 */

/** The answer in one sentence: the code belongs to a document this unit issued. */
function Verdict({ result }: { result: VerifyResult }) {
  const { t } = useTranslation();
  return (
    <Alert role="none" color="green" variant="light" styles={GOOD_NEWS} title={t('documents.verify.genuineTitle')} data-testid="verify-genuine">
      <Stack gap={4}>
        <Text size="sm">
          {t('documents.verify.genuine', { code: formatVerificationCode(result.verificationCode) })}{' '}
          <Localized vi={result.unit.name} en={result.unit.nameEn} />.
        </Text>
        <Text size="sm">{result.signed ? t('documents.verify.genuineSigned') : t('documents.verify.genuineUnsigned')}</Text>
        <Text size="sm">{t('documents.verify.compareAdvice')}</Text>
      </Stack>
    </Alert>
  );
}

function Hash({ value, testId }: { value: string; testId?: string }) {
  return (
    <Text component="span" ff="monospace" size="sm" data-testid={testId} data-value={value.toLowerCase()}>
      {groupHex(value)}
    </Text>
  );
}

function VerifyDetails({ code, result }: { code: string; result: VerifyResult }) {
  const { t } = useTranslation();
  return (
    <>
      <Paper withBorder p="md" component="section" aria-labelledby="verify-result-heading" data-testid="verify-result">
        <Stack gap="sm">
          <Title order={2} size="h3" id="verify-result-heading">
            {t('documents.verify.resultHeading')}
          </Title>
          <Facts
            testId="verify-facts"
            items={[
              [t('documents.verify.verificationCode'), <Text key="c" component="span" ff="monospace">{formatVerificationCode(result.verificationCode)}</Text>],
              [t('documents.verify.kind'), t(`documents.kinds.${result.kind}`)],
              // Titles are written in Vietnamese: marked as such in the English interface (WCAG 3.1.2).
              [t('documents.verify.title'), <Localized key="t" vi={result.title} en={null} />],
              [t('documents.verify.unit'), <Localized key="u" vi={result.unit.name} en={result.unit.nameEn} />],
              [t('documents.verify.dossierCode'), result.dossierCode],
              [t('documents.verify.issuedAt'), formatDateTime(result.issuedAt)],
              [t('documents.verify.signature'), result.signed ? t('documents.verify.signedYes') : t('documents.verify.signedNo')],
              [t('documents.verify.signedBy'), result.signed ? result.signerName : null],
              [t('documents.verify.signedAt'), result.signed && result.signedAt ? formatDateTime(result.signedAt) : null],
              [t('documents.verify.certificate'), result.signed ? result.signerSubject : null],
              [t('documents.verify.sha256'), <Hash key="h" value={result.sha256} testId="verify-sha256" />],
              [t('documents.verify.size'), t('documents.verify.sizeValue', { size: formatFileSize(result.size), bytes: result.size })],
            ]}
          />
        </Stack>
      </Paper>
      <UploadCheck code={code} />
    </>
  );
}

/** Compares a PDF the visitor holds with the issued document, byte for byte, and reads its own signature. */
function UploadCheck({ code }: { code: string }) {
  const { t } = useTranslation();
  const upload = useVerifyUpload(code);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = fileProblem(file, PDF_ACCEPT);
    if (problem !== null || file === null) {
      setFileError(t(`documents.verify.fileProblems.${problem ?? 'required'}`));
      return;
    }
    setFileError(null);
    upload.mutate(file);
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="verify-upload-heading" data-testid="verify-upload">
      <Stack gap="sm">
        <Title order={2} size="h3" id="verify-upload-heading">
          {t('documents.verify.uploadHeading')}
        </Title>
        <Text size="sm">{t('documents.verify.uploadLead')}</Text>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm" align="flex-start">
            <Input.Wrapper
              id="verify-file"
              label={t('documents.verify.file')}
              description={t('documents.verify.fileHint')}
              error={fileError}
              descriptionProps={{ id: 'verify-file-description' }}
              errorProps={{ id: 'verify-file-error' }}
              maw="100%"
            >
              <input
                id="verify-file"
                data-testid="verify-file-input"
                type="file"
                accept="application/pdf,.pdf"
                aria-describedby={fileError ? 'verify-file-description verify-file-error' : 'verify-file-description'}
                aria-invalid={fileError ? true : undefined}
                style={{ display: 'block', maxWidth: '100%', marginTop: 4 }}
                onChange={(event) => {
                  setFile(event.currentTarget.files?.[0] ?? null);
                  setFileError(null);
                  upload.reset();
                }}
              />
            </Input.Wrapper>
            <Button type="submit" loading={upload.isPending}>
              {t('documents.verify.uploadSubmit')}
            </Button>
          </Stack>
        </form>
        <div role="status" aria-live="polite" data-testid="verify-upload-status">
          {upload.data && <UploadAnswer result={upload.data} />}
        </div>
        <ErrorAlert error={upload.error} />
      </Stack>
    </Paper>
  );
}

function signatureText(t: TFunction, signature: VerifyUploadResult['signature']): string {
  if (signature === null || !signature.signed) return t('documents.verify.signatureNone');
  if (!signature.intact) return t('documents.verify.signatureBroken');
  if (!signature.coversWholeDocument) return t('documents.verify.signaturePartial');
  return t('documents.verify.signatureIntact');
}

function UploadAnswer({ result }: { result: VerifyUploadResult }) {
  const { t } = useTranslation();
  const signature = result.signature;
  const signed = signature !== null && signature.signed;
  return (
    <Stack gap="sm" data-testid="verify-upload-result" data-matches={String(result.matches)}>
      {result.matches ? (
        <Alert role="none" color="green" variant="light" styles={GOOD_NEWS} title={t('documents.verify.matchesTitle')} data-testid="verify-matches">
          {t('documents.verify.matches')}
        </Alert>
      ) : (
        <Alert role="none" color="red" variant="light" title={t('documents.verify.differsTitle')} data-testid="verify-differs">
          {t('documents.verify.differs')}
        </Alert>
      )}
      <Facts
        items={[
          [t('documents.verify.fileSha256'), <Hash key="f" value={result.sha256} />],
          [t('documents.verify.expectedSha256'), <Hash key="e" value={result.expectedSha256} />],
        ]}
      />
      <Title order={3} size="h4">
        {t('documents.verify.fileSignatureHeading')}
      </Title>
      <Text size="sm" data-testid="verify-file-signature">
        {signatureText(t, signature)}
      </Text>
      {signed && (
        <Facts
          items={[
            [t('documents.verify.signedBy'), signature.signer],
            [t('documents.verify.signedAt'), signature.signedAt ? formatDateTime(signature.signedAt) : null],
          ]}
        />
      )}
    </Stack>
  );
}
