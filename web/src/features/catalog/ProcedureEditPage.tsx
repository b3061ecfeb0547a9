import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  List,
  Loader,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import {
  APPLICANT_TYPES,
  COURTESY_LETTERS,
  ONLINE_LEVELS,
  PROCEDURE_LEVELS,
  ProcedureInput,
  SETTLEMENT_KINDS,
  SettlementTime,
} from '../../../../contracts/catalog';
import { useSignedInMe } from '../../app/me-context';
import {
  adminFormTemplateUrl,
  formContentType,
  useAdminProcedure,
  useCatalogFields,
  useDeleteForm,
  useProcedureDetail,
  useSaveProcedure,
  useUploadForm,
  type AdminProcedure,
  type FormTemplate,
} from '../../api/catalog';
import { isApiError } from '../../api/client';
import { useUnits } from '../../api/org';
import { can, PERMISSIONS } from '../../api/schemas';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatFileSize } from '../../i18n/format';
import { DocumentsEditor } from './DocumentsEditor';
import { FeesEditor } from './FeesEditor';
import { useLocalize } from './localized';
import { serverFieldErrors, toBody, toFormValues, validateProcedure, type ProcedureFormValues } from './procedure-form';
import { procedurePath } from './ProcedureSearchPage';
import { settlementText } from './procedure-text';
import { staffProcedurePath } from './ProceduresAdminPage';
import { StepPlanEditor } from './StepPlanEditor';
import { StatusNotice } from '../../components/StatusNotice';

/** Route state carried from "create" to the new procedure's page. */
interface CreatedState {
  created?: string;
}

/** Create (`/staff/procedures/new`) or edit (`/staff/procedures/:code`) a procedure; read-only without catalog.write. */
export function ProcedureEditPage() {
  const { code } = useParams();
  const { t } = useTranslation();
  const procedure = useAdminProcedure(code);
  const [reloads, setReloads] = useState(0);

  if (code === undefined) return <ProcedureEditor key="new" />;
  if (procedure.isPending) return <Loader aria-label={t('common.loading')} />;
  if (procedure.isError) {
    return (
      <Stack gap="md" align="flex-start">
        <BackLink />
        <ErrorAlert error={procedure.error} />
      </Stack>
    );
  }
  return (
    <ProcedureEditor
      key={`${procedure.data.code}-${String(reloads)}`}
      procedure={procedure.data}
      onReload={() => {
        void procedure.refetch().then(() => setReloads((n) => n + 1));
      }}
    />
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/staff/procedures" size="sm">
      <span aria-hidden="true">← </span>
      {t('procedureAdmin.backToList')}
    </Anchor>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function ProcedureEditor({ procedure, onReload }: { procedure?: AdminProcedure; onReload?: () => void }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const me = useSignedInMe();
  const canWrite = can(me, PERMISSIONS.catalogWrite);
  const navigate = useNavigate();
  const location = useLocation();
  const save = useSaveProcedure();
  const fields = useCatalogFields();
  const units = useUnits(can(me, PERMISSIONS.unitsRead));
  const [version, setVersion] = useState(procedure?.version ?? 0);
  const [status, setStatus] = useState<string | null>(
    (location.state as CreatedState | null)?.created
      ? t('procedureAdmin.created', { name: (location.state as CreatedState).created })
      : null,
  );

  const form = useForm<ProcedureFormValues>({
    mode: 'controlled',
    initialValues: toFormValues(procedure),
    validate: validateProcedure,
  });
  const values = form.getValues();

  const title = procedure
    ? canWrite
      ? t('procedureAdmin.editTitle', { name: localize(procedure.name, procedure.nameEn) })
      : t('procedureAdmin.viewTitle', { name: localize(procedure.name, procedure.nameEn) })
    : t('procedureAdmin.createTitle');
  usePageTitle(title);

  /** Moves the keyboard focus to the first field in error (the first share when only the total is wrong). */
  const focusFirstError = (errors: Record<string, unknown>) => {
    const node = Object.keys(errors)
      .map((path) => form.getInputNode(path === 'stepPlan' ? 'stepPlan.0.sharePercent' : path))
      .find((input) => input !== null);
    node?.focus();
  };

  const submit = form.onSubmit(
    (formValues) => {
      setStatus(null);
      const input = ProcedureInput.parse(toBody(formValues));
      const request = procedure ? { mode: 'update' as const, version, input } : { mode: 'create' as const, input };
      save.mutate(request, {
        onSuccess: (saved) => {
          if (!procedure) {
            void navigate(staffProcedurePath(saved.code), { replace: true, state: { created: saved.name } satisfies CreatedState });
            return;
          }
          setVersion(saved.version);
          form.setValues(toFormValues(saved));
          form.resetDirty();
          setStatus(t('procedureAdmin.saved', { name: localize(saved.name, saved.nameEn) }));
        },
        onError: (error) => {
          if (isApiError(error, 'VALIDATION_FAILED')) {
            const errors = serverFieldErrors(error.details);
            form.setErrors(errors);
            focusFirstError(errors);
          }
        },
      });
    },
    (errors) => {
      setStatus(null);
      focusFirstError(errors);
    },
  );

  const hasErrors = Object.keys(form.errors).length > 0;
  const settlementPreview = SettlementTime.safeParse((toBody(values) as { settlement: unknown }).settlement);

  const unitOptions = (units.data ?? []).map((unit) => ({ value: unit.code, label: `${unit.name} (${unit.code})` }));
  for (const unitCode of values.unitCodes) {
    if (!unitOptions.some((option) => option.value === unitCode)) unitOptions.push({ value: unitCode, label: unitCode });
  }
  const fieldOptions = (fields.data ?? []).map((field) => ({ value: field.code, label: localize(field.name, field.nameEn) }));
  if (values.field && !fieldOptions.some((option) => option.value === values.field)) {
    fieldOptions.push({ value: values.field, label: values.field });
  }

  return (
    <Stack gap="md" maw={1100}>
      <Stack gap={4}>
        <BackLink />
        <Title order={1}>{title}</Title>
        {procedure?.active && (
          <Anchor component={Link} to={procedurePath(procedure.code)} size="sm">
            {t('procedureAdmin.publicPage')}
          </Anchor>
        )}
      </Stack>

      <StatusNotice message={status} onClose={() => setStatus(null)} />
      {!canWrite && (
        <Alert color="gray" variant="light">
          {t('procedureAdmin.readOnly')}
        </Alert>
      )}

      <form onSubmit={submit} noValidate>
        <fieldset disabled={!canWrite} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="md">
            <Section id="general-heading" title={t('procedureAdmin.sections.general')}>
              <Stack gap="sm">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput
                    label={t('procedureAdmin.fields.code')}
                    description={t('procedureAdmin.fields.codeHint')}
                    required
                    readOnly={procedure !== undefined}
                    variant={procedure ? 'filled' : 'default'}
                    autoComplete="off"
                    spellCheck={false}
                    {...form.getInputProps('code')}
                  />
                  <NativeSelect
                    label={t('procedureAdmin.fields.field')}
                    required
                    data={[{ value: '', label: '' }, ...fieldOptions]}
                    {...form.getInputProps('field')}
                  />
                </SimpleGrid>
                <TextInput label={t('procedureAdmin.fields.name')} required autoComplete="off" {...form.getInputProps('name')} />
                <TextInput label={t('procedureAdmin.fields.nameEn')} lang="en" autoComplete="off" {...form.getInputProps('nameEn')} />
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                  <NativeSelect
                    label={t('procedureAdmin.fields.level')}
                    required
                    data={PROCEDURE_LEVELS.map((value) => ({ value, label: t(`catalog.levels.${value}`) }))}
                    {...form.getInputProps('level')}
                  />
                  <NativeSelect
                    label={t('procedureAdmin.fields.applicantType')}
                    data={APPLICANT_TYPES.map((value) => ({ value, label: t(`catalog.applicantTypes.${value}`) }))}
                    {...form.getInputProps('applicantType')}
                  />
                  <NativeSelect
                    label={t('procedureAdmin.fields.onlineLevel')}
                    data={ONLINE_LEVELS.map((value) => ({ value, label: t(`catalog.online.${value}`) }))}
                    {...form.getInputProps('onlineLevel')}
                  />
                </SimpleGrid>
                <TextInput label={t('procedureAdmin.fields.resultType')} autoComplete="off" {...form.getInputProps('resultType')} />
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <NativeSelect
                    label={t('procedureAdmin.fields.courtesyLetter')}
                    data={COURTESY_LETTERS.map((value) => ({ value, label: t(`procedureAdmin.courtesyLetters.${value}`) }))}
                    {...form.getInputProps('courtesyLetter')}
                  />
                  <Checkbox
                    label={t('procedureAdmin.fields.homeServiceEligible')}
                    mt={{ base: 0, sm: 30 }}
                    {...form.getInputProps('homeServiceEligible', { type: 'checkbox' })}
                  />
                </SimpleGrid>
                <NumberInput
                  label={t('procedureAdmin.fields.supplementDays')}
                  description={t('procedureAdmin.fields.supplementDaysHint')}
                  min={1}
                  max={365}
                  allowDecimal={false}
                  w={{ base: '100%', sm: 260 }}
                  {...form.getInputProps('supplementDays')}
                />
                <Switch label={t('procedureAdmin.fields.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
              </Stack>
            </Section>

            <Section id="units-heading" title={t('procedureAdmin.sections.units')}>
              <MultiSelect
                label={t('procedureAdmin.fields.unitCodes')}
                description={t('procedureAdmin.fields.unitCodesHint')}
                data={unitOptions}
                searchable
                clearable
                {...form.getInputProps('unitCodes')}
              />
            </Section>

            <Section id="settlement-heading" title={t('procedureAdmin.sections.settlement')}>
              <SettlementFields form={form} />
              {settlementPreview.success && (
                <Text size="sm" mt="xs" c="dimmed">
                  {settlementText(t, settlementPreview.data, { withCutoff: true })}
                </Text>
              )}
            </Section>

            <Section id="fees-heading" title={t('procedureAdmin.sections.fees')}>
              <Stack gap="sm">
                <FeesEditor form={form} />
                <Textarea label={t('procedureAdmin.fields.feeNote')} autosize minRows={2} {...form.getInputProps('feeNote')} />
              </Stack>
            </Section>

            <TemplatesAndDocuments form={form} procedure={procedure} canWrite={canWrite} />

            <Section id="legal-heading" title={t('procedureAdmin.sections.legal')}>
              <Textarea label={t('procedureAdmin.fields.legalBasis')} autosize minRows={3} {...form.getInputProps('legalBasis')} />
            </Section>

            <Section id="steps-heading" title={t('procedureAdmin.sections.stepPlan')}>
              <StepPlanEditor form={form} />
            </Section>

            <ErrorAlert error={save.error} onReload={isApiError(save.error, 'VERSION_CONFLICT') ? onReload : undefined} />
            {hasErrors && (
              <Alert color="red" variant="light" role="alert" data-testid="form-errors">
                {t('procedureAdmin.fixErrors')}
              </Alert>
            )}
            {canWrite && (
              <Group justify="flex-end" gap="sm">
                <Button variant="default" component={Link} to="/staff/procedures">
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {t('common.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </fieldset>
      </form>
    </Stack>
  );
}

function SettlementFields({ form }: { form: UseFormReturnType<ProcedureFormValues> }) {
  const { t, i18n } = useTranslation();
  const kind = form.getValues().settlement.kind;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <NativeSelect
        label={t('procedureAdmin.fields.settlementKind')}
        data={SETTLEMENT_KINDS.map((value) => ({ value, label: t(`procedureAdmin.settlementKinds.${value}`) }))}
        {...form.getInputProps('settlement.kind')}
      />
      {kind === 'same_day' ? (
        <TextInput
          type="time"
          label={t('procedureAdmin.fields.cutoff')}
          description={t('procedureAdmin.fields.cutoffHint')}
          {...form.getInputProps('settlement.cutoff')}
        />
      ) : (
        <NumberInput
          label={`${t('procedureAdmin.fields.amount')} (${t(`procedureAdmin.settlementKinds.${kind}`).toLocaleLowerCase()})`}
          min={kind === 'working_days' ? 0.5 : 1}
          step={kind === 'working_days' ? 0.5 : 1}
          allowDecimal={kind === 'working_days'}
          allowNegative={false}
          decimalScale={1}
          // Half days are written 2,5 in Vietnamese.
          decimalSeparator={i18n.resolvedLanguage === 'en' ? '.' : ','}
          {...form.getInputProps('settlement.amount')}
        />
      )}
    </SimpleGrid>
  );
}

/**
 * Form templates and the documents that use them. Templates belong to a saved
 * procedure (they are uploaded under its code), so a new one gets them after its first save.
 */
function TemplatesAndDocuments({
  form,
  procedure,
  canWrite,
}: {
  form: UseFormReturnType<ProcedureFormValues>;
  procedure: AdminProcedure | undefined;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const code = procedure?.code ?? '';
  const uploadForm = useUploadForm(code);
  const deleteForm = useDeleteForm(code);
  // The staff view may not carry the templates; the public page of an active procedure does.
  const publicDetail = useProcedureDetail(code, procedure !== undefined && procedure.forms === undefined && procedure.active);
  const [uploaded, setUploaded] = useState<FormTemplate[]>([]);
  const [removed, setRemoved] = useState<string[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [typeError, setTypeError] = useState(false);

  const known = procedure?.forms ?? publicDetail.data?.forms ?? [];
  const templates = [...known, ...uploaded.filter((form) => !known.some((k) => k.id === form.id))].filter(
    (template) => !removed.includes(template.id),
  );
  const usedIds = new Set(form.getValues().documents.map((document) => document.templateId));

  const upload = async (file: File): Promise<FormTemplate | null> => {
    setStatus(null);
    if (formContentType(file.name) === undefined) {
      setTypeError(true);
      return null;
    }
    setTypeError(false);
    try {
      const template = await uploadForm.mutateAsync(file);
      setUploaded((list) => [...list, template]);
      setStatus(t('procedureAdmin.forms.uploaded', { name: template.fileName }));
      return template;
    } catch {
      return null;
    }
  };

  return (
    <>
      <Section id="forms-heading" title={t('procedureAdmin.sections.forms')}>
        <Stack gap="sm">
          <Text size="sm">{t('procedureAdmin.forms.lead')}</Text>
          {!procedure && <Alert color="gray" variant="light">{t('procedureAdmin.forms.saveFirst')}</Alert>}
          <StatusNotice message={status} onClose={() => setStatus(null)} />
          {typeError && (
            <Alert color="red" variant="light" role="alert">
              {t('procedureAdmin.forms.typeNotAllowed')}
            </Alert>
          )}
          <ErrorAlert error={uploadForm.error ?? deleteForm.error} />
          {procedure &&
            (templates.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('procedureAdmin.forms.empty')}
              </Text>
            ) : (
              <List spacing={6} listStyleType="none" pl={0}>
                {templates.map((template) => (
                  <List.Item key={template.id}>
                    <Group gap="sm" wrap="wrap">
                      <Anchor href={adminFormTemplateUrl(code, template.id)} download={template.fileName}>
                        {t('procedureAdmin.forms.download', { name: template.fileName })}
                      </Anchor>
                      <Text size="sm" c="dimmed">
                        {formatFileSize(template.size)}
                      </Text>
                      {usedIds.has(template.id) ? (
                        <Text size="sm" c="dimmed">
                          {t('procedureAdmin.forms.inUse')}
                        </Text>
                      ) : (
                        canWrite && (
                          <Button
                            variant="default"
                            size="compact-xs"
                            aria-label={t('procedureAdmin.forms.remove', { name: template.fileName })}
                            loading={deleteForm.isPending && deleteForm.variables === template.id}
                            onClick={() => {
                              setStatus(null);
                              deleteForm.mutate(template.id, {
                                onSuccess: () => {
                                  setRemoved((list) => [...list, template.id]);
                                  setStatus(t('procedureAdmin.forms.removed', { name: template.fileName }));
                                },
                              });
                            }}
                          >
                            {t('common.remove')}
                          </Button>
                        )
                      )}
                    </Group>
                  </List.Item>
                ))}
              </List>
            ))}
        </Stack>
      </Section>

      <Section id="documents-heading" title={t('procedureAdmin.sections.documents')}>
        <DocumentsEditor
          form={form}
          templates={templates}
          upload={procedure && canWrite ? upload : undefined}
          uploading={uploadForm.isPending}
        />
      </Section>
    </>
  );
}
