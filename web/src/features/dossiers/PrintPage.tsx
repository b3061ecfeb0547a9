import { Anchor, Button, Group, Loader, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDossier, useDossierHistory, useReissueSecret, type Dossier } from '../../api/dossiers';
import { can, PERMISSIONS } from '../../api/schemas';
import { useSignedInMe } from '../../app/me-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { dossierPath } from './paths';
import { printClasses } from './print/PrintLayout';
import { isPrintForm, type PrintForm } from './dossier-text';
import { ApologySlip, ControlSlip, ReceiptSlip, RefusalSlip, StopNotice, SupplementSlip } from './print/slips';

/** /staff/dossiers/:code/print/:form: one form of the dossier, ready to print on A4. */
export function PrintPage() {
  const { t } = useTranslation();
  const { code = '', form } = useParams();
  const printForm: PrintForm = isPrintForm(form) ? form : 'control';
  usePageTitle(t(`print.forms.${printForm}`));
  const dossier = useDossier(code);

  if (dossier.isPending) return <Loader aria-label={t('common.loading')} />;
  if (dossier.isError) return <ErrorAlert error={dossier.error} />;
  return (
    <Stack gap="md">
      <Group gap="sm" className={printClasses.noPrint}>
        <Anchor component={Link} to={dossierPath(code)}>
          {t('print.backToDossier', { code })}
        </Anchor>
        <Button onClick={() => window.print()}>{t('print.print')}</Button>
      </Group>
      <VisuallyHidden component="h1">{t(`print.forms.${printForm}`)}</VisuallyHidden>
      <FormView form={printForm} dossier={dossier.data} />
    </Stack>
  );
}

function FormView({ form, dossier }: { form: PrintForm; dossier: Dossier }) {
  switch (form) {
    case 'receipt':
      return <ReceiptWithSecret dossier={dossier} />;
    case 'supplement':
      return <SupplementSlip dossier={dossier} />;
    case 'refusal':
      return <RefusalSlip dossier={dossier} />;
    case 'apology':
      return <ApologySlip dossier={dossier} />;
    case 'stop':
      return <StopNotice dossier={dossier} />;
    case 'control':
      return <ControlWithHistory dossier={dossier} />;
  }
}

function ControlWithHistory({ dossier }: { dossier: Dossier }) {
  const history = useDossierHistory(dossier.code);
  if (history.isError) return <ErrorAlert error={history.error} />;
  return <ControlSlip dossier={dossier} history={history.data ?? []} />;
}

/** The secret is known only right after intake; a reprint issues a new one (the old one stops working). */
function ReceiptWithSecret({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const reissue = useReissueSecret(dossier.code);
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <Stack gap="sm">
      {secret === null && can(me, PERMISSIONS.dossierIntake) && (
        <Group gap="sm" className={printClasses.noPrint}>
          <Button variant="default" loading={reissue.isPending} onClick={() => reissue.mutate(undefined, { onSuccess: (r) => setSecret(r.secret) })}>
            {t('print.reissue')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('print.reissueHint')}
          </Text>
        </Group>
      )}
      <ErrorAlert error={reissue.error} />
      <ReceiptSlip dossier={dossier} secret={secret} />
    </Stack>
  );
}
