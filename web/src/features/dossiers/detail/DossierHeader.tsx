import { Alert, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../api/dossiers';
import { useLocalize } from '../../catalog/localized';
import { dateOrNone, OverdueBadge, StatusBadge, stepLabel } from '../labels';
import { Facts } from './Facts';

/** Code, status, step, the due dates (dossier and step; the original one when extended), the applicant. */
export function DossierHeader({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const a = dossier.applicant;
  const stepDue = dossier.step === null ? null : (dossier.stepDues.find((s) => s.step === dossier.step)?.dueAt ?? dossier.stepDueAt);
  return (
    <Stack gap="sm">
      <Group gap="sm" align="center">
        <Title order={1}>
          {t('dossiers.page.heading', { code: dossier.code })}
        </Title>
        <StatusBadge status={dossier.status} />
        {dossier.overdue && <OverdueBadge />}
        {dossier.importedFrom !== null && (
          <Badge color="gray" variant="outline" data-testid="imported-badge">
            {t('dossierImport.badge', { system: dossier.importedFrom })}
          </Badge>
        )}
      </Group>
      <Text size="lg">{localize(dossier.procedure.name, dossier.procedure.nameEn)}</Text>
      {dossier.imported && (
        <Alert color="gray" variant="light">
          {t('dossierImport.readOnly')}
        </Alert>
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="dossier-facts">
        <Title order={2} size="h4" id="dossier-facts" mb="xs">
          {t('dossiers.page.facts')}
        </Title>
        <Facts
          testId="dossier-facts"
          items={[
            [t('dossiers.fields.step'), stepLabel(t, dossier.step)],
            [t('dossiers.fields.receivedAt'), dateOrNone(t, dossier.receivedAt)],
            [t('dossiers.fields.dueAt'), dateOrNone(t, dossier.dueAt)],
            [t('dossiers.fields.originalDueAt'), dossier.extension ? dateOrNone(t, dossier.originalDueAt) : null],
            [t('dossiers.fields.extensionReason'), dossier.extension?.reason ?? null],
            [t('dossiers.fields.stepDueAt'), stepDue === null ? null : dateOrNone(t, stepDue)],
            [t('dossiers.fields.timeliness'), dossier.timeliness ? t(`dossiers.timeliness.${dossier.timeliness}`) : null],
            [t('dossiers.fields.receivingUnit'), localize(dossier.receivingUnit.name, dossier.receivingUnit.nameEn)],
            [t('dossiers.fields.settlingUnit'), localize(dossier.settlingUnit.name, dossier.settlingUnit.nameEn)],
            [t('dossiers.fields.assignee'), dossier.assignee.staffName ?? (dossier.assignee.role ? t(`roles.${dossier.assignee.role}`) : null)],
            [t('dossiers.fields.channel'), t(`dossiers.channels.${dossier.channel}`)],
            [t('dossiers.fields.priority'), dossier.priority.length ? dossier.priority.map((p) => t(`dossiers.priority.${p}`)).join(', ') : null],
            [t('dossiers.fields.reason'), dossier.reason],
          ]}
        />
      </Paper>
      {a && (
        <Paper withBorder p="md" component="section" aria-labelledby="dossier-applicant">
          <Title order={2} size="h4" id="dossier-applicant" mb="xs">
            {t('dossiers.page.applicant')}
          </Title>
          <Facts
            items={
              a.kind === 'person'
                ? [
                    [t('dossiers.applicant.fullName'), a.fullName],
                    [t('dossiers.applicant.idNumber'), a.idNumber],
                    [t('dossiers.applicant.birthDate'), a.birthDate],
                    [t('dossiers.applicant.address'), a.address],
                    [t('dossiers.applicant.phone'), a.phone ?? null],
                    [t('dossiers.applicant.email'), a.email ?? null],
                  ]
                : [
                    [t('dossiers.applicant.name'), a.name],
                    [t('dossiers.applicant.taxCode'), a.taxCode],
                    [t('dossiers.applicant.representative'), a.representative],
                    [t('dossiers.applicant.address'), a.address],
                    [t('dossiers.applicant.phone'), a.phone ?? null],
                    [t('dossiers.applicant.email'), a.email ?? null],
                  ]
            }
          />
        </Paper>
      )}
    </Stack>
  );
}
