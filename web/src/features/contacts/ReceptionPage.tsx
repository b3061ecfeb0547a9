import { Anchor, Button, Group, Loader, Modal, NativeSelect, Radio, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReceptionCreate, ReceptionUpdate } from '../../../../contracts/contacts';
import { useSignedInMe } from '../../app/me-context';
import { isApiError } from '../../api/client';
import { unitContactsPath, useCancelReception, useSaveReception, useStaffReceptionSchedule, type ReceptionEntry } from '../../api/contacts';
import { can, PERMISSIONS, type Staff } from '../../api/schemas';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { intlLocale } from '../../i18n';
import { localParts, sessionText, vietnamInstant } from './contact-text';
import { officerLabel, useUnitOfficers } from './useUnitOfficers';
import { StatusNotice } from '../../components/StatusNotice';

const VIETNAM = 'Asia/Ho_Chi_Minh';

type FormTarget = { mode: 'create' } | { mode: 'edit'; entry: ReceptionEntry };

/**
 * The leaders' citizen-reception schedule of a unit: every staff member reads
 * it, `org.reception.write` (admins, leaders) adds, edits and cancels
 * sessions. Times are typed in Vietnam time.
 */
export function ReceptionPage() {
  const { t } = useTranslation();
  usePageTitle(t('contacts.reception.pageTitle'));
  const me = useSignedInMe();
  const canWrite = can(me, PERMISSIONS.receptionWrite);
  const locale = intlLocale();
  const { units, options, unitId, unit, setUnitId, officers } = useUnitOfficers();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const schedule = useStaffReceptionSchedule(unitId, from || undefined, to || undefined);
  const [formTarget, setFormTarget] = useState<FormTarget | null>(null);
  const [cancelTarget, setCancelTarget] = useState<ReceptionEntry | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const when = (entry: ReceptionEntry) => sessionText(entry.startsAt, entry.endsAt, VIETNAM, locale);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4} style={{ flex: '1 1 24rem' }}>
          <Title order={1}>{t('contacts.reception.heading')}</Title>
          <Text c="dimmed">{t('contacts.reception.lead')}</Text>
        </Stack>
        {canWrite && unitId && (
          <Button
            onClick={() => {
              setStatus(null);
              setFormTarget({ mode: 'create' });
            }}
          >
            {t('contacts.reception.add')}
          </Button>
        )}
      </Group>

      <Group align="flex-end" gap="sm">
        <NativeSelect
          label={t('contacts.reception.unit')}
          data={options}
          value={unitId ?? ''}
          onChange={(event) => {
            setStatus(null);
            setUnitId(event.currentTarget.value);
          }}
          style={{ minWidth: 0, flex: '1 1 18rem', maxWidth: '32rem' }}
        />
        <TextInput type="date" label={t('contacts.reception.from')} value={from} onChange={(event) => setFrom(event.currentTarget.value)} />
        <TextInput type="date" label={t('contacts.reception.to')} value={to} onChange={(event) => setTo(event.currentTarget.value)} />
        {unit?.active && (
          <Anchor component={Link} to={unitContactsPath(unit.code)} pb={6}>
            {t('contacts.counters.publicPage')}
          </Anchor>
        )}
      </Group>

      <StatusNotice message={status} onClose={() => setStatus(null)} />
      <ErrorAlert error={units.error ?? schedule.error} />
      {schedule.isPending && unitId && <Loader aria-label={t('common.loading')} />}

      {schedule.data && schedule.data.items.length === 0 && <Text>{t('contacts.reception.empty')}</Text>}
      {schedule.data && schedule.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing={6} data-testid="reception-table">
            <Table.Caption>{t('contacts.reception.tableCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('contacts.reception.time')}</Table.Th>
                <Table.Th scope="col">{t('contacts.reception.host')}</Table.Th>
                <Table.Th scope="col">{t('contacts.reception.place')}</Table.Th>
                <Table.Th scope="col">{t('contacts.reception.status')}</Table.Th>
                {canWrite && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {schedule.data.items.map((entry) => (
                <Table.Tr key={entry.id} data-session-id={entry.id}>
                  <Table.Th scope="row" fw={500}>
                    {when(entry)}
                  </Table.Th>
                  <Table.Td>{entry.host.title ? `${entry.host.name} — ${entry.host.title}` : entry.host.name}</Table.Td>
                  <Table.Td>
                    {entry.place}
                    {entry.note && (
                      <Text size="sm" c="dimmed">
                        {entry.note}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {entry.cancelled ? (
                      <>
                        <Text fw={700} c="red.9" size="sm">
                          {t('contacts.reception.cancelled')}
                        </Text>
                        {entry.cancelReason && <Text size="sm">{entry.cancelReason}</Text>}
                      </>
                    ) : (
                      t('contacts.reception.scheduled')
                    )}
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      {!entry.cancelled && (
                        <Group gap={6} wrap="nowrap">
                          <Button
                            size="compact-sm"
                            variant="default"
                            aria-label={t('contacts.reception.editAria', { time: when(entry) })}
                            onClick={() => {
                              setStatus(null);
                              setFormTarget({ mode: 'edit', entry });
                            }}
                          >
                            {t('common.edit')}
                          </Button>
                          <Button
                            size="compact-sm"
                            variant="default"
                            aria-label={t('contacts.reception.cancelAria', { time: when(entry) })}
                            onClick={() => {
                              setStatus(null);
                              setCancelTarget(entry);
                            }}
                          >
                            {t('contacts.reception.cancel')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {formTarget && unitId && (
        <ReceptionFormModal
          target={formTarget}
          unitId={unitId}
          officers={officers}
          onClose={() => setFormTarget(null)}
          onSaved={(mode) => {
            setFormTarget(null);
            setStatus(mode === 'create' ? t('contacts.reception.created') : t('contacts.reception.saved'));
          }}
        />
      )}
      {cancelTarget && (
        <CancelModal
          entry={cancelTarget}
          time={when(cancelTarget)}
          onClose={() => setCancelTarget(null)}
          onCancelled={() => {
            setCancelTarget(null);
            setStatus(t('contacts.reception.cancelledDone'));
          }}
        />
      )}
    </Stack>
  );
}

interface FormValues {
  hostKind: 'staff' | 'other';
  leaderId: string;
  hostName: string;
  hostTitle: string;
  date: string;
  start: string;
  end: string;
  place: string;
  note: string;
}

function initialValues(target: FormTarget): FormValues {
  if (target.mode === 'create') {
    return { hostKind: 'staff', leaderId: '', hostName: '', hostTitle: '', date: '', start: '07:30', end: '11:30', place: '', note: '' };
  }
  const { entry } = target;
  const start = localParts(entry.startsAt, VIETNAM);
  return {
    hostKind: entry.leaderId ? 'staff' : 'other',
    leaderId: entry.leaderId ?? '',
    hostName: entry.hostName ?? '',
    hostTitle: entry.hostTitle ?? '',
    date: start.date,
    start: start.time,
    end: localParts(entry.endsAt, VIETNAM).time,
    place: entry.place,
    note: entry.note ?? '',
  };
}

function toBody(values: FormValues): ReceptionCreate {
  const host =
    values.hostKind === 'staff'
      ? { leaderId: values.leaderId || null, hostName: null, hostTitle: null }
      : { leaderId: null, hostName: values.hostName.trim(), hostTitle: values.hostTitle.trim() || null };
  return {
    ...host,
    startsAt: vietnamInstant(values.date, values.start),
    endsAt: vietnamInstant(values.date, values.end),
    place: values.place.trim(),
    note: values.note.trim() || null,
  };
}

interface ReceptionFormModalProps {
  target: FormTarget;
  unitId: string;
  officers: Staff[];
  onClose: () => void;
  onSaved: (mode: 'create' | 'edit') => void;
}

/** Adds or edits a session; rendered only while open, so each opening starts from fresh values. */
function ReceptionFormModal({ target, unitId, officers, onClose, onSaved }: ReceptionFormModalProps) {
  const { t } = useTranslation();
  const save = useSaveReception();
  const [values, setValues] = useState<FormValues>(() => initialValues(target));
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((previous) => ({ ...previous, [key]: value }));
  const editing = target.mode === 'edit' ? target.entry : null;
  const leaderOptions = officers.map((member) => ({ value: member.id, label: officerLabel(member) }));
  if (editing?.leaderId && !leaderOptions.some((o) => o.value === editing.leaderId)) {
    leaderOptions.push({ value: editing.leaderId, label: editing.host.name });
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = toBody(values);
    if (editing) {
      const update: ReceptionUpdate = { version: editing.version, ...body };
      save.mutate({ mode: 'update', id: editing.id, input: update }, { onSuccess: () => onSaved('edit') });
    } else {
      save.mutate({ mode: 'create', unitId, input: body }, { onSuccess: () => onSaved('create') });
    }
  };

  return (
    <Modal opened onClose={onClose} title={editing ? t('contacts.reception.editTitle') : t('contacts.reception.createTitle')} size="lg">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <ErrorAlert error={save.error} onReload={isApiError(save.error, 'VERSION_CONFLICT') ? onClose : undefined} />
          <Radio.Group label={t('contacts.reception.hostKind')} value={values.hostKind} onChange={(value) => set('hostKind', value === 'other' ? 'other' : 'staff')}>
            <Group gap="md" mt={4}>
              <Radio value="staff" label={t('contacts.reception.hostStaff')} />
              <Radio value="other" label={t('contacts.reception.hostOther')} />
            </Group>
          </Radio.Group>
          {values.hostKind === 'staff' ? (
            <NativeSelect
              label={t('contacts.reception.leader')}
              required
              data={[{ value: '', label: '' }, ...leaderOptions]}
              value={values.leaderId}
              onChange={(event) => set('leaderId', event.currentTarget.value)}
              data-autofocus
            />
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('contacts.reception.hostName')} required maxLength={200} value={values.hostName} onChange={(event) => set('hostName', event.currentTarget.value)} />
              <TextInput label={t('contacts.reception.hostTitle')} maxLength={200} value={values.hostTitle} onChange={(event) => set('hostTitle', event.currentTarget.value)} />
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput type="date" label={t('contacts.reception.date')} required value={values.date} onChange={(event) => set('date', event.currentTarget.value)} />
            <TextInput type="time" label={t('contacts.reception.start')} required value={values.start} onChange={(event) => set('start', event.currentTarget.value)} />
            <TextInput type="time" label={t('contacts.reception.end')} required value={values.end} onChange={(event) => set('end', event.currentTarget.value)} />
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {t('contacts.reception.timeZone')}
          </Text>
          <TextInput label={t('contacts.reception.place')} required maxLength={300} value={values.place} onChange={(event) => set('place', event.currentTarget.value)} />
          <Textarea label={t('contacts.reception.note')} maxLength={1000} autosize minRows={2} value={values.note} onChange={(event) => set('note', event.currentTarget.value)} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CancelModal({ entry, time, onClose, onCancelled }: { entry: ReceptionEntry; time: string; onClose: () => void; onCancelled: () => void }) {
  const { t } = useTranslation();
  const cancel = useCancelReception();
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    cancel.mutate({ id: entry.id, version: entry.version, reason: reason.trim() }, { onSuccess: onCancelled });
  };
  return (
    <Modal opened onClose={onClose} title={t('contacts.reception.cancelTitle')} centered>
      <form onSubmit={submit}>
        <Stack gap="md">
          <Text>{t('contacts.reception.cancelLead', { time })}</Text>
          <Textarea label={t('contacts.reception.cancelReason')} required maxLength={500} autosize minRows={2} value={reason} onChange={(event) => setReason(event.currentTarget.value)} data-autofocus />
          <ErrorAlert error={cancel.error} onReload={isApiError(cancel.error, 'VERSION_CONFLICT') ? onClose : undefined} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('contacts.reception.keep')}
            </Button>
            <Button type="submit" color="red.8" loading={cancel.isPending} disabled={reason.trim() === ''}>
              {t('contacts.reception.cancelConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
