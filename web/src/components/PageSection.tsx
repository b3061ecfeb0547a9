import { Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled part of a public page: a `section` named by its heading (h2), for screen readers' landmarks. */
export function PageSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Stack component="section" gap="sm" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}
