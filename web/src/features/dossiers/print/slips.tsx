/** The one-stop mechanism's forms for one dossier (forms 01–06 of one-stop-rules.md), as print views. */
import { useTranslation } from 'react-i18next';
import type { Dossier, HistoryEntry } from '../../../../../contracts/dossiers';
import { formatDateTime, formatVnd } from '../../../i18n/format';
import { useLocalize } from '../../catalog/localized';
import { controlRows } from '../dossier-text';
import { dateOrNone, historyActionLabel, stepLabel } from '../labels';
import { LookupQr } from './LookupQr';
import { PrintLayout, printClasses } from './PrintLayout';

function useNames() {
  const localize = useLocalize();
  return {
    procedure: (d: Dossier) => localize(d.procedure.name, d.procedure.nameEn),
    unit: (u: Dossier['receivingUnit']) => localize(u.name, u.nameEn),
  };
}

function ApplicantLines({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const a = dossier.applicant;
  // An imported dossier has no applicant (no personal data is imported) and no slips; only its name line.
  if (!a) return <p>{t('print.applicant')}: —</p>;
  return (
    <>
      <p>
        {t('print.applicant')}: <strong>{dossier.applicantName}</strong>
      </p>
      {a.kind === 'person' ? (
        <p>{t('print.idNumber', { id: a.idNumber })}</p>
      ) : (
        <p>{t('print.taxCode', { taxCode: a.taxCode, representative: a.representative })}</p>
      )}
      <p>{t('print.address', { address: a.address })}</p>
      {(a.phone || a.email) && <p>{t('print.contact', { phone: a.phone ?? '—', email: a.email ?? '—' })}</p>}
    </>
  );
}

/** Form 01: receipt and appointment slip, with the lookup secret and its QR code when known. */
export function ReceiptSlip({ dossier, secret }: { dossier: Dossier; secret: string | null }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const names = useNames();
  const received = dossier.documents.filter((d) => d.received);
  const fees = dossier.fees.length === 0 ? t('print.noFee') : dossier.fees.map((f) => `${f.label}: ${formatVnd(f.amountVnd)}`).join('; ');
  return (
    <PrintLayout
      unitName={names.unit(dossier.receivingUnit)}
      number={dossier.code}
      title={t('print.forms.receipt')}
      date={dossier.receivedAt}
      signers={[{ title: t('print.signers.applicant') }, { title: t('print.signers.receptionist') }]}
      testId="receipt-slip"
    >
      <p>{t('print.receivedFrom', { unit: names.unit(dossier.receivingUnit) })}</p>
      <ApplicantLines dossier={dossier} />
      <p>
        {t('print.procedure')}: <strong>{names.procedure(dossier)}</strong> ({dossier.procedure.code})
      </p>
      <p>{t('print.documentsReceived')}:</p>
      <table className={printClasses.table}>
        <thead>
          <tr>
            <th scope="col">{t('print.no')}</th>
            <th scope="col">{t('print.documentName')}</th>
            <th scope="col">{t('print.documentForm')}</th>
            <th scope="col">{t('print.documentCount')}</th>
          </tr>
        </thead>
        <tbody>
          {received.map((d, i) => (
            <tr key={d.index}>
              <td>{i + 1}</td>
              <td>{localize(d.name, d.nameEn)}</td>
              <td>{t(`catalog.documentForms.${d.form}`)}</td>
              <td>{d.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('print.sets', { count: dossier.sets })}</p>
      <p>{t('print.receivedAt', { at: formatDateTime(dossier.receivedAt) })}</p>
      <p>
        <strong>{t('print.appointment', { at: dateOrNone(t, dossier.dueAt) })}</strong>
      </p>
      <p>{t('print.returnPlace', { place: [names.unit(dossier.receivingUnit), dossier.counter?.name].filter(Boolean).join(' — ') })}</p>
      <p>{t('print.fees', { fees })}</p>
      <p>{t('print.registerLine', { code: dossier.code })}</p>
      {secret ? <LookupQr code={dossier.code} secret={secret} /> : <p className={printClasses.noPrint}>{t('print.noSecret')}</p>}
    </PrintLayout>
  );
}

function MissingList({ items }: { items: readonly string[] }) {
  return (
    <ol data-testid="missing-list">
      {items.map((item, i) => (
        <li key={`${String(i)}-${item}`}>{item}</li>
      ))}
    </ol>
  );
}

/** Form 02: request for supplementation, every missing item at once. */
export function SupplementSlip({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const names = useNames();
  const items = dossier.supplement?.missing ?? dossier.missing;
  return (
    <PrintLayout
      unitName={names.unit(dossier.receivingUnit)}
      number={dossier.code}
      title={t('print.forms.supplement')}
      date={dossier.supplement?.requestedAt ?? dossier.receivedAt}
      signers={[{ title: t('print.signers.guide') }]}
      testId="supplement-slip"
    >
      <p>
        {t('print.supplementIntro', {
          at: formatDateTime(dossier.receivedAt),
          unit: names.unit(dossier.receivingUnit),
          procedure: names.procedure(dossier),
        })}
      </p>
      <ApplicantLines dossier={dossier} />
      <p>{t('print.supplementAsk')}</p>
      <MissingList items={items} />
      {dossier.supplement && <p>{t('print.supplementDeadline', { at: formatDateTime(dossier.supplement.deadline) })}</p>}
      <p>{t('print.supplementOnce')}</p>
    </PrintLayout>
  );
}

/** Form 03: refusal to accept or settle, with the reason. */
export function RefusalSlip({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const names = useNames();
  const unit = dossier.status === 'not_accepted' ? dossier.receivingUnit : dossier.settlingUnit;
  return (
    <PrintLayout
      unitName={names.unit(unit)}
      number={dossier.code}
      title={t('print.forms.refusal')}
      date={dossier.result.decidedAt ?? dossier.receivedAt}
      signers={[{ title: dossier.status === 'not_accepted' ? t('print.signers.receptionist') : t('print.signers.head') }]}
      testId="refusal-slip"
    >
      <p>{t('print.refusalIntro', { at: formatDateTime(dossier.receivedAt), unit: names.unit(unit), procedure: names.procedure(dossier) })}</p>
      <ApplicantLines dossier={dossier} />
      <p>{t('print.refusalReason')}</p>
      <p data-testid="refusal-reason">
        <strong>{dossier.reason ?? t('common.none')}</strong>
      </p>
      {dossier.missing.length > 0 && <MissingList items={dossier.missing} />}
      <p>{t('print.refusalSorry')}</p>
    </PrintLayout>
  );
}

/** Form 04: apology and extension request, with the reason and the new date. */
export function ApologySlip({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const names = useNames();
  const extension = dossier.extension;
  return (
    <PrintLayout
      unitName={names.unit(dossier.settlingUnit)}
      number={dossier.code}
      title={t('print.forms.apology')}
      date={extension?.at}
      signers={[{ title: t('print.signers.head') }]}
      testId="apology-slip"
    >
      <p>{t('print.supplementIntro', { at: formatDateTime(dossier.receivedAt), unit: names.unit(dossier.receivingUnit), procedure: names.procedure(dossier) })}</p>
      <ApplicantLines dossier={dossier} />
      <p>{t('print.apologyDue', { at: dateOrNone(t, dossier.originalDueAt ?? dossier.dueAt) })}</p>
      <p>{t('print.apologyReason', { reason: extension?.reason ?? t('common.none') })}</p>
      <p>{t('print.apologySorry', { unit: names.unit(dossier.settlingUnit) })}</p>
      <p>
        <strong>{t('print.apologyNewDate', { at: dateOrNone(t, extension?.newDueAt) })}</strong>
      </p>
    </PrintLayout>
  );
}

/** Form 05: notice of stopping, at the applicant's request. */
export function StopNotice({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const names = useNames();
  return (
    <PrintLayout
      unitName={names.unit(dossier.settlingUnit)}
      number={dossier.code}
      title={t('print.forms.stop')}
      date={dossier.result.finishedAt ?? undefined}
      signers={[{ title: t('print.signers.head') }]}
      testId="stop-notice"
    >
      <p>{t('print.stopIntro', { unit: names.unit(dossier.settlingUnit), code: dossier.code, procedure: names.procedure(dossier) })}</p>
      <ApplicantLines dossier={dossier} />
      <p>{t('print.stopReason', { reason: dossier.reason ?? t('common.none') })}</p>
      <p>{t('print.stopKept')}</p>
    </PrintLayout>
  );
}

/** Form 06: processing control slip, a view of the history. */
export function ControlSlip({ dossier, history }: { dossier: Dossier; history: readonly HistoryEntry[] }) {
  const { t } = useTranslation();
  const names = useNames();
  const rows = controlRows(history, (unit, step) => [unit, step === null ? null : stepLabel(t, step)].filter(Boolean).join(' · '));
  return (
    <PrintLayout
      unitName={names.unit(dossier.receivingUnit)}
      number={dossier.code}
      title={t('print.forms.control')}
      signers={[{ title: t('print.signers.receptionist') }]}
      testId="control-slip"
    >
      <p>
        {t('print.procedure')}: <strong>{names.procedure(dossier)}</strong>
      </p>
      <p>
        {t('print.applicant')}: <strong>{dossier.applicantName}</strong>
      </p>
      <p>{t('print.receivedAt', { at: formatDateTime(dossier.receivedAt) })}</p>
      <p>{t('print.appointment', { at: dateOrNone(t, dossier.dueAt) })}</p>
      <table className={printClasses.table} data-testid="control-rows">
        <thead>
          <tr>
            <th scope="col">{t('print.control.from')}</th>
            <th scope="col">{t('print.control.to')}</th>
            <th scope="col">{t('print.control.at')}</th>
            <th scope="col">{t('print.control.result')}</th>
            <th scope="col">{t('print.control.note')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{row.from || t('common.none')}</td>
              <td>{row.to || t('common.none')}</td>
              <td>{formatDateTime(row.at)}</td>
              <td>
                {historyActionLabel(t, row.action)}
                {row.actor && ` (${row.actor})`}
              </td>
              <td>{row.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </PrintLayout>
  );
}
