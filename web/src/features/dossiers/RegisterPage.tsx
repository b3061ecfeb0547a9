import { Button, Group, NativeSelect, Pagination, Stack, TextInput, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDossierList } from '../../api/dossiers';
import { useUnits } from '../../api/org';
import { useSignedInMe } from '../../app/me-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../i18n/format';
import { useLocalize } from '../catalog/localized';
import { vnIsoDate } from './dossier-text';
import { dateOrNone } from './labels';
import { PrintLayout, printClasses } from './print/PrintLayout';

const PAGE_SIZE = 200;

/** Form 07, the dossier register: one line per dossier received between two dates, by unit. */
export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('print.forms.register'));
  const me = useSignedInMe();
  const localize = useLocalize();
  const units = useUnits();
  const today = vnIsoDate(new Date().toISOString());
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [unit, setUnit] = useState('');
  const [page, setPage] = useState(1);
  const list = useDossierList({ receivedFrom: from || undefined, receivedTo: to || undefined, unit: unit || undefined, page, pageSize: PAGE_SIZE });
  const items = list.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  const unitName = units.data?.find((u) => u.code === unit) ?? units.data?.find((u) => u.id === me.staff.unitId);

  return (
    <Stack gap="md">
      <VisuallyHidden component="h1">{t('print.forms.register')}</VisuallyHidden>
      <Group gap="sm" align="flex-end" className={printClasses.noPrint} role="search" aria-label={t('print.register.filters')}>
        <TextInput type="date" label={t('print.register.from')} value={from} onChange={(e) => { setFrom(e.currentTarget.value); setPage(1); }} />
        <TextInput type="date" label={t('print.register.to')} value={to} onChange={(e) => { setTo(e.currentTarget.value); setPage(1); }} />
        <NativeSelect
          label={t('print.register.unit')}
          value={unit}
          onChange={(e) => { setUnit(e.currentTarget.value); setPage(1); }}
          data={[{ value: '', label: t('common.all') }, ...(units.data ?? []).map((u) => ({ value: u.code, label: `${u.code} — ${localize(u.name, u.nameEn)}` }))]}
        />
        <Button onClick={() => window.print()}>{t('print.print')}</Button>
      </Group>
      <ErrorAlert error={list.error} />
      <PrintLayout
        unitName={unitName ? localize(unitName.name, unitName.nameEn) : me.staff.unitName}
        title={t('print.forms.register')}
        signers={[{ title: t('print.signers.keeper') }]}
        testId="register"
      >
        <p>{t('print.register.period', { from: from || '…', to: to || '…', total: list.data?.total ?? 0 })}</p>
        <table className={printClasses.table} data-testid="register-rows">
          <thead>
            <tr>
              <th scope="col">{t('print.no')}</th>
              <th scope="col">{t('dossiers.fields.code')}</th>
              <th scope="col">{t('dossiers.fields.procedure')}</th>
              <th scope="col">{t('dossiers.fields.applicant')}</th>
              <th scope="col">{t('dossiers.fields.receivedAt')}</th>
              <th scope="col">{t('dossiers.fields.dueAt')}</th>
              <th scope="col">{t('common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d, i) => (
              <tr key={d.code} data-dossier-code={d.code}>
                <td>{(page - 1) * PAGE_SIZE + i + 1}</td>
                <td>{d.code}</td>
                <td>{localize(d.procedure.name, d.procedure.nameEn)}</td>
                <td>{d.imported ? t('dossierImport.listMarker') : d.applicantName}</td>
                <td>{formatDateTime(d.receivedAt)}</td>
                <td>{dateOrNone(t, d.dueAt)}</td>
                <td>
                  {t(`dossiers.status.${d.status}`)}
                  {d.timeliness && ` (${t(`dossiers.timeliness.${d.timeliness}`)})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </PrintLayout>
      {pages > 1 && (
        <nav aria-label={t('catalog.search.pagination')} className={printClasses.noPrint}>
          <Pagination total={pages} value={page} onChange={setPage} />
        </nav>
      )}
    </Stack>
  );
}
