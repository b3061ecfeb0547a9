import { Paper, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../api/dossiers';
import { formatDateTime } from '../../../i18n/format';
import { historyActionLabel } from '../labels';

/** Every transition of the dossier, oldest first: who, what, from where to where, when, the note. */
export function HistoryTimeline({ entries }: { entries: readonly HistoryEntry[] }) {
  const { t } = useTranslation();
  const sorted = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dossier-history">
      <Title order={2} size="h4" id="dossier-history" mb="sm">
        {t('dossiers.page.history')}
      </Title>
      <Timeline active={sorted.length - 1} bulletSize={14} lineWidth={2} data-testid="dossier-history">
        {sorted.map((entry) => (
          <Timeline.Item key={entry.id} title={historyActionLabel(t, entry.action)} data-action={entry.action}>
            <Text size="sm">
              {formatDateTime(entry.at)}
              {entry.actor.name && ` · ${entry.actor.name}`}
              {entry.actor.unitCode && ` (${entry.actor.unitCode})`}
            </Text>
            <Text size="sm">
              {t(`dossiers.status.${entry.toStatus}`)}
              {entry.toStep && ` · ${t(`catalog.steps.${entry.toStep}`)}`}
            </Text>
            {entry.note && (
              <Text size="sm" c="dimmed">
                {entry.note}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}
