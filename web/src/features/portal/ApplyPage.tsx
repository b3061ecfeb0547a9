import { Alert, Anchor, Button, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { formTemplateUrl } from '../../api/catalog';
import { isApiError } from '../../api/client';
import {
  useApplicationForm,
  useCreateDraft,
  useDraft,
  useRefreshDraft,
  useSubmitDraft,
  useUpdateDraft,
  type ApplicationForm,
  type Draft,
  type SubmitResult,
} from '../../api/portal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime, formatVnd } from '../../i18n/format';
import { Localized, useLocalize } from '../catalog/localized';
import { settlementText } from '../catalog/procedure-text';
import { Facts } from '../dossiers/detail/Facts';
import { ApplicantStep } from './ApplicantStep';
import {
  applicantErrors,
  applicationValues,
  draftFields,
  dropSubmitKey,
  hasUnsavedChanges,
  keepsIdempotencyKey,
  submissionProblems,
  submitKeyFor,
  type ApplicationValues,
  type LineUploads,
} from './application-form';
import { DocumentUploads } from './DocumentUploads';
import { applyPath, DRAFTS_PATH, myDossierPath, MY_DOSSIERS_PATH } from './paths';
import { SubmitReceipt } from './SubmitReceipt';

const STEPS = ['applicant', 'documents', 'review'] as const;
type StepName = (typeof STEPS)[number];

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * /nop-truc-tuyen/:procedureCode (signed-in citizens): the online application
 * generated from the procedure's ApplicationForm, in three steps — the unit
 * and the applicant, the documents (uploaded as they are chosen), a review
 * with the fees — then the receipt. `?draft=<id>` resumes a draft; the draft
 * is made on the first save and saved on every step change and with "Save
 * draft".
 */
export function ApplyPage() {
  const { t } = useTranslation();
  const { procedureCode = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const draftId = params.get('draft');
  const application = useApplicationForm(procedureCode);
  const draft = useDraft(draftId);
  const localize = useLocalize();
  const created = useRef<string | null>(null);
  const firstStatus = useRef(new Map<string, Draft['status']>());
  usePageTitle(application.data ? t('portal.apply.pageTitle', { name: localize(application.data.procedure.name, application.data.procedure.nameEn) }) : t('portal.apply.heading'));

  if (application.isPending || (draftId !== null && draft.isPending)) return <Loader aria-label={t('common.loading')} />;
  if (application.isError) return <FormUnavailable error={application.error} procedureCode={procedureCode} />;
  if (draft.isError) {
    if (isApiError(draft.error) && draft.error.status === 404) {
      return (
        <Stack align="flex-start">
          <Title order={1}>{t('portal.apply.draftGoneTitle')}</Title>
          <Text>{t('portal.apply.draftGone')}</Text>
          <Group>
            <Button component={Link} to={applyPath(procedureCode)}>
              {t('portal.apply.startNew')}
            </Button>
            <Button component={Link} to={DRAFTS_PATH} variant="default">
              {t('portal.nav.drafts')}
            </Button>
          </Group>
        </Stack>
      );
    }
    return <ErrorAlert error={draft.error} />;
  }
  const loaded = draft.data ?? null;
  if (loaded && loaded.procedure.code !== procedureCode) return <Navigate to={applyPath(loaded.procedure.code, loaded.id)} replace />;
  // A draft submitted before the page opened says where its dossier is; one submitted here shows its receipt (in the wizard).
  if (loaded && !firstStatus.current.has(loaded.id)) firstStatus.current.set(loaded.id, loaded.status);
  if (loaded && firstStatus.current.get(loaded.id) === 'submitted') return <AlreadySubmitted dossierCode={loaded.dossierCode} />;

  // The wizard keeps its state when its own new draft's id comes into the address; another draft starts it afresh.
  const key = draftId !== null && draftId !== created.current ? draftId : 'current';
  return (
    <ApplicationWizard
      key={key}
      application={application.data}
      initialDraft={loaded}
      onCreated={(id) => {
        created.current = id;
        setParams({ draft: id }, { replace: true });
      }}
    />
  );
}

function FormUnavailable({ error, procedureCode }: { error: unknown; procedureCode: string }) {
  const { t } = useTranslation();
  if (isApiError(error, 'PORTAL_NOT_ONLINE') || (isApiError(error) && error.status === 404)) {
    const notOnline = isApiError(error, 'PORTAL_NOT_ONLINE');
    return (
      <Stack align="flex-start">
        <Title order={1}>{notOnline ? t('portal.apply.notOnlineTitle') : t('portal.apply.notFoundTitle')}</Title>
        <Text>{notOnline ? t('portal.apply.notOnline') : t('portal.apply.notFound', { code: procedureCode })}</Text>
        <Button component={Link} to={notOnline ? `/thu-tuc/${encodeURIComponent(procedureCode)}` : '/thu-tuc'}>
          {notOnline ? t('portal.apply.toProcedure') : t('portal.apply.toSearch')}
        </Button>
      </Stack>
    );
  }
  return <ErrorAlert error={error} />;
}

function AlreadySubmitted({ dossierCode }: { dossierCode: string | null }) {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start" data-testid="already-submitted">
      <Title order={1}>{t('portal.apply.submittedTitle')}</Title>
      <Text>{dossierCode ? t('portal.apply.submittedAs', { code: dossierCode }) : t('portal.apply.submittedLead')}</Text>
      <Button component={Link} to={dossierCode ? myDossierPath(dossierCode) : MY_DOSSIERS_PATH}>
        {dossierCode ? t('portal.apply.openDossier') : t('portal.nav.myDossiers')}
      </Button>
    </Stack>
  );
}

/** The uploads of each document line, from the draft as the server has it. */
function linesOf(application: ApplicationForm, draft: Draft | null): LineUploads[] {
  return application.documents.map((document) => ({
    document,
    uploads: draft?.documents.find((d) => d.index === document.index)?.uploads ?? [],
  }));
}

interface WizardProps {
  application: ApplicationForm;
  initialDraft: Draft | null;
  onCreated: (id: string) => void;
}

function ApplicationWizard({ application, initialDraft, onCreated }: WizardProps) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const [draftId, setDraftId] = useState<string | null>(initialDraft?.id ?? null);
  const draftQuery = useDraft(draftId);
  const draft = draftQuery.data ?? initialDraft;
  const create = useCreateDraft();
  const update = useUpdateDraft();
  const refresh = useRefreshDraft();
  const submitMutation = useSubmitDraft();
  const [step, setStep] = useState<StepName>('applicant');
  const [saveError, setSaveError] = useState<unknown>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [documentErrors, setDocumentErrors] = useState<Record<number, string>>({});
  const [stepProblem, setStepProblem] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [receipt, setReceipt] = useState<SubmitResult | null>(null);
  const submitting = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const defaultUnit = application.units.length === 1 ? (application.units[0]?.code ?? null) : null;
  const form = useForm<ApplicationValues>({
    initialValues: applicationValues(initialDraft?.applicant ?? application.applicant, initialDraft?.receivingUnit?.code ?? defaultUnit, application.applicantKinds),
  });
  const lines = linesOf(application, draft);
  const stepIndex = STEPS.indexOf(step);

  const focusedStep = useRef(step);
  useEffect(() => {
    if (focusedStep.current === step) return;
    focusedStep.current = step;
    heading.current?.focus();
  }, [step]);

  async function save(): Promise<Draft | null> {
    setSaveError(null);
    const fields = draftFields(form.values);
    try {
      if (!draft) {
        const made = await create.mutateAsync({ procedureCode: application.procedure.code, ...fields });
        setDraftId(made.id);
        onCreated(made.id);
        setSavedAt(made.updatedAt);
        return made;
      }
      if (!hasUnsavedChanges(draft, form.values)) return draft;
      const saved = await update.mutateAsync({ id: draft.id, version: draft.version, ...fields });
      setSavedAt(saved.updatedAt);
      return saved;
    } catch (error) {
      setSaveError(error);
      return null;
    }
  }

  /** After a conflict: the saved draft replaces what is on the form. */
  async function takeSaved() {
    if (!draft) return;
    const fresh = await refresh(draft.id);
    form.setValues(applicationValues(fresh.applicant, fresh.receivingUnit?.code ?? null, application.applicantKinds));
    form.resetDirty();
    setSaveError(null);
  }

  /** After a conflict: what is on the form is saved over the newer draft. */
  async function keepMine() {
    if (!draft) return;
    const fresh = await refresh(draft.id);
    try {
      const saved = await update.mutateAsync({ id: fresh.id, version: fresh.version, ...draftFields(form.values) });
      setSavedAt(saved.updatedAt);
      setSaveError(null);
    } catch (error) {
      setSaveError(error);
    }
  }

  function applicantStepErrors(): Record<string, string> {
    const errors: Record<string, string> = { ...applicantErrors(form.values) } as Record<string, string>;
    if (form.values.receivingUnitCode.trim() === '') errors.receivingUnitCode = t('validation.required');
    return errors;
  }

  function documentStepErrors(): Record<number, string> {
    const errors: Record<number, string> = {};
    for (const line of lines) {
      if (line.uploads.some((u) => u.status !== 'complete')) errors[line.document.index] = t('portal.apply.unfinishedUpload');
      else if (line.document.mandatory && !line.uploads.some((u) => u.status === 'complete')) errors[line.document.index] = t('portal.apply.documentRequired');
    }
    return errors;
  }

  function focusFirstError() {
    requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  async function go(to: StepName) {
    setStepProblem(null);
    const forward = STEPS.indexOf(to) > stepIndex;
    if (forward && step === 'applicant') {
      const errors = applicantStepErrors();
      form.setErrors(errors);
      if (Object.keys(errors).length > 0) {
        await save();
        setStepProblem(t('portal.apply.fixApplicant'));
        focusFirstError();
        return;
      }
    }
    if (forward && step === 'documents') {
      const errors = documentStepErrors();
      setDocumentErrors(errors);
      if (Object.keys(errors).length > 0) {
        setStepProblem(t('portal.apply.fixDocuments'));
        focusFirstError();
        return;
      }
    }
    const saved = await save();
    if (!saved) return;
    setStep(to);
  }

  async function submit() {
    if (submitting.current) return;
    submitting.current = true;
    setSubmitError(null);
    try {
      const saved = await save();
      if (!saved) return;
      const fresh = await refresh(saved.id);
      if (submissionProblems(form.values, linesOf(application, fresh)) !== null) {
        setSubmitError(null);
        setStepProblem(t('portal.apply.notReady'));
        return;
      }
      const storage = browserStorage();
      const idempotencyKey = submitKeyFor(fresh.id, storage);
      try {
        const result = await submitMutation.mutateAsync({ id: fresh.id, version: fresh.version, idempotencyKey });
        dropSubmitKey(fresh.id, storage);
        setReceipt(result);
      } catch (error) {
        if (isApiError(error) && !keepsIdempotencyKey(error.status)) dropSubmitKey(fresh.id, storage);
        setSubmitError(error);
        if (isApiError(error, 'PORTAL_DRAFT_INCOMPLETE')) setStep('applicant');
        if (isApiError(error, 'PORTAL_DOCUMENTS_MISSING') || isApiError(error, 'PORTAL_UPLOADS_INCOMPLETE')) {
          await refresh(fresh.id);
          setStep('documents');
        }
        if (isApiError(error, 'VERSION_CONFLICT')) await refresh(fresh.id);
      }
    } finally {
      submitting.current = false;
    }
  }

  if (receipt) return <SubmitReceipt receipt={receipt} procedureName={localize(application.procedure.name, application.procedure.nameEn)} />;

  const problems = step === 'review' ? submissionProblems(form.values, lines) : null;
  const saving = create.isPending || update.isPending;
  const submittedElsewhere = isApiError(submitError, 'PORTAL_DRAFT_SUBMITTED') ? submitError : null;

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Anchor component={Link} to={`/thu-tuc/${encodeURIComponent(application.procedure.code)}`} size="sm">
          <span aria-hidden="true">← </span>
          {t('portal.apply.backToProcedure')}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t('portal.apply.heading')}
        </Text>
        <Title order={1}>
          <Localized vi={application.procedure.name} en={application.procedure.nameEn} />
        </Title>
        <Text size="sm">
          {t(`portal.apply.level.${application.procedure.onlineLevel}`)} · {settlementText(t, application.procedure.settlement)}
        </Text>
      </Stack>

      <nav aria-label={t('portal.apply.stepsLabel')}>
        <ol style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', margin: 0, padding: 0, listStyle: 'none' }}>
          {STEPS.map((name, i) => (
            <li key={name} aria-current={name === step ? 'step' : undefined} style={{ fontWeight: name === step ? 700 : 400, borderBottom: name === step ? '3px solid var(--mantine-color-blue-8)' : '3px solid transparent' }}>
              {t('portal.apply.stepNumber', { number: i + 1, total: STEPS.length })} {t(`portal.apply.steps.${name}`)}
            </li>
          ))}
        </ol>
      </nav>

      <Paper withBorder p="md" component="section" aria-labelledby="apply-step-heading">
        <Stack gap="md">
          <Title order={2} size="h3" id="apply-step-heading" ref={heading} tabIndex={-1}>
            {t(`portal.apply.steps.${step}`)}
          </Title>

          {step === 'applicant' && <ApplicantStep form={form} application={application} />}

          {step === 'documents' && draft && (
            <Stack gap="lg">
              <Text size="sm">{t('portal.apply.documentsLead')}</Text>
              {lines.map((line) => (
                <DocumentUploads
                  key={line.document.index}
                  target={{ draftId: draft.id }}
                  line={{
                    ...line.document,
                    detail: `${t(`catalog.documentForms.${line.document.form}`)} · ${t('catalog.detail.docQuantity', { count: line.document.quantity })}`,
                  }}
                  uploads={line.uploads}
                  limits={application.limits}
                  onChanged={async () => {
                    await refresh(draft.id);
                    setDocumentErrors((errors) => Object.fromEntries(Object.entries(errors).filter(([index]) => index !== String(line.document.index))));
                  }}
                  error={documentErrors[line.document.index] ?? null}
                >
                  {line.document.templateId && (
                    <Anchor href={formTemplateUrl(application.procedure.code, line.document.templateId)} size="sm">
                      {t('portal.apply.template')}
                    </Anchor>
                  )}
                </DocumentUploads>
              ))}
            </Stack>
          )}

          {step === 'review' && <Review application={application} values={form.values} lines={lines} problems={problems} />}

          {stepProblem && (
            <Alert color="red" variant="light" role="alert" data-testid="step-problem">
              {stepProblem}
            </Alert>
          )}
          <SaveError error={saveError} onTakeSaved={() => void takeSaved()} onKeepMine={() => void keepMine()} />
          {submittedElsewhere ? <SubmittedElsewhere dossierCode={typeof submittedElsewhere.details.dossierCode === 'string' ? submittedElsewhere.details.dossierCode : null} /> : <ErrorAlert error={submitError} />}

          <Group justify="space-between" gap="sm">
            <Group gap="sm">
              {stepIndex > 0 && (
                <Button variant="default" onClick={() => void go(STEPS[stepIndex - 1] ?? 'applicant')} disabled={submitMutation.isPending}>
                  {t('portal.apply.back')}
                </Button>
              )}
              {step !== 'review' ? (
                <Button onClick={() => void go(STEPS[stepIndex + 1] ?? 'review')} loading={saving}>
                  {t('portal.apply.next')}
                </Button>
              ) : (
                <Button onClick={() => void submit()} loading={submitMutation.isPending || saving} disabled={problems !== null} data-testid="submit-application">
                  {t('portal.apply.submit')}
                </Button>
              )}
            </Group>
            <Button variant="default" onClick={() => void save()} loading={saving && step !== 'review'} data-testid="save-draft">
              {t('portal.apply.saveDraft')}
            </Button>
          </Group>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="save-status">
            {savedAt ? t('portal.apply.savedAt', { time: formatDateTime(savedAt) }) : draft ? t('portal.apply.draftKept') : t('portal.apply.notSavedYet')}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}

/** The draft was submitted meanwhile (another tab, another device): where the dossier is. */
function SubmittedElsewhere({ dossierCode }: { dossierCode: string | null }) {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="light" role="alert" title={t('portal.apply.submittedTitle')} data-testid="submitted-elsewhere">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{dossierCode ? t('portal.apply.submittedAs', { code: dossierCode }) : t('portal.apply.submittedLead')}</Text>
        <Anchor component={Link} to={dossierCode ? myDossierPath(dossierCode) : MY_DOSSIERS_PATH} size="sm">
          {dossierCode ? t('portal.apply.openDossier') : t('portal.nav.myDossiers')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

function SaveError({ error, onTakeSaved, onKeepMine }: { error: unknown; onTakeSaved: () => void; onKeepMine: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (isApiError(error, 'VERSION_CONFLICT')) {
    return (
      <Alert color="blue" variant="light" role="alert" title={t('portal.apply.conflictTitle')} data-testid="draft-conflict">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t('portal.apply.conflict')}</Text>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={onTakeSaved}>
              {t('portal.apply.takeSaved')}
            </Button>
            <Button size="xs" onClick={onKeepMine}>
              {t('portal.apply.keepMine')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
  return <ErrorAlert error={error} />;
}

function Review({
  application,
  values,
  lines,
  problems,
}: {
  application: ApplicationForm;
  values: ApplicationValues;
  lines: LineUploads[];
  problems: ReturnType<typeof submissionProblems>;
}) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const unit = application.units.find((u) => u.code === values.receivingUnitCode);
  const p = values.person;
  const o = values.organisation;
  const applicantFacts: [string, string | null][] =
    values.kind === 'person'
      ? [
          [t('dossiers.applicant.fullName'), p.fullName || null],
          [t('dossiers.applicant.idNumber'), p.idNumber || null],
          [t('dossiers.applicant.birthDate'), p.birthDate || null],
          [t('dossiers.applicant.address'), p.address || null],
          [t('dossiers.applicant.phone'), p.phone || null],
          [t('dossiers.applicant.email'), p.email || null],
        ]
      : [
          [t('dossiers.applicant.name'), o.name || null],
          [t('dossiers.applicant.taxCode'), o.taxCode || null],
          [t('dossiers.applicant.representative'), o.representative || null],
          [t('dossiers.applicant.address'), o.address || null],
          [t('dossiers.applicant.phone'), o.phone || null],
          [t('dossiers.applicant.email'), o.email || null],
        ];
  const total = application.fees.reduce((sum, fee) => sum + fee.amountVnd, 0);

  return (
    <Stack gap="md" data-testid="application-review">
      <Text size="sm">{t('portal.apply.reviewLead')}</Text>
      <Facts
        items={[
          [t('portal.apply.unit'), unit ? localize(unit.name, unit.nameEn) : t('common.none')],
          [t('portal.apply.applicantKind'), t(`dossiers.applicantKinds.${values.kind}`)],
          ...applicantFacts,
        ]}
      />
      <Stack gap={4}>
        <Title order={3} size="h5">
          {t('portal.apply.reviewDocuments')}
        </Title>
        <List size="sm" spacing={4}>
          {lines.map((line) => {
            const done = line.uploads.filter((u) => u.status === 'complete');
            return (
              <List.Item key={line.document.index}>
                <Localized vi={line.document.name} en={line.document.nameEn} />
                {': '}
                {done.length > 0 ? done.map((u) => u.fileName).join(', ') : line.document.mandatory ? t('portal.apply.noFileMandatory') : t('portal.apply.noFile')}
              </List.Item>
            );
          })}
        </List>
      </Stack>
      <Stack gap={4} data-testid="application-fees">
        <Title order={3} size="h5">
          {t('portal.apply.fees')}
        </Title>
        {application.fees.length === 0 ? (
          <Text size="sm">{t('catalog.detail.noFees')}</Text>
        ) : (
          <Facts items={application.fees.map((fee) => [localize(fee.label, fee.labelEn), fee.amountVnd === 0 ? t('catalog.detail.free') : formatVnd(fee.amountVnd)] as const)} />
        )}
        {application.fees.length > 1 && <Text size="sm">{t('portal.apply.feesTotal', { amount: formatVnd(total) })}</Text>}
        {application.feeNote && (
          <Text size="sm" lang="vi">
            {application.feeNote}
          </Text>
        )}
        {total > 0 && <Text size="sm">{t('portal.apply.feesWhen')}</Text>}
      </Stack>
      <Text size="sm">{application.resultOnline ? t('portal.apply.resultOnline') : t('portal.apply.resultAtDesk')}</Text>
      {problems && (
        <Alert color="blue" variant="light" title={t('portal.apply.notReady')} data-testid="review-problems">
          <List size="sm">
            {problems.unitMissing && <List.Item>{t('portal.apply.problemUnit')}</List.Item>}
            {Object.keys(problems.applicant).length > 0 && <List.Item>{t('portal.apply.problemApplicant')}</List.Item>}
            {problems.documentsMissing.map((d) => (
              <List.Item key={d.index}>{t('portal.apply.problemDocument', { name: localize(d.name, d.nameEn) })}</List.Item>
            ))}
            {problems.unfinished.length > 0 && <List.Item>{t('portal.apply.problemUnfinished')}</List.Item>}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
