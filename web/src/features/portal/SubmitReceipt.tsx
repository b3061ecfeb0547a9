import { Alert, Button, Code, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SubmitResult } from '../../api/portal';
import { formatDateTime } from '../../i18n/format';
import { Facts } from '../dossiers/detail/Facts';
import { myDossierPath, MY_DOSSIERS_PATH } from './paths';

/**
 * The confirmation of an online application: the dossier code, the lookup
 * secret (shown this once, for following the dossier without the account)
 * and by when the unit accepts it or says what is missing.
 */
export function SubmitReceipt({ receipt, procedureName }: { receipt: SubmitResult; procedureName: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Stack gap="lg" data-testid="submit-receipt">
      <Title order={1} ref={heading} tabIndex={-1}>
        {t('portal.receipt.heading', { code: receipt.code })}
      </Title>
      <Text>{t('portal.receipt.lead')}</Text>
      <Paper withBorder p="md">
        <Facts
          items={[
            [t('portal.receipt.procedure'), procedureName],
            [t('portal.receipt.code'), <strong key="code" data-testid="dossier-code">{receipt.code}</strong>],
            [t('portal.receipt.acceptBy'), receipt.acceptDueAt ? formatDateTime(receipt.acceptDueAt) : null],
          ]}
        />
      </Paper>
      {receipt.secret && (
        <Alert color="blue" variant="light" title={t('portal.receipt.secretTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('portal.receipt.secretLead')}</Text>
            <Group gap="xs" wrap="wrap">
              <Code fz="lg" data-testid="lookup-secret">
                {receipt.secret}
              </Code>
              <CopyButton value={receipt.secret}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" onClick={copy} aria-live="polite">
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="sm" fw={600}>
              {t('portal.receipt.secretOnce')}
            </Text>
          </Stack>
        </Alert>
      )}
      <Text>{t('portal.receipt.next')}</Text>
      <Group gap="sm">
        <Button component={Link} to={myDossierPath(receipt.code)}>
          {t('portal.receipt.open')}
        </Button>
        <Button component={Link} to={MY_DOSSIERS_PATH} variant="default">
          {t('portal.nav.myDossiers')}
        </Button>
      </Group>
    </Stack>
  );
}
