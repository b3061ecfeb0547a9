import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The confirmation after a save on a staff page ("Đã lưu …"), in a live
 * `role="status"` region that is always there, so screen readers announce it
 * when it appears; closable.
 */
export function StatusNotice({ message, onClose }: { message: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="status">
      {message && (
        <Alert color="green" variant="light" withCloseButton closeButtonLabel={t('common.close')} onClose={onClose}>
          {message}
        </Alert>
      )}
    </div>
  );
}
