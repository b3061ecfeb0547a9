import { Anchor, Badge, Button, Group, Loader, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useSearchParams } from 'react-router';
import { STATUSES, Status } from '../../../../contracts/dossiers';
import { useMyDossiers, type MyDossierSummary } from '../../api/portal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime, formatNumber } from '../../i18n/format';
import shell from '../../app/shell.module.css';
import { Localized } from '../catalog/localized';
import { dateOrNone, StatusBadge, stepLabel } from '../dossiers/labels';
import { Facts } from '../dossiers/detail/Facts';
import { APPLY_PATH, DRAFTS_PATH, myDossierPath, MY_DOSSIERS_PATH } from './paths';

const PAGE_SIZE = 10;

/** The two lists of the citizen's own: dossiers sent and drafts. */
export function PortalTabs() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('portal.nav.label')} className={shell.publicNav}>
      <NavLink to={MY_DOSSIERS_PATH} end className={shell.publicNavLink}>
        {t('portal.nav.sent')}
      </NavLink>
      <NavLink to={DRAFTS_PATH} className={shell.publicNavLink}>
        {t('portal.nav.drafts')}
      </NavLink>
    </nav>
  );
}

/** /ho-so-cua-toi: the dossiers the citizen applied for online, newest first, with what each needs. */
export function MyDossiersPage() {
  const { t } = useTranslation();
  usePageTitle(t('portal.mine.pageTitle'));
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const status = Status.safeParse(params.get('status')).data;
  const list = useMyDossiers({ page, pageSize: PAGE_SIZE, ...(status ? { status } : {}) });
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  function goTo(next: { page?: number; status?: string }) {
    const search = new URLSearchParams(params);
    if (next.status !== undefined) {
      if (next.status === '') search.delete('status');
      else search.set('status', next.status);
      search.delete('page');
    }
    if (next.page !== undefined) {
      if (next.page <= 1) search.delete('page');
      else search.set('page', String(next.page));
    }
    setParams(search);
  }

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('portal.mine.heading')}</Title>
        <Text>{t('portal.mine.lead')}</Text>
      </Stack>
      <PortalTabs />
      <Group align="flex-end" justify="space-between" gap="sm">
        <NativeSelect
          label={t('portal.mine.statusFilter')}
          value={status ?? ''}
          onChange={(event) => goTo({ status: event.currentTarget.value })}
          data={[{ value: '', label: t('common.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`dossiers.status.${s}`) }))]}
        />
        <Button component={Link} to={APPLY_PATH} variant="default">
          {t('portal.mine.applyNew')}
        </Button>
      </Group>
      {list.isPending && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length === 0 && (
        <Paper withBorder p="md">
          <Text>{status ? t('portal.mine.noneWithStatus') : t('portal.mine.none')}</Text>
        </Paper>
      )}
      {list.data && list.data.items.length > 0 && (
        <>
          <Text size="sm" aria-live="polite">
            {t('portal.mine.count', { count: list.data.total, total: formatNumber(list.data.total) })}
          </Text>
          <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="my-dossiers">
            {list.data.items.map((dossier) => (
              <DossierCard key={dossier.code} dossier={dossier} />
            ))}
          </ul>
          {pages > 1 && (
            <nav aria-label={t('portal.mine.pagesLabel')}>
              <Group gap="sm" align="center">
                <Button variant="default" disabled={page <= 1} onClick={() => goTo({ page: page - 1 })}>
                  {t('portal.mine.previous')}
                </Button>
                <Text size="sm" aria-current="page">
                  {t('portal.mine.page', { page: formatNumber(page), pages: formatNumber(pages) })}
                </Text>
                <Button variant="default" disabled={page >= pages} onClick={() => goTo({ page: page + 1 })}>
                  {t('portal.mine.next')}
                </Button>
              </Group>
            </nav>
          )}
        </>
      )}
    </Stack>
  );
}

function DossierCard({ dossier }: { dossier: MyDossierSummary }) {
  const { t } = useTranslation();
  return (
    <Paper component="li" withBorder p="md" data-dossier-code={dossier.code}>
      <Stack gap="xs">
        <Group gap="xs" justify="space-between" align="flex-start" wrap="wrap">
          <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
            <Anchor component={Link} to={myDossierPath(dossier.code)}>
              <Localized vi={dossier.procedure.name} en={dossier.procedure.nameEn} />
            </Anchor>
          </Title>
          <Group gap={6}>
            <StatusBadge status={dossier.status} />
            {dossier.actionNeeded && (
              <Badge color="red.9" variant="filled" data-testid="action-needed">
                {t('portal.mine.actionNeeded')}
              </Badge>
            )}
          </Group>
        </Group>
        <Facts
          items={[
            [t('portal.mine.code'), dossier.code],
            [t('portal.mine.step'), stepLabel(t, dossier.step)],
            [t('portal.mine.receivedAt'), formatDateTime(dossier.receivedAt)],
            [t('portal.mine.acceptBy'), dossier.acceptDueAt && dossier.status === 'pending_acceptance' ? formatDateTime(dossier.acceptDueAt) : null],
            [t('portal.mine.appointment'), dateOrNone(t, dossier.appointmentAt)],
          ]}
        />
      </Stack>
    </Paper>
  );
}
