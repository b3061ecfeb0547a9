import { createTheme, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 keeps white text on filled buttons and link text above the 4.5:1 contrast of WCAG AA.
  primaryShade: { light: 8, dark: 6 },
  defaultRadius: 'sm',
  focusRing: 'auto',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
  headings: { fontWeight: '650' },
});

/** Mantine's default "dimmed" grey is below 4.5:1 on white; use a darker one. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    // Mantine's error red (shade 6) is 3.3:1 on white; shade 9 is above 4.5:1 (field errors, WCAG 1.4.3).
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});
