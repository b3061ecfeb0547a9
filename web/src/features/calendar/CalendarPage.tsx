import { Alert, Badge, Button, Group, Loader, NumberInput, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR, NATIONAL_CALENDAR } from '../../../../contracts/calendar';
import { useSignedInMe } from '../../app/me-context';
import { useCalendarDays, useCalendarDecisions, useRemoveCalendarDecision, type CalendarDecision } from '../../api/calendar';
import { useUnits } from '../../api/org';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { currentLanguage, intlLocale } from '../../i18n';
import { ConfirmModal } from '../org/ConfirmModal';
import { flattenUnitTree } from '../org/unit-tree';
import { formatCalendarDate, reasonText, weekdayName } from './calendar-text';
import { DecisionFormModal } from './DecisionFormModal';
import { SettingsCard } from './SettingsCard';
import { StatusNotice } from '../../components/StatusNotice';

function thisYear(): number {
  return new Date().getFullYear();
}

function parseYear(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= CALENDAR_MIN_YEAR && n <= CALENDAR_MAX_YEAR ? n : thisYear();
}

/**
 * The working calendar of the nation or of a unit in the admin's scope: the
 * year's non-working days with their reasons, the working hours, and the
 * official decisions, which admins add and remove.
 */
export function CalendarPage() {
  const { t } = useTranslation();
  usePageTitle(t('calendar.pageTitle'));
  const me = useSignedInMe();
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const code = params.get('lich') ?? NATIONAL_CALENDAR;
  const year = parseYear(params.get('nam'));
  const [status, setStatus] = useState<string | null>(null);

  const rows = flattenUnitTree(units.data ?? []);
  const rootId = rows.find((r) => r.unit.parentId === null)?.unit.id;
  // Writing the national calendar needs the permission over the root unit; the server checks it too.
  const canWriteNational = me.roles.some((r) => r.role === 'admin' && r.unitId === rootId);
  const canWrite = code === NATIONAL_CALENDAR ? canWriteNational : true;
  const calendarName = code === NATIONAL_CALENDAR ? t('calendar.national') : (rows.find((r) => r.unit.code === code)?.unit.name ?? code);

  const options = [
    { value: NATIONAL_CALENDAR, label: t('calendar.national') },
    ...rows.map(({ unit, depth }) => ({ value: unit.code, label: `${'\u00a0\u00a0\u00a0'.repeat(depth + 1)}${unit.name} (${unit.code})` })),
  ];
  const select = (next: { lich?: string; nam?: number }) => {
    setStatus(null);
    const p = new URLSearchParams(params);
    if (next.lich !== undefined) p.set('lich', next.lich);
    if (next.nam !== undefined) p.set('nam', String(next.nam));
    setParams(p, { replace: true });
  };

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{t('calendar.heading')}</Title>
        <Text c="dimmed">{t('calendar.lead')}</Text>
      </Stack>
      <Group gap="sm" align="flex-end">
        <Select
          label={t('calendar.calendar')}
          data={options}
          value={code}
          searchable
          allowDeselect={false}
          onChange={(value) => value && select({ lich: value })}
          w={{ base: '100%', sm: 360 }}
          data-testid="calendar-picker"
        />
        <NumberInput
          label={t('calendar.year')}
          value={year}
          min={CALENDAR_MIN_YEAR}
          max={CALENDAR_MAX_YEAR}
          allowDecimal={false}
          thousandSeparator={false}
          onChange={(value) => {
            const n = Number(value);
            if (Number.isInteger(n) && n >= CALENDAR_MIN_YEAR && n <= CALENDAR_MAX_YEAR) select({ nam: n });
          }}
          w={120}
        />
      </Group>
      <ErrorAlert error={units.error} />
      <StatusNotice message={status} onClose={() => setStatus(null)} />
      {code === NATIONAL_CALENDAR && !canWriteNational && (
        <Alert color="gray" variant="light">
          {t('calendar.readOnlyNational')}
        </Alert>
      )}

      <YearDays code={code} year={year} />
      <SettingsCard key={`settings|${code}`} code={code} name={calendarName} canWrite={canWrite} onStatus={setStatus} />
      <Decisions key={`decisions|${code}`} code={code} name={calendarName} year={year} canWrite={canWrite} onStatus={setStatus} />
    </Stack>
  );
}

function YearDays({ code, year }: { code: string; year: number }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const language = currentLanguage();
  const days = useCalendarDays(code, year);
  const data = days.data;
  const rest = data ? [1, 2, 3, 4, 5, 6, 7].filter((d) => !data.workingWeekdays.includes(d)).map((d) => weekdayName(d, locale)) : [];

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="calendar-days-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="calendar-days-heading">
          {t('calendar.daysHeading', { year })}
        </Title>
        <ErrorAlert error={days.error} />
        {days.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {data && (
          <>
            <Text size="sm" c="dimmed">
              {t('calendar.weeklyRest', { days: rest.length > 0 ? rest.join(', ') : t('common.none') })}{' '}
              {t('calendar.hoursSummary', { hours: data.workingHours.map((h) => `${h.start}–${h.end}`).join(', ') })}
            </Text>
            {data.days.length === 0 ? (
              <Text>{t('calendar.daysEmpty')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={600}>
                <Table striped verticalSpacing={4} data-testid="calendar-days">
                  <Table.Caption>{t('calendar.daysCaption', { year })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('calendar.date')}</Table.Th>
                      <Table.Th scope="col">{t('calendar.reason')}</Table.Th>
                      <Table.Th scope="col">{t('calendar.source')}</Table.Th>
                      <Table.Th scope="col">{t('calendar.reference')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.days.map((day) => (
                      <Table.Tr key={day.date} data-date={day.date}>
                        <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                          {formatCalendarDate(day.date, locale)}
                        </Table.Th>
                        <Table.Td>{reasonText(t, day, language, locale)}</Table.Td>
                        <Table.Td>
                          {day.decision ? (
                            <DecisionOrigin decision={day.decision} />
                          ) : (
                            t('calendar.sourceRule')
                          )}
                        </Table.Td>
                        <Table.Td>{day.decision?.reference ?? t('common.none')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {data.workingDays.length > 0 && (
              <Table.ScrollContainer minWidth={600}>
                <Table striped verticalSpacing={4} data-testid="calendar-working-days">
                  <Table.Caption>{t('calendar.workingDaysCaption', { year })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('calendar.date')}</Table.Th>
                      <Table.Th scope="col">{t('calendar.reason')}</Table.Th>
                      <Table.Th scope="col">{t('calendar.source')}</Table.Th>
                      <Table.Th scope="col">{t('calendar.reference')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.workingDays.map((d) => (
                      <Table.Tr key={d.id} data-date={d.date}>
                        <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                          {formatCalendarDate(d.date, locale)}
                        </Table.Th>
                        <Table.Td>{language === 'en' && d.reasonEn ? d.reasonEn : d.reason}</Table.Td>
                        <Table.Td>
                          <DecisionOrigin decision={d} />
                        </Table.Td>
                        <Table.Td>{d.reference ?? t('common.none')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** Whose decision: the national calendar, an ancestor or this calendar itself. */
function DecisionOrigin({ decision }: { decision: CalendarDecision }) {
  const { t } = useTranslation();
  const who = decision.unitCode === NATIONAL_CALENDAR ? t('calendar.nationalShort') : decision.unitCode;
  return <>{t('calendar.sourceDecision', { who })}</>;
}

interface DecisionsProps {
  code: string;
  name: string;
  year: number;
  canWrite: boolean;
  onStatus: (message: string) => void;
}

function Decisions({ code, name, year, canWrite, onStatus }: DecisionsProps) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const language = currentLanguage();
  const decisions = useCalendarDecisions(code, year);
  const remove = useRemoveCalendarDecision(code);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<CalendarDecision | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  const initialDate = today.startsWith(String(year)) ? today : `${year}-01-01`;
  const closeRemove = () => {
    setRemoving(null);
    remove.reset();
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="calendar-decisions-heading">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Title order={2} size="h3" id="calendar-decisions-heading">
            {t('calendar.decisionsHeading', { year })}
          </Title>
          {canWrite && (
            <Button
              onClick={() => {
                onStatus('');
                setAdding(true);
              }}
            >
              {t('calendar.addDecision')}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('calendar.decisionsLead')}
        </Text>
        <ErrorAlert error={decisions.error} />
        {decisions.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {decisions.data && decisions.data.length === 0 && <Text>{t('calendar.decisionsEmpty')}</Text>}
        {decisions.data && decisions.data.length > 0 && (
          <Table.ScrollContainer minWidth={700}>
            <Table striped verticalSpacing={4} data-testid="calendar-decisions">
              <Table.Caption>{t('calendar.decisionsCaption', { name, year })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('calendar.date')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.kind')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.reason')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.reference')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.decidedBy')}</Table.Th>
                  {canWrite && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {decisions.data.map((d) => (
                  <Table.Tr key={d.id} data-date={d.date}>
                    <Table.Th scope="row" fw={500} style={{ whiteSpace: 'nowrap' }}>
                      {formatCalendarDate(d.date, locale)}
                    </Table.Th>
                    <Table.Td>
                      <Badge variant="light" color={d.kind === 'day_off' ? 'orange' : 'blue'}>
                        {t(`calendar.kinds.${d.kind}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{language === 'en' && d.reasonEn ? d.reasonEn : d.reason}</Table.Td>
                    <Table.Td>{d.reference ?? t('common.none')}</Table.Td>
                    <Table.Td>
                      {d.inherited ? t('calendar.inheritedFromShort', { who: d.unitCode === NATIONAL_CALENDAR ? t('calendar.nationalShort') : d.unitCode }) : t('calendar.ownShort')}
                    </Table.Td>
                    {canWrite && (
                      <Table.Td>
                        {!d.inherited && (
                          <Button
                            size="compact-sm"
                            variant="default"
                            aria-label={t('calendar.removeDecisionAria', { date: formatCalendarDate(d.date, locale) })}
                            onClick={() => {
                              onStatus('');
                              setRemoving(d);
                            }}
                          >
                            {t('common.remove')}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>

      {adding && (
        <DecisionFormModal
          code={code}
          name={name}
          initialDate={initialDate}
          onClose={() => setAdding(false)}
          onSaved={(decision) => {
            setAdding(false);
            onStatus(t('calendar.decisionAdded', { date: formatCalendarDate(decision.date, locale) }));
          }}
        />
      )}
      <ConfirmModal
        opened={removing !== null}
        title={t('calendar.removeTitle')}
        message={removing ? t('calendar.removeConfirm', { date: formatCalendarDate(removing.date, locale) }) : ''}
        confirmLabel={t('common.remove')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (!removing) return;
          remove.mutate(removing.id, {
            onSuccess: () => {
              onStatus(t('calendar.decisionRemoved', { date: formatCalendarDate(removing.date, locale) }));
              closeRemove();
            },
          });
        }}
        onClose={closeRemove}
        onReload={() => {
          void decisions.refetch();
          closeRemove();
        }}
      />
    </Paper>
  );
}
