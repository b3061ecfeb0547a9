import '@mantine/core/styles.css';
import { MantineProvider, Modal, mergeThemeOverrides } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createQueryClient } from './query-client';
import { cssVariablesResolver, theme } from './theme';

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const { t, i18n } = useTranslation();
  // Every modal's close button is named in the interface language (it is an icon only).
  const localisedTheme = useMemo(
    () => mergeThemeOverrides(theme, { components: { Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } }) } }),
    // t is stable across language changes; the language is what changes its output.
    [t, i18n.language],
  );
  return (
    <MantineProvider theme={localisedTheme} cssVariablesResolver={cssVariablesResolver} forceColorScheme="light">
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
