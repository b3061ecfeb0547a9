import { List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../api/dossiers';
import { formatVnd } from '../../../i18n/format';
import { useLocalize } from '../../catalog/localized';
import { dateOrNone } from '../labels';
import { Facts } from './Facts';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** Supplementation, consultations, transfers, payment and the result, each when there is one. */
export function CaseSections({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const { supplement, payment, result } = dossier;
  return (
    <Stack gap="md">
      {supplement && (
        <Section id="dossier-supplement" title={t('dossiers.page.supplement')}>
          <Facts
            items={[
              [t('dossiers.page.requestedAt'), dateOrNone(t, supplement.requestedAt)],
              [t('dossiers.page.deadline'), dateOrNone(t, supplement.deadline)],
              [t('dossiers.page.receivedAt'), supplement.receivedAt ? dateOrNone(t, supplement.receivedAt) : t('dossiers.page.notYet')],
            ]}
          />
          <List size="sm" mt="xs" data-testid="supplement-missing">
            {supplement.missing.map((item, i) => (
              <List.Item key={`${String(i)}-${item}`}>{item}</List.Item>
            ))}
          </List>
        </Section>
      )}
      {dossier.consultations.length > 0 && (
        <Section id="dossier-consultations" title={t('dossiers.page.consultations')}>
          <Stack gap="sm">
            {dossier.consultations.map((c) => (
              <Facts
                key={c.id}
                items={[
                  [t('dossiers.page.consultedUnit'), localize(c.unit.name, c.unit.nameEn)],
                  [t('dossiers.page.question'), c.question],
                  [t('dossiers.page.deadline'), dateOrNone(t, c.dueAt)],
                  [t('dossiers.page.answer'), c.answer ?? t('dossiers.page.notYet')],
                ]}
              />
            ))}
          </Stack>
        </Section>
      )}
      {dossier.transfers.length > 0 && (
        <Section id="dossier-transfers" title={t('dossiers.page.transfers')}>
          {dossier.transfers.map((tr) => (
            <Stack key={tr.id} gap={4}>
              <Text size="sm">
                {t('dossiers.page.transferLine', {
                  at: dateOrNone(t, tr.at),
                  from: localize(tr.fromUnit.name, tr.fromUnit.nameEn),
                  to: localize(tr.toUnit.name, tr.toUnit.nameEn),
                  reason: tr.reason,
                })}
              </Text>
              <List size="sm">
                {tr.tasks.map((task, i) => (
                  <List.Item key={`${task.unit.id}-${String(i)}`}>
                    {localize(task.unit.name, task.unit.nameEn)}: {task.task} ({dateOrNone(t, task.dueAt)})
                  </List.Item>
                ))}
              </List>
            </Stack>
          ))}
        </Section>
      )}
      {(payment || dossier.fees.length > 0) && (
        <Section id="dossier-payment" title={t('dossiers.page.payment')}>
          <List size="sm">
            {(payment?.items ?? dossier.fees).map((item, i) => (
              <List.Item key={`${String(i)}-${item.label}`}>
                {item.label}: {formatVnd(item.amountVnd)}
              </List.Item>
            ))}
          </List>
          {payment && (
            <Text size="sm" mt="xs">
              {payment.paidAt
                ? t('dossiers.page.paid', { at: dateOrNone(t, payment.paidAt), receipt: payment.receiptNumber ?? '' })
                : t('dossiers.page.unpaid', { total: formatVnd(payment.totalVnd) })}
            </Text>
          )}
        </Section>
      )}
      {(result.decidedAt || result.returnedAt) && (
        <Section id="dossier-result" title={t('dossiers.page.result')}>
          <Facts
            items={[
              [t('dossiers.page.outcome'), dossier.outcome ? t(`dossiers.outcomes.${dossier.outcome}`) : null],
              [t('dossiers.page.decidedAt'), result.decidedAt ? dateOrNone(t, result.decidedAt) : null],
              [t('dossiers.page.signedAt'), result.signedAt ? dateOrNone(t, result.signedAt) : null],
              [t('dossiers.page.returnedAt'), result.returnedAt ? dateOrNone(t, result.returnedAt) : null],
              [t('dossiers.page.method'), result.method ? t(`dossiers.returnMethods.${result.method}`) : null],
              [t('dossiers.page.receivedBy'), result.receivedBy],
            ]}
          />
        </Section>
      )}
    </Stack>
  );
}
