import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../contracts/catalog';
import type { Status } from '../../../../contracts/dossiers';
import { formatDateTime } from '../../i18n/format';
import { historyActionLabel } from './labels';

export type PublicTimelineEntry = { at: string; action: string; status: Status; step: Step | null };

/** A dossier's public timeline, oldest first (the public lookup and the citizen's My dossiers). */
export function PublicTimeline({ entries, testId }: { entries: readonly PublicTimelineEntry[]; testId?: string }) {
  const { t } = useTranslation();
  const timeline = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline active={timeline.length - 1} bulletSize={14} lineWidth={2} data-testid={testId}>
      {timeline.map((entry, i) => (
        <Timeline.Item key={`${entry.at}-${String(i)}`} title={historyActionLabel(t, entry.action)}>
          <Text size="sm">
            {formatDateTime(entry.at)} · {t(`dossiers.status.${entry.status}`)}
            {entry.step && ` · ${t(`catalog.steps.${entry.step}`)}`}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
