import { Anchor, Button, Group, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedInMe } from '../../app/me-context';
import { useCatalogFields } from '../../api/catalog';
import { isApiError } from '../../api/client';
import { unitContactsPath, useCounters, useDutyRoster, useSetDuty, useUpdateCounter, type Counter, type DutyEntry } from '../../api/contacts';
import { can, PERMISSIONS, type Staff } from '../../api/schemas';
import { ActiveBadge } from '../../components/ActiveBadge';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { intlLocale } from '../../i18n';
import { useLocalize } from '../catalog/localized';
import { addDays, dayText, localParts, mondayOf } from './contact-text';
import { officerLabel, useUnitOfficers } from './useUnitOfficers';
import { StatusNotice } from '../../components/StatusNotice';

const WEEK = [0, 1, 2, 3, 4, 5, 6];

/** Today in Vietnam by the browser's clock, for the week shown first (the server decides what is past). */
const vietnamToday = () => localParts(new Date().toISOString(), 'Asia/Ho_Chi_Minh').date;

function shortDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: '2-digit', month: '2-digit', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/**
 * The counters of a unit with their regular officer, and the week's duty
 * roster: a cell's officer sits at the counter that day instead of the regular
 * one. Readers see it; `org.units.write` edits it.
 */
export function CountersPage() {
  const { t } = useTranslation();
  usePageTitle(t('contacts.counters.pageTitle'));
  const me = useSignedInMe();
  const canWrite = can(me, PERMISSIONS.unitsWrite);
  const localize = useLocalize();
  const { units, options, unitId, unit, setUnitId, officers } = useUnitOfficers();
  const counters = useCounters(unitId);
  const fields = useCatalogFields();
  const fieldName = new Map((fields.data ?? []).map((f) => [f.code, localize(f.name, f.nameEn)]));
  const updateCounter = useUpdateCounter();
  const [status, setStatus] = useState<string | null>(null);

  const saveRegular = (counter: Counter, staffId: string) => {
    setStatus(null);
    updateCounter.mutate(
      { id: counter.id, version: counter.version, regularOfficerId: staffId === '' ? null : staffId },
      { onSuccess: () => setStatus(t('contacts.counters.saved', { counter: counter.name })) },
    );
  };

  const officerOptions = (current: string | null, extra?: { id: string; label: string }) => {
    const list = officers.map((member) => ({ value: member.id, label: officerLabel(member) }));
    if (current && !list.some((o) => o.value === current)) list.push({ value: current, label: extra?.label ?? current });
    return list;
  };

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{t('contacts.counters.heading')}</Title>
        <Text c="dimmed">{t('contacts.counters.lead')}</Text>
      </Stack>

      <Group align="flex-end" gap="sm">
        <NativeSelect
          label={t('contacts.counters.unit')}
          data={options}
          value={unitId ?? ''}
          onChange={(event) => {
            setStatus(null);
            setUnitId(event.currentTarget.value);
          }}
          style={{ minWidth: 0, flex: '1 1 18rem', maxWidth: '32rem' }}
        />
        {unit?.active && (
          <Anchor component={Link} to={unitContactsPath(unit.code)} pb={6}>
            {t('contacts.counters.publicPage')}
          </Anchor>
        )}
      </Group>

      <StatusNotice message={status} onClose={() => setStatus(null)} />
      <ErrorAlert
        error={units.error ?? counters.error ?? updateCounter.error}
        onReload={isApiError(updateCounter.error, 'VERSION_CONFLICT') ? () => updateCounter.reset() : undefined}
      />
      {(units.isPending || counters.isPending) && <Loader aria-label={t('common.loading')} />}

      {counters.data && counters.data.length === 0 && <Text>{t('contacts.counters.empty')}</Text>}
      {counters.data && counters.data.length > 0 && (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing={6} data-testid="counters-table">
              <Table.Caption>{t('contacts.counters.tableCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('contacts.counters.code')}</Table.Th>
                  <Table.Th scope="col">{t('contacts.counters.name')}</Table.Th>
                  <Table.Th scope="col">{t('contacts.counters.fields')}</Table.Th>
                  <Table.Th scope="col">{t('contacts.counters.regular')}</Table.Th>
                  <Table.Th scope="col">{t('common.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {counters.data.map((counter) => (
                  <Table.Tr key={counter.id} data-counter-code={counter.code}>
                    <Table.Td>
                      <Text ff="monospace" size="sm">
                        {counter.code}
                      </Text>
                    </Table.Td>
                    <Table.Th scope="row" fw={500}>
                      {counter.name}
                    </Table.Th>
                    <Table.Td>
                      {counter.fields.length === 0 ? t('contacts.counters.allFields') : counter.fields.map((f) => fieldName.get(f) ?? f).join(', ')}
                    </Table.Td>
                    <Table.Td>
                      {canWrite ? (
                        <NativeSelect
                          size="xs"
                          aria-label={t('contacts.counters.regularAria', { counter: counter.name })}
                          value={counter.regularOfficerId ?? ''}
                          disabled={updateCounter.isPending}
                          onChange={(event) => saveRegular(counter, event.currentTarget.value)}
                          data={[{ value: '', label: t('contacts.counters.nobody') }, ...officerOptions(counter.regularOfficerId)]}
                        />
                      ) : (
                        (officers.find((o) => o.id === counter.regularOfficerId)?.fullName ?? t('contacts.counters.nobody'))
                      )}
                    </Table.Td>
                    <Table.Td>
                      <ActiveBadge active={counter.active} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {unitId && (
            <RosterWeek
              unitId={unitId}
              counters={counters.data.filter((c) => c.active)}
              officers={officers}
              canWrite={canWrite}
              onStatus={setStatus}
              officerOptions={officerOptions}
            />
          )}
        </>
      )}
    </Stack>
  );
}

interface RosterWeekProps {
  unitId: string;
  counters: Counter[];
  officers: Staff[];
  canWrite: boolean;
  onStatus: (message: string | null) => void;
  officerOptions: (current: string | null, extra?: { id: string; label: string }) => { value: string; label: string }[];
}

function RosterWeek({ unitId, counters, officers, canWrite, onStatus, officerOptions }: RosterWeekProps) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const [monday, setMonday] = useState(() => mondayOf(vietnamToday()));
  const days = WEEK.map((n) => addDays(monday, n));
  const lastDay = days[6] ?? monday;
  const roster = useDutyRoster(unitId, monday, lastDay);
  const setDuty = useSetDuty();
  const today = roster.data?.today ?? vietnamToday();
  const entries = new Map<string, DutyEntry>((roster.data?.items ?? []).map((entry) => [`${entry.counterId}|${entry.date}`, entry]));
  const regularName = (counter: Counter) => officers.find((o) => o.id === counter.regularOfficerId)?.fullName;

  const change = (counter: Counter, day: string, staffId: string) => {
    onStatus(null);
    setDuty.mutate(
      { counterId: counter.id, date: day, staffId: staffId === '' ? null : staffId },
      {
        onSuccess: () =>
          onStatus(
            staffId === ''
              ? t('contacts.counters.dutyCleared', { counter: counter.name, day: dayText(day, locale) })
              : t('contacts.counters.dutySaved', { counter: counter.name, day: dayText(day, locale) }),
          ),
      },
    );
  };

  return (
    <Stack component="section" gap="sm" aria-labelledby="roster-heading">
      <Title order={2} size="h3" id="roster-heading">
        {t('contacts.counters.roster')}
      </Title>
      <Group gap="xs">
        <Button variant="default" size="xs" onClick={() => setMonday(addDays(monday, -7))}>
          {t('contacts.counters.previousWeek')}
        </Button>
        <Button variant="default" size="xs" onClick={() => setMonday(mondayOf(today))}>
          {t('contacts.counters.thisWeek')}
        </Button>
        <Button variant="default" size="xs" onClick={() => setMonday(addDays(monday, 7))}>
          {t('contacts.counters.nextWeek')}
        </Button>
        {roster.isFetching && <Loader size="xs" aria-hidden="true" />}
      </Group>
      <Text size="sm" c="dimmed">
        {t('contacts.counters.pastNote')}
      </Text>
      <ErrorAlert error={roster.error ?? setDuty.error} />
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing={4} withColumnBorders data-testid="roster-table" aria-busy={roster.isFetching}>
          <Table.Caption>{t('contacts.counters.rosterCaption', { from: dayText(monday, locale), to: dayText(lastDay, locale) })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('contacts.counters.counter')}</Table.Th>
              {days.map((day) => (
                <Table.Th scope="col" key={day} aria-current={day === today ? 'date' : undefined} fw={day === today ? 800 : undefined}>
                  {shortDay(day, locale)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {counters.map((counter) => (
              <Table.Tr key={counter.id} data-counter-code={counter.code}>
                <Table.Th scope="row" fw={500}>
                  {counter.name}
                  {regularName(counter) && (
                    <Text size="xs" c="dimmed" fw={400}>
                      {`${t('contacts.counters.asRegular')}: ${regularName(counter) ?? ''}`}
                    </Text>
                  )}
                </Table.Th>
                {days.map((day) => {
                  const entry = entries.get(`${counter.id}|${day}`);
                  return (
                    <Table.Td key={day}>
                      <NativeSelect
                        size="xs"
                        aria-label={t('contacts.counters.cellAria', { counter: counter.name, day: dayText(day, locale) })}
                        value={entry?.staffId ?? ''}
                        disabled={!canWrite || day < today || setDuty.isPending}
                        onChange={(event) => change(counter, day, event.currentTarget.value)}
                        data={[
                          { value: '', label: t('contacts.counters.asRegular') },
                          ...officerOptions(entry?.staffId ?? null, entry ? { id: entry.staffId, label: entry.fullName } : undefined),
                        ]}
                      />
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
