import { Alert, Anchor, Button, Group, Stack, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IntakeResult } from '../../../api/dossiers';
import { dossierPath } from '../paths';
import { printClasses } from '../print/PrintLayout';
import { ReceiptSlip, RefusalSlip, SupplementSlip } from '../print/slips';

/** After intake: the slip for the outcome (receipt, supplementation request or refusal), Print and New dossier. */
export function IntakeResultView({ result, onNew }: { result: IntakeResult; onNew: () => void }) {
  const { t } = useTranslation();
  const { dossier, secret } = result;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const outcome = dossier.status === 'intake_incomplete' ? 'incomplete' : dossier.status === 'not_accepted' ? 'refused' : 'accepted';
  return (
    <Stack gap="md">
      <Stack gap="xs" className={printClasses.noPrint}>
        <Title order={1} ref={heading} tabIndex={-1}>
          {t(`dossiers.intake.done.${outcome}`, { code: dossier.code })}
        </Title>
        {outcome === 'accepted' && secret && (
          <Alert color="blue" variant="light">
            {t('dossiers.intake.secretOnce')}
          </Alert>
        )}
        <Group gap="sm">
          <Button onClick={() => window.print()} data-autofocus>
            {t('print.print')}
          </Button>
          <Button variant="default" onClick={onNew}>
            {t('dossiers.intake.newDossier')}
          </Button>
          <Anchor component={Link} to={dossierPath(dossier.code)}>
            {t('dossiers.intake.openDossier', { code: dossier.code })}
          </Anchor>
        </Group>
      </Stack>
      {outcome === 'accepted' && <ReceiptSlip dossier={dossier} secret={secret} />}
      {outcome === 'incomplete' && <SupplementSlip dossier={dossier} />}
      {outcome === 'refused' && <RefusalSlip dossier={dossier} />}
    </Stack>
  );
}
