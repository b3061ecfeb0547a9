import { Alert, Anchor, Badge, Button, Group, List, Loader, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PORTAL_CONTENT_TYPES, PORTAL_LIMITS } from '../../../../contracts/portal';
import { isApiError } from '../../api/client';
import { resultUrl, usePortalRating, useMyDossier, useRefreshMyDossier, useSendSupplement, useWithdrawDossier, type MyDossier } from '../../api/portal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime, formatFileSize, formatVnd } from '../../i18n/format';
import { Localized } from '../catalog/localized';
import { Facts } from '../dossiers/detail/Facts';
import { dateOrNone, StatusBadge, stepLabel } from '../dossiers/labels';
import { PublicTimeline } from '../dossiers/PublicTimeline';
import { RatingForm } from '../feedback/RatingForm';
import { DocumentUploads } from './DocumentUploads';
import { MY_DOSSIERS_PATH } from './paths';

const LIMITS = { ...PORTAL_LIMITS, contentTypes: [...PORTAL_CONTENT_TYPES] };

function Section({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id} data-testid={testId}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * /ho-so-cua-toi/:code: one of the citizen's dossiers — where it stands, the
 * appointment, the public timeline, and what the citizen can do now: answer a
 * request for supplementation with uploads, download the signed result, rate
 * the service.
 */
export function MyDossierPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('portal.dossier.pageTitle', { code }));
  const dossier = useMyDossier(code);

  if (dossier.isPending) return <Loader aria-label={t('common.loading')} />;
  if (isApiError(dossier.error) && dossier.error.status === 404) {
    return (
      <Stack align="flex-start">
        <Title order={1}>{t('portal.dossier.notFoundTitle')}</Title>
        <Text>{t('portal.dossier.notFound', { code })}</Text>
        <Button component={Link} to={MY_DOSSIERS_PATH}>
          {t('portal.nav.myDossiers')}
        </Button>
      </Stack>
    );
  }
  if (dossier.isError) return <ErrorAlert error={dossier.error} onReload={() => void dossier.refetch()} />;
  return <DossierView dossier={dossier.data} />;
}

function DossierView({ dossier }: { dossier: MyDossier }) {
  const { t } = useTranslation();
  const pendingAcceptance = dossier.status === 'pending_acceptance';
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Anchor component={Link} to={MY_DOSSIERS_PATH} size="sm">
          <span aria-hidden="true">← </span>
          {t('portal.dossier.back')}
        </Anchor>
        <Title order={1}>{t('portal.dossier.heading', { code: dossier.code })}</Title>
        <Text size="lg">
          <Localized vi={dossier.procedure.name} en={dossier.procedure.nameEn} />
        </Text>
        <Group gap={6}>
          <StatusBadge status={dossier.status} />
          {dossier.actionNeeded && (
            <Badge color="red.9" variant="filled">
              {t('portal.mine.actionNeeded')}
            </Badge>
          )}
        </Group>
      </Stack>

      <Section id="dossier-facts-heading" title={t('portal.dossier.facts')}>
        <Facts
          testId="my-dossier-facts"
          items={[
            [t('portal.mine.code'), dossier.code],
            [t('portal.mine.step'), stepLabel(t, dossier.step)],
            [t('portal.dossier.receivingUnit'), <Localized key="r" vi={dossier.receivingUnit.name} en={dossier.receivingUnit.nameEn} />],
            [
              t('portal.dossier.settlingUnit'),
              dossier.settlingUnit.code === dossier.receivingUnit.code ? null : <Localized key="s" vi={dossier.settlingUnit.name} en={dossier.settlingUnit.nameEn} />,
            ],
            [t('portal.mine.receivedAt'), formatDateTime(dossier.receivedAt)],
            [t('portal.mine.acceptBy'), pendingAcceptance && dossier.acceptDueAt ? formatDateTime(dossier.acceptDueAt) : null],
            [t('portal.mine.appointment'), dateOrNone(t, dossier.appointmentAt)],
            [t('portal.dossier.returnPlace'), dossier.returnPlace],
          ]}
        />
        {pendingAcceptance && <Text size="sm">{t('portal.dossier.pendingLead')}</Text>}
        {dossier.reason && (
          <Alert color="gray" variant="light" title={t('portal.dossier.reason')}>
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
              {dossier.reason}
            </Text>
          </Alert>
        )}
      </Section>

      {dossier.supplement && <SupplementSection dossier={dossier} />}
      <ResultSection dossier={dossier} />
      {(dossier.rating.canRate || dossier.rating.rated) && <RatingSection dossier={dossier} />}
      {dossier.withdrawal.canWithdraw && <WithdrawSection dossier={dossier} />}

      <Section id="dossier-documents-heading" title={t('portal.dossier.documents')}>
        <List size="sm" spacing={6} data-testid="my-dossier-documents">
          {dossier.documents.map((d) => (
            <List.Item key={d.index}>
              <Localized vi={d.name} en={d.nameEn} />
              {d.files.length > 0 ? `: ${d.files.map((f) => `${f.fileName} (${formatFileSize(f.size)})`).join(', ')}` : `: ${d.received ? t('portal.dossier.receivedOnPaper') : t('portal.apply.noFile')}`}
            </List.Item>
          ))}
        </List>
        {dossier.fees.length > 0 && (
          <Facts items={dossier.fees.map((fee) => [fee.label, fee.amountVnd === 0 ? t('catalog.detail.free') : formatVnd(fee.amountVnd)] as const)} />
        )}
      </Section>

      <Section id="dossier-timeline-heading" title={t('lookup.timeline')}>
        <PublicTimeline entries={dossier.timeline} testId="my-dossier-timeline" />
      </Section>
    </Stack>
  );
}

function SupplementSection({ dossier }: { dossier: MyDossier }) {
  const { t } = useTranslation();
  const supplement = dossier.supplement;
  const refresh = useRefreshMyDossier();
  const send = useSendSupplement(dossier.code);
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);
  if (!supplement) return null;
  const ready = supplement.uploads.filter((u) => u.status === 'complete');

  return (
    <Section id="supplement-heading" title={t('portal.supplement.heading')} testId="supplement-section">
      <Text size="sm">
        {t('portal.supplement.requestedAt', { date: formatDateTime(supplement.requestedAt) })}
        {supplement.receivedAt === null && ` ${t('portal.supplement.deadline', { date: formatDateTime(supplement.deadline) })}`}
      </Text>
      <Stack gap={4}>
        <Text fw={600} size="sm">
          {t('portal.supplement.missing')}
        </Text>
        <List size="sm" data-testid="supplement-missing">
          {supplement.missing.map((item, i) => (
            <List.Item key={`${String(i)}-${item}`}>{item}</List.Item>
          ))}
        </List>
      </Stack>
      {supplement.receivedAt !== null && (
        <Alert color="blue" variant="light" role={sent ? 'status' : undefined} data-testid="supplement-received">
          {t('portal.supplement.received', { date: formatDateTime(supplement.receivedAt) })}
        </Alert>
      )}
      {supplement.canAnswer && (
        <Stack gap="md">
          <Text size="sm">{t('portal.supplement.lead')}</Text>
          {dossier.documents.map((d) => (
            <DocumentUploads
              key={d.index}
              target={{ dossierCode: dossier.code }}
              line={{ index: d.index, name: d.name, nameEn: d.nameEn, mandatory: null }}
              uploads={supplement.uploads.filter((u) => u.documentIndex === d.index)}
              limits={LIMITS}
              onChanged={() => refresh(dossier.code)}
            />
          ))}
          <Textarea label={t('portal.supplement.note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} autosize minRows={2} maxLength={2000} />
          {isApiError(send.error, 'VERSION_CONFLICT') ? (
            <ErrorAlert error={send.error} onReload={() => void refresh(dossier.code)} />
          ) : (
            <ErrorAlert error={send.error} />
          )}
          <div>
            <Button
              onClick={() => send.mutate({ version: dossier.version, note: note.trim() === '' ? null : note.trim() }, { onSuccess: () => setSent(true) })}
              loading={send.isPending}
              disabled={ready.length === 0}
              data-testid="send-supplement"
            >
              {t('portal.supplement.send', { count: ready.length })}
            </Button>
            {ready.length === 0 && (
              <Text size="sm" c="dimmed" mt={4}>
                {t('portal.supplement.nothingYet')}
              </Text>
            )}
          </div>
        </Stack>
      )}
    </Section>
  );
}

function ResultSection({ dossier }: { dossier: MyDossier }) {
  const { t } = useTranslation();
  const { result } = dossier;
  let body: ReactNode;
  if (result.downloadable) {
    body = (
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('portal.result.ready', { date: result.signedAt ? formatDateTime(result.signedAt) : '' })}</Text>
        <Button component="a" href={resultUrl(dossier.code)} download data-testid="result-download">
          {t('portal.result.download')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('portal.result.verifyHint')}
        </Text>
      </Stack>
    );
  } else if (dossier.outcome === 'rejected') {
    body = <Text size="sm">{t('portal.result.rejected')}</Text>;
  } else if (result.online) {
    body = <Text size="sm">{t('portal.result.notYet')}</Text>;
  } else {
    body = <Text size="sm">{dossier.returnPlace ? t('portal.result.atDeskPlace', { place: dossier.returnPlace }) : t('portal.result.atDesk')}</Text>;
  }
  return (
    <Section id="result-heading" title={t('portal.result.heading')} testId="result-section">
      {body}
      {result.returnedAt && <Text size="sm">{t('portal.result.returnedAt', { date: formatDateTime(result.returnedAt) })}</Text>}
    </Section>
  );
}

function RatingSection({ dossier }: { dossier: MyDossier }) {
  const { t } = useTranslation();
  const rate = usePortalRating(dossier.code);
  const done = dossier.rating.rated || rate.isSuccess;
  return (
    <Section id="rating-heading" title={t('portal.rating.heading')} testId="rating-section">
      {done ? (
        <Alert color="blue" variant="light" role="status" data-testid="rating-thanks">
          {t('portal.rating.thanks')}
        </Alert>
      ) : (
        <>
          <Text size="sm">{t('portal.rating.lead')}</Text>
          <RatingForm
            onSubmit={(values) => rate.mutate(values)}
            pending={rate.isPending}
            feedback={
              isApiError(rate.error, 'FEEDBACK_ALREADY_RATED') ? (
                <Alert color="blue" variant="light" role="status">
                  {t('portal.rating.already')}
                </Alert>
              ) : (
                <ErrorAlert error={rate.error} />
              )
            }
          />
        </>
      )}
    </Section>
  );
}

/** Withdrawing before the result (Decree 118/2025): a reason, then a second, explicit confirmation. */
function WithdrawSection({ dossier }: { dossier: MyDossier }) {
  const { t } = useTranslation();
  const withdraw = useWithdrawDossier(dossier.code);
  const refresh = useRefreshMyDossier();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const blank = reason.trim() === '';
  return (
    <Section id="withdraw-heading" title={t('portal.withdraw.heading')} testId="withdraw-section">
      <Text size="sm">{t('portal.withdraw.lead')}</Text>
      <Textarea
        label={t('portal.withdraw.reason')}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={2000}
        required
        data-testid="withdraw-reason"
      />
      {isApiError(withdraw.error, 'VERSION_CONFLICT') ? (
        <ErrorAlert error={withdraw.error} onReload={() => void refresh(dossier.code)} />
      ) : (
        <ErrorAlert error={withdraw.error} />
      )}
      {confirming ? (
        <Alert color="red" variant="light" role="alert" title={t('portal.withdraw.confirmTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('portal.withdraw.confirmLead')}</Text>
            <Group gap="sm">
              <Button color="red" loading={withdraw.isPending} onClick={() => withdraw.mutate({ version: dossier.version, reason: reason.trim() })} data-testid="withdraw-confirm">
                {t('portal.withdraw.confirm')}
              </Button>
              <Button variant="default" onClick={() => setConfirming(false)}>
                {t('portal.withdraw.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : (
        <div>
          <Button color="red" variant="outline" disabled={blank} onClick={() => setConfirming(true)} data-testid="withdraw-start">
            {t('portal.withdraw.start')}
          </Button>
        </div>
      )}
    </Section>
  );
}
