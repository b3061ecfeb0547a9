import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can, type Permission } from '../api/schemas';
import { useSignedInMe } from './me-context';

/** Renders a staff page only for users holding the permission it needs. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  if (!can(me, permission)) {
    return (
      <Alert color="red" variant="light" title={t('errors.title')}>
        {t('errors.forbidden')}
      </Alert>
    );
  }
  return children;
}
