import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

interface ErrorAlertProps {
  error: unknown;
  /** Offered when the record changed under the user (409 VERSION_CONFLICT). */
  onReload?: () => void;
}

/** Shows an API failure: the server's localised message when there is one, else a client message. */
export function ErrorAlert({ error, onReload }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;

  function describe(failure: unknown): string {
    if (!isApiError(failure)) return t('errors.unexpected');
    if (failure.code === 'NETWORK_ERROR') return t('errors.network');
    if (failure.fromServer) return failure.message;
    if (failure.status === 429) return t('errors.rateLimited', { seconds: failure.retryAfter ?? 60 });
    return t('errors.unexpected');
  }

  if (isApiError(error, 'VERSION_CONFLICT')) {
    return (
      <Alert color="orange" variant="light" title={t('errors.versionConflictTitle')} data-testid="error-alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t('errors.versionConflict')}</Text>
          {onReload && (
            <Button size="xs" variant="default" onClick={onReload}>
              {t('common.reload')}
            </Button>
          )}
        </Stack>
      </Alert>
    );
  }

  const message = describe(error);
  return (
    <Alert color="red" variant="light" title={t('errors.title')} data-testid="error-alert">
      <Text size="sm">{message}</Text>
    </Alert>
  );
}
