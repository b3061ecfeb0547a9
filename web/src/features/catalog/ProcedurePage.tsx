import { Alert, Anchor, Button, Group, List, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formTemplateUrl, useProcedureDetail, type ProcedureDetail } from '../../api/catalog';
import { isApiError } from '../../api/client';
import { unitContactsPath } from '../../api/contacts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatFileSize, formatVnd } from '../../i18n/format';
import classes from './catalog.module.css';
import { Localized, useLocalize } from './localized';
import { OnlineLevelBadge } from './OnlineLevelBadge';
import { openingHoursText, settlementText, weekdaysText } from './procedure-text';
import { applyPath } from '../portal/paths';
import { TableRegion } from './TableRegion';
import { PageSection } from '../../components/PageSection';

/** Units shown before "show all": a province's commune-level procedure lists every commune. */
const UNITS_SHOWN = 6;

/** The public page of one procedure: everything a citizen needs before applying. */
export function ProcedurePage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const procedure = useProcedureDetail(code);
  const localize = useLocalize();
  const notFound = isApiError(procedure.error) && procedure.error.status === 404;
  usePageTitle(
    procedure.data
      ? localize(procedure.data.name, procedure.data.nameEn)
      : notFound
        ? t('catalog.detail.notFoundTitle')
        : t('catalog.search.pageTitle'),
  );

  if (notFound) {
    return (
      <Stack align="flex-start">
        <Title order={1}>{t('catalog.detail.notFoundTitle')}</Title>
        <Text>{t('catalog.detail.notFoundLead', { code })}</Text>
        <Button component={Link} to="/thu-tuc">
          {t('catalog.detail.notFoundSearch')}
        </Button>
      </Stack>
    );
  }
  if (procedure.isPending) return <Loader aria-label={t('common.loading')} />;
  if (procedure.isError) return <ErrorAlert error={procedure.error} />;
  return <ProcedureView procedure={procedure.data} />;
}


function ProcedureView({ procedure }: { procedure: ProcedureDetail }) {
  const { t } = useTranslation();
  const formsById = new Map(procedure.forms.map((form) => [form.id, form]));

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Anchor component={Link} to="/thu-tuc" size="sm">
          <span aria-hidden="true">← </span>
          {t('catalog.detail.backToSearch')}
        </Anchor>
        <Title order={1}>
          <Localized vi={procedure.name} en={procedure.nameEn} />
        </Title>
        <div>
          <OnlineLevelBadge level={procedure.onlineLevel} />
        </div>
        {procedure.onlineLevel !== 'none' && (
          <Group>
            <Button component={Link} to={applyPath(procedure.code)} data-testid="apply-online">
              {t('portal.nav.apply')}
            </Button>
          </Group>
        )}
      </Stack>

      <PageSection id="summary-heading" title={t('catalog.detail.summary')}>
        <dl className={classes.facts}>
          <dt>{t('catalog.labels.code')}</dt>
          <dd>{procedure.code}</dd>
          <dt>{t('catalog.labels.field')}</dt>
          <dd>
            <Localized vi={procedure.fieldName} en={procedure.fieldNameEn} />
          </dd>
          <dt>{t('catalog.labels.level')}</dt>
          <dd>{t(`catalog.levels.${procedure.level}`)}</dd>
          <dt>{t('catalog.labels.applicantType')}</dt>
          <dd>{t(`catalog.applicantTypes.${procedure.applicantType}`)}</dd>
          <dt>{t('catalog.labels.settlement')}</dt>
          <dd>{settlementText(t, procedure.settlement, { withCutoff: true })}</dd>
          <dt>{t('catalog.labels.online')}</dt>
          <dd>{t(`catalog.online.${procedure.onlineLevel}`)}</dd>
          {procedure.resultType && (
            <>
              <dt>{t('catalog.labels.result')}</dt>
              <dd lang="vi">{procedure.resultType}</dd>
            </>
          )}
        </dl>
        {procedure.courtesyLetter !== 'none' && <Text>{t(`catalog.detail.courtesy.${procedure.courtesyLetter}`)}</Text>}
        {procedure.homeServiceEligible && <Text>{t('catalog.detail.homeService')}</Text>}
      </PageSection>

      <PageSection id="documents-heading" title={t('catalog.labels.documents')}>
        {procedure.documents.length === 0 ? (
          <Text>{t('catalog.detail.noDocuments')}</Text>
        ) : (
          <TableRegion label={t('catalog.detail.documentsCaption')}>
            <Table verticalSpacing="xs" striped data-testid="documents-table">
              <Table.Caption>{t('catalog.detail.documentsCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('catalog.detail.docName')}</Table.Th>
                  <Table.Th scope="col">{t('catalog.detail.docForm')}</Table.Th>
                  <Table.Th scope="col">{t('catalog.detail.docRequired')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {procedure.documents.map((document, index) => {
                  const template = document.templateId ? formsById.get(document.templateId) : undefined;
                  return (
                    <Table.Tr key={`${String(index)}-${document.name}`}>
                      <Table.Th scope="row" fw={500}>
                        <Localized vi={document.name} en={document.nameEn} />
                        {template && (
                          <>
                            <br />
                            <Anchor
                              href={formTemplateUrl(procedure.code, template.id)}
                              download={template.fileName}
                              aria-label={t('catalog.detail.downloadTemplateAria', { name: template.fileName })}
                              fw={400}
                            >
                              {t('catalog.detail.downloadTemplate')}
                            </Anchor>
                          </>
                        )}
                      </Table.Th>
                      <Table.Td>
                        {t(`catalog.documentForms.${document.form}`)}
                        <br />
                        {t('catalog.detail.docQuantity', { count: document.quantity })}
                      </Table.Td>
                      <Table.Td>{document.mandatory ? t('catalog.detail.mandatory') : t('catalog.detail.optional')}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableRegion>
        )}
      </PageSection>

      <PageSection id="forms-heading" title={t('catalog.labels.forms')}>
        {procedure.forms.length === 0 ? (
          <Text>{t('catalog.detail.noForms')}</Text>
        ) : (
          <List spacing={4}>
            {procedure.forms.map((form) => (
              <List.Item key={form.id}>
                <Anchor href={formTemplateUrl(procedure.code, form.id)} download={form.fileName}>
                  {t('catalog.detail.formDownload', { name: form.fileName, size: formatFileSize(form.size) })}
                </Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </PageSection>

      <PageSection id="fees-heading" title={t('catalog.labels.fees')}>
        {procedure.fees.length === 0 ? (
          <Text>{t('catalog.detail.noFees')}</Text>
        ) : (
          <TableRegion label={t('catalog.detail.feesCaption')}>
            <Table verticalSpacing="xs" striped data-testid="fees-table">
              <Table.Caption>{t('catalog.detail.feesCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('catalog.detail.feeCase')}</Table.Th>
                  <Table.Th scope="col" className={classes.numericHead}>
                    {t('catalog.detail.feeAmount')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {procedure.fees.map((fee, index) => (
                  <Table.Tr key={`${String(index)}-${fee.label}`}>
                    <Table.Th scope="row" fw={500}>
                      <Localized vi={fee.label} en={fee.labelEn} />
                    </Table.Th>
                    <Table.Td className={classes.numeric}>
                      {fee.amountVnd === 0 ? t('catalog.detail.free') : formatVnd(fee.amountVnd)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableRegion>
        )}
        {procedure.feeNote && <Text>{t('catalog.detail.feeNote', { note: procedure.feeNote })}</Text>}
      </PageSection>

      <ApplyAtSection procedure={procedure} />

      <PageSection id="legal-heading" title={t('catalog.labels.legalBasis')}>
        <Text className={classes.preLine} lang="vi">
          {procedure.legalBasis ?? t('catalog.detail.noLegalBasis')}
        </Text>
      </PageSection>

      <PageSection id="steps-heading" title={t('catalog.labels.stepPlan')}>
        <Text>{t('catalog.detail.stepPlanLead')}</Text>
        <TableRegion label={t('catalog.detail.stepPlanCaption')}>
          <Table verticalSpacing="xs" striped data-testid="step-plan-table">
            <Table.Caption>{t('catalog.detail.stepPlanCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('catalog.detail.step')}</Table.Th>
                <Table.Th scope="col">{t('catalog.detail.performer')}</Table.Th>
                <Table.Th scope="col" className={classes.numericHead}>
                  {t('catalog.detail.share')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {procedure.stepPlan.map((step, index) => (
                <Table.Tr key={step.step}>
                  <Table.Th scope="row" fw={500}>{`${String(index + 1)}. ${t(`catalog.steps.${step.step}`)}`}</Table.Th>
                  <Table.Td>
                    {t(`roles.${step.role}`)}
                    <br />
                    <Text span size="sm" c="dimmed">
                      {step.performer === 'unit' && step.unitCode
                        ? `${t('catalog.performers.unit')} ${step.unitCode}`
                        : t(`catalog.performers.${step.performer}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td className={classes.numeric}>{`${String(step.sharePercent)}%`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableRegion>
      </PageSection>
    </Stack>
  );
}

function ApplyAtSection({ procedure }: { procedure: ProcedureDetail }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const [showAll, setShowAll] = useState(false);
  const units = showAll ? procedure.applyAt : procedure.applyAt.slice(0, UNITS_SHOWN);

  return (
    <PageSection id="apply-heading" title={t('catalog.detail.applyAt')}>
      {procedure.onlineLevel !== 'none' && <Text>{t('catalog.detail.applyOnline')}</Text>}
      {procedure.applyAt.length === 0 ? (
        <Alert color="gray" variant="light">
          {t('catalog.detail.noApplyAt')}
        </Alert>
      ) : (
        <>
          <Text>{t('catalog.detail.applyAtLead')}</Text>
          <ul className={classes.plainList}>
            {units.map((unit) => (
              <Paper component="li" withBorder p="md" key={unit.unitCode}>
                <Title order={3} size="h4" mb="xs">
                  <Localized vi={unit.unitName} en={unit.unitNameEn} />
                </Title>
                <dl className={classes.facts}>
                  {unit.address && (
                    <>
                      <dt>{t('catalog.detail.address')}</dt>
                      <dd lang="vi">{unit.address}</dd>
                    </>
                  )}
                  {unit.phone && (
                    <>
                      <dt>{t('catalog.detail.phone')}</dt>
                      <dd>
                        <Anchor href={`tel:${unit.phone.replace(/[^\d+]/g, '')}`}>{unit.phone}</Anchor>
                      </dd>
                    </>
                  )}
                  {unit.hotline && (
                    <>
                      <dt>{t('catalog.detail.hotline')}</dt>
                      <dd>
                        <Anchor href={`tel:${unit.hotline.replace(/[^\d+]/g, '')}`}>{unit.hotline}</Anchor>
                      </dd>
                    </>
                  )}
                  {unit.counters.length > 0 && (
                    <>
                      <dt>{t('catalog.detail.counters')}</dt>
                      <dd lang="vi">{unit.counters.map((counter) => counter.name).join('; ')}</dd>
                    </>
                  )}
                  {unit.openingHours.length > 0 && (
                    <>
                      <dt>{t('catalog.detail.openingHours')}</dt>
                      <dd>
                        {t('catalog.detail.hoursLine', {
                          days: weekdaysText(t, unit.workingWeekdays),
                          hours: openingHoursText(unit.openingHours),
                        })}
                      </dd>
                    </>
                  )}
                </dl>
                <Anchor component={Link} to={unitContactsPath(unit.unitCode)} size="sm" display="inline-block" mt="xs">
                  {t('contacts.procedureLink', { name: localize(unit.unitName, unit.unitNameEn) })}
                </Anchor>
              </Paper>
            ))}
          </ul>
          {!showAll && procedure.applyAt.length > UNITS_SHOWN && (
            <Group>
              <Button variant="default" onClick={() => setShowAll(true)}>
                {t('catalog.detail.showAllUnits', { count: procedure.applyAt.length })}
              </Button>
            </Group>
          )}
        </>
      )}
    </PageSection>
  );
}
