import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OnlineLevel } from '../../../../contracts/catalog';

const COLORS: Record<OnlineLevel, string> = { full: 'teal.9', partial: 'blue.9', none: 'gray.8' };

/** The online-service level in words ("Trực tuyến toàn trình"); the colour only repeats it. */
export function OnlineLevelBadge({ level }: { level: OnlineLevel }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[level]} variant="outline" tt="none" size="md" style={{ minWidth: 'max-content' }}>
      {t(`catalog.onlineBadge.${level}`)}
    </Badge>
  );
}
