import { Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDeleteDraft, useDrafts, type DraftSummary } from '../../api/portal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../i18n/format';
import { Localized } from '../catalog/localized';
import { Facts } from '../dossiers/detail/Facts';
import { PortalTabs } from './MyDossiersPage';
import { APPLY_PATH, applyPath } from './paths';

/** /ho-so-cua-toi/nhap: the applications begun and not sent yet, last edited first. */
export function DraftsPage() {
  const { t } = useTranslation();
  usePageTitle(t('portal.drafts.pageTitle'));
  const drafts = useDrafts();
  const remove = useDeleteDraft();
  const [confirming, setConfirming] = useState<string | null>(null);

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={1}>{t('portal.drafts.heading')}</Title>
        <Text>{t('portal.drafts.lead')}</Text>
      </Stack>
      <PortalTabs />
      {drafts.isPending && <Loader aria-label={t('common.loading')} />}
      <ErrorAlert error={drafts.error} />
      <ErrorAlert error={remove.error} onReload={() => void drafts.refetch()} />
      {drafts.data?.length === 0 && (
        <Paper withBorder p="md">
          <Stack gap="sm" align="flex-start">
            <Text>{t('portal.drafts.none')}</Text>
            <Button component={Link} to={APPLY_PATH}>
              {t('portal.mine.applyNew')}
            </Button>
          </Stack>
        </Paper>
      )}
      {drafts.data && drafts.data.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="drafts">
          {drafts.data.map((draft) => (
            <DraftCard
              key={draft.id}
              draft={draft}
              confirming={confirming === draft.id}
              onAsk={() => setConfirming(draft.id)}
              onCancel={() => setConfirming(null)}
              onDelete={() => remove.mutate({ id: draft.id, version: draft.version }, { onSettled: () => setConfirming(null) })}
              deleting={remove.isPending && remove.variables.id === draft.id}
            />
          ))}
        </ul>
      )}
    </Stack>
  );
}

interface DraftCardProps {
  draft: DraftSummary;
  confirming: boolean;
  deleting: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onDelete: () => void;
}

function DraftCard({ draft, confirming, deleting, onAsk, onCancel, onDelete }: DraftCardProps) {
  const { t } = useTranslation();
  const headingId = `draft-${draft.id}`;
  return (
    <Paper component="li" withBorder p="md" aria-labelledby={headingId} data-draft-id={draft.id}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={headingId}>
          <Localized vi={draft.procedure.name} en={draft.procedure.nameEn} />
        </Title>
        <Facts
          items={[
            [t('portal.drafts.updatedAt'), formatDateTime(draft.updatedAt)],
            [t('portal.drafts.files'), t('portal.drafts.fileCount', { count: draft.files })],
          ]}
        />
        {confirming ? (
          <Group gap="sm" role="group" aria-label={t('portal.drafts.confirmDelete')}>
            <Text size="sm" fw={600}>
              {t('portal.drafts.confirmDelete')}
            </Text>
            <Button size="sm" color="red.9" onClick={onDelete} loading={deleting}>
              {t('portal.drafts.delete')}
            </Button>
            <Button size="sm" variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          </Group>
        ) : (
          <Group gap="sm">
            <Button component={Link} to={applyPath(draft.procedure.code, draft.id)} size="sm" aria-describedby={headingId}>
              {t('portal.drafts.continue')}
            </Button>
            <Button size="sm" variant="default" color="red.9" onClick={onAsk} aria-describedby={headingId}>
              {t('portal.drafts.delete')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
