import { Alert, Anchor, Button, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Action } from '../../../../contracts/dossiers';
import { isApiError } from '../../api/client';
import { useDossier, useDossierHistory, type Dossier } from '../../api/dossiers';
import { dossiersKey } from '../../api/keys';
import { can, PERMISSIONS } from '../../api/schemas';
import { useSignedInMe } from '../../app/me-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { ActionModal } from './detail/ActionModal';
import { CaseSections } from './detail/CaseSections';
import { DocumentsSection } from './detail/DocumentsSection';
import { DossierHeader } from './detail/DossierHeader';
import { HistoryTimeline } from './detail/HistoryTimeline';
import { GeneratedDocumentsSection } from '../documents/GeneratedDocumentsSection';
import { CounterRatingAction } from '../feedback/CounterRating';
import { DANGER_ACTIONS } from './action-form';
import { INBOX_PATH, printPath } from './paths';
import { printableForms } from './dossier-text';

/** One dossier: its facts, documents, history, and the actions this officer may take now. */
export function DossierPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  usePageTitle(t('dossiers.page.pageTitle', { code }));
  const dossier = useDossier(code);
  const history = useDossierHistory(code);

  if (dossier.isPending) return <Loader aria-label={t('common.loading')} />;
  if (dossier.isError) {
    if (isApiError(dossier.error) && dossier.error.status === 404) {
      return (
        <Stack gap="md">
          <Title order={1}>{t('dossiers.page.notFound')}</Title>
          <Anchor component={Link} to={INBOX_PATH}>
            {t('dossiers.page.backToInbox')}
          </Anchor>
        </Stack>
      );
    }
    return <ErrorAlert error={dossier.error} />;
  }
  return <DossierView dossier={dossier.data} history={history.data ?? []} />;
}

function DossierView({ dossier, history }: { dossier: Dossier; history: Parameters<typeof HistoryTimeline>[0]['entries'] }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const canUpload = (can(me, PERMISSIONS.dossierProcess) || can(me, PERMISSIONS.dossierIntake)) && dossier.step !== null;

  const refetch = () => queryClient.invalidateQueries({ queryKey: dossiersKey });

  return (
    <Stack gap="md">
      <Anchor component={Link} to={INBOX_PATH} size="sm">
        {t('dossiers.page.backToInbox')}
      </Anchor>
      <DossierHeader dossier={dossier} />

      <Paper withBorder p="md" component="section" aria-labelledby="dossier-actions">
        <Title order={2} size="h4" id="dossier-actions" mb="xs">
          {t('dossiers.page.actions')}
        </Title>
        {notice && (
          <Alert color="blue" variant="light" role="status" mb="sm" data-testid="action-notice" withCloseButton onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        )}
        {conflict && (
          <Alert color="red" variant="light" role="alert" mb="sm" title={t('errors.versionConflictTitle')} data-testid="version-conflict">
            {t('dossiers.page.conflict')}
          </Alert>
        )}
        {dossier.actions.length === 0 ? (
          <Text c="dimmed">{t('dossiers.page.noActions')}</Text>
        ) : (
          <Group gap="sm" data-testid="dossier-action-buttons">
            {dossier.actions.map((a) => (
              <Button
                key={a}
                variant={DANGER_ACTIONS.includes(a) ? 'outline' : 'filled'}
                color={DANGER_ACTIONS.includes(a) ? 'red.8' : undefined}
                onClick={() => {
                  setNotice(null);
                  setConflict(false);
                  setAction(a);
                }}
              >
                {t(`dossiers.actions.${a}`)}
              </Button>
            ))}
          </Group>
        )}
        {dossier.status === 'returned' && can(me, PERMISSIONS.dossierProcess) && (
          <Group gap="sm" mt="sm">
            <CounterRatingAction code={dossier.code} onRecorded={() => setNotice(t('feedback.counter.recorded', { code: dossier.code }))} />
          </Group>
        )}
        <Group gap="sm" mt="sm" role="group" aria-label={t('dossiers.page.printGroup')}>
          {printableForms(dossier).map((form) => (
            <Button key={form} component={Link} to={printPath(dossier.code, form)} variant="default" size="xs">
              {t(`print.forms.${form}`)}
            </Button>
          ))}
        </Group>
      </Paper>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <DocumentsSection dossier={dossier} canUpload={canUpload} canDigitise={can(me, PERMISSIONS.dossierProcess)} />
            <GeneratedDocumentsSection dossier={dossier} />
            <CaseSections dossier={dossier} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <HistoryTimeline entries={history} />
        </Grid.Col>
      </Grid>

      {action && (
        <ActionModal
          key={action}
          dossier={dossier}
          action={action}
          onClose={() => setAction(null)}
          onConflict={() => {
            // Someone else changed the dossier: show it as it is now, with the actions still possible.
            setAction(null);
            setConflict(true);
            void refetch();
          }}
          onDone={(updated) => {
            setAction(null);
            setNotice(t('dossiers.page.done', { action: t(`dossiers.actions.${action}`), code: updated.code }));
            void refetch();
          }}
        />
      )}
    </Stack>
  );
}
