/** Localised names and badges of a dossier's status, step, actions and history. */
import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Step } from '../../../../contracts/catalog';
import { ACTIONS, type Action, type Status } from '../../../../contracts/dossiers';
import { formatDateTime } from '../../i18n/format';

/** White on these shades meets 4.5:1 (WCAG 1.4.3); Mantine's orange, yellow and green do not reach it. */
/** A badge is never cut short with an ellipsis: its words are the information. */
const WHOLE = { root: { flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible' } } as const;

const STATUS_COLORS: Record<Status, string> = {
  pending_acceptance: 'blue.9',
  processing: 'blue.8',
  supplement_requested: 'grape.8',
  payment_requested: 'grape.8',
  returned: 'teal.9',
  stopped: 'gray.7',
  closed: 'gray.7',
  intake_incomplete: 'grape.8',
  not_accepted: 'red.9',
};

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="filled" styles={WHOLE} data-status={status}>
      {t(`dossiers.status.${status}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red.9" variant="filled" styles={WHOLE} data-testid="overdue-badge">
      {t('dossiers.overdue')}
    </Badge>
  );
}

export function stepLabel(t: TFunction, step: Step | null): string {
  return step === null ? t('common.none') : t(`catalog.steps.${step}`);
}

function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}

/** A history entry's action: a workflow action, intake or a system action; unknown ones as they are. */
export function historyActionLabel(t: TFunction, action: string): string {
  if (isAction(action)) return t(`dossiers.actions.${action}`);
  switch (action) {
    case 'intake_accepted':
      return t('dossiers.history.intake_accepted');
    case 'intake_incomplete':
      return t('dossiers.history.intake_incomplete');
    case 'intake_refused':
      return t('dossiers.history.intake_refused');
    case 'close':
      return t('dossiers.history.close');
    case 'reissue_secret':
      return t('dossiers.history.reissue_secret');
    case 'submit_online':
      return t('dossiers.history.submit_online');
    default:
      return action;
  }
}

/** An instant or a dash. */
export function dateOrNone(t: TFunction, iso: string | null | undefined): string {
  return iso ? formatDateTime(iso) : t('common.none');
}
