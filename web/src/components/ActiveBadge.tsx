import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Active" / "Inactive" in words (colour is never the only signal), never cut short by a narrow column. */
export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={active ? 'teal.9' : 'gray.7'} variant="outline" tt="none" style={{ minWidth: 'max-content' }}>
      {active ? t('common.active') : t('common.inactive')}
    </Badge>
  );
}
