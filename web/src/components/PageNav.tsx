import { Pagination, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The pager under a public list: a labelled `nav`, each page button named
 * ("Trang 3") with `aria-current` on the page shown, and "page 3 of 7" as
 * text. Nothing when there is one page.
 */
export function PageNav({ page, pages, onChange }: { page: number; pages: number; onChange: (page: number) => void }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  const current = Math.min(page, pages);
  return (
    <nav aria-label={t('catalog.search.pagination')}>
      <Stack gap={4} align="center">
        <Pagination
          total={pages}
          value={current}
          onChange={onChange}
          siblings={1}
          boundaries={1}
          getItemProps={(item) => ({
            'aria-label': t('catalog.search.page', { page: item }),
            'aria-current': item === current ? 'page' : undefined,
          })}
          getControlProps={(control) => ({ 'aria-label': t(`catalog.search.${control}`) })}
        />
        <Text size="sm" c="dimmed">
          {t('catalog.search.pageOf', { page: current, pages })}
        </Text>
      </Stack>
    </nav>
  );
}
