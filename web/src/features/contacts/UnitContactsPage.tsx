import { Anchor, Button, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  unitContactsPath,
  usePublicReceptionSchedule,
  useUnitContacts,
  type PublicCounter,
  type PublicReceptionSchedule,
  type PublicUnitContacts,
} from '../../api/contacts';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/usePageTitle';
import { intlLocale } from '../../i18n';
import catalogClasses from '../catalog/catalog.module.css';
import { Localized, useLocalize } from '../catalog/localized';
import { openingHoursText, weekdaysText } from '../catalog/procedure-text';
import { dayText, sessionText, telHref } from './contact-text';
import classes from './contacts.module.css';
import { PageSection } from '../../components/PageSection';

/**
 * The public contact page of a unit: address, phone, hotline, e-mail, opening
 * hours, the counters with the nameplate of today's officer on duty, and the
 * leaders' citizen-reception schedule for the coming weeks.
 */
export function UnitContactsPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const localize = useLocalize();
  const contacts = useUnitContacts(code);
  const notFound = isApiError(contacts.error) && contacts.error.status === 404;
  usePageTitle(contacts.data ? localize(contacts.data.name, contacts.data.nameEn) : notFound ? t('contacts.unit.notFoundTitle') : t('contacts.finder.pageTitle'));

  if (notFound) {
    return (
      <Stack align="flex-start">
        <Title order={1}>{t('contacts.unit.notFoundTitle')}</Title>
        <Text>{t('contacts.unit.notFoundLead', { code })}</Text>
        <Button component={Link} to="/don-vi">
          {t('contacts.unit.notFoundSearch')}
        </Button>
      </Stack>
    );
  }
  if (contacts.isPending) return <Loader aria-label={t('common.loading')} />;
  if (contacts.isError) return <ErrorAlert error={contacts.error} />;
  return <UnitView unit={contacts.data} />;
}


function UnitView({ unit }: { unit: PublicUnitContacts }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const today = dayText(unit.today, locale);
  const hasContacts = unit.address !== null || unit.phone !== null || unit.hotline !== null || unit.email !== null;

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Anchor component={Link} to="/don-vi" size="sm">
          <span aria-hidden="true">← </span>
          {t('contacts.unit.back')}
        </Anchor>
        <Title order={1}>
          <Localized vi={unit.name} en={unit.nameEn} />
        </Title>
        <Text c="dimmed">{t(`unitKinds.${unit.kind}`)}</Text>
        {unit.parent && (
          <Text>
            {`${t('contacts.unit.partOf')} `}
            <Anchor component={Link} to={unitContactsPath(unit.parent.code)}>
              <Localized vi={unit.parent.name} en={unit.parent.nameEn} />
            </Anchor>
          </Text>
        )}
        <Anchor component={Link} to={`/cong-khai/${encodeURIComponent(unit.code)}`} data-testid="unit-board-link">
          {t('board.unitLink')}
        </Anchor>
      </Stack>

      <PageSection id="contacts-heading" title={t('contacts.unit.contacts')}>
        {hasContacts ? (
          <dl className={catalogClasses.facts} data-testid="unit-contacts">
            {unit.address && (
              <>
                <dt>{t('contacts.unit.address')}</dt>
                <dd lang="vi">{unit.address}</dd>
              </>
            )}
            {unit.phone && (
              <>
                <dt>{t('contacts.unit.phone')}</dt>
                <dd>
                  <Anchor href={telHref(unit.phone)}>{unit.phone}</Anchor>
                </dd>
              </>
            )}
            {unit.hotline && (
              <>
                <dt>{t('contacts.unit.hotline')}</dt>
                <dd>
                  <Anchor href={telHref(unit.hotline)} fw={700}>
                    {unit.hotline}
                  </Anchor>
                </dd>
              </>
            )}
            {unit.email && (
              <>
                <dt>{t('contacts.unit.email')}</dt>
                <dd>
                  <Anchor href={`mailto:${unit.email}`}>{unit.email}</Anchor>
                </dd>
              </>
            )}
          </dl>
        ) : (
          <Text>{t('contacts.unit.noContacts')}</Text>
        )}
      </PageSection>

      <PageSection id="hours-heading" title={t('contacts.unit.hours')}>
        {unit.openingHours.length > 0 && (
          <Text>{t('contacts.unit.hoursLine', { days: weekdaysText(t, unit.workingWeekdays), hours: openingHoursText(unit.openingHours) })}</Text>
        )}
        <Text fw={600} data-testid="today-status">
          {unit.todayIsWorkingDay ? t('contacts.unit.todayOpen', { day: today }) : t('contacts.unit.todayClosed', { day: today })}
        </Text>
      </PageSection>

      <PageSection id="counters-heading" title={t('contacts.unit.counters')}>
        {unit.counters.length === 0 ? (
          <Text>{t('contacts.unit.noCounters')}</Text>
        ) : (
          <>
            <Text>{t('contacts.unit.countersLead')}</Text>
            <ul className={classes.counterGrid} data-testid="counters">
              {unit.counters.map((counter) => (
                <CounterCard key={counter.code} counter={counter} />
              ))}
            </ul>
          </>
        )}
      </PageSection>

      <ReceptionSection unit={unit} />
    </Stack>
  );
}

function CounterCard({ counter }: { counter: PublicCounter }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const headingId = `counter-${counter.code}`;
  return (
    <Paper component="li" withBorder p="md" data-counter-code={counter.code} aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} size="h4" id={headingId} lang="vi" className={classes.wrap}>
          {counter.name}
        </Title>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            {`${t('contacts.unit.fields')}: `}
          </Text>
          {counter.allFields ? t('contacts.unit.allFields') : counter.fields.map((f) => localize(f.name, f.nameEn)).join(', ')}
        </Text>
        <div className={classes.nameplate} data-testid="nameplate">
          <Text size="xs" c="dark.6">
            {t('contacts.unit.officer')}
          </Text>
          {counter.officer ? (
            <>
              <div className={classes.nameplateName} lang="vi">
                {counter.officer.name}
              </div>
              {counter.officer.title && (
                <Text size="sm" lang="vi" className={classes.wrap}>
                  {counter.officer.title}
                </Text>
              )}
            </>
          ) : (
            <Text size="sm">{t('contacts.unit.noOfficer')}</Text>
          )}
        </div>
      </Stack>
    </Paper>
  );
}

function ReceptionSection({ unit }: { unit: PublicUnitContacts }) {
  const { t } = useTranslation();
  const schedule = usePublicReceptionSchedule(unit.code);
  return (
    <PageSection id="reception-heading" title={t('contacts.unit.reception')}>
      <ErrorAlert error={schedule.error} />
      {schedule.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {schedule.data && <ReceptionList schedule={schedule.data} />}
    </PageSection>
  );
}

function ReceptionList({ schedule }: { schedule: PublicReceptionSchedule }) {
  const { t } = useTranslation();
  const locale = intlLocale();
  return (
    <>
      <Text>
        {t('contacts.unit.receptionLead', { from: dayText(schedule.from, locale), to: dayText(schedule.to, locale) })}{' '}
        {t('contacts.unit.timeZone')}
      </Text>
      {schedule.items.length === 0 ? (
        <Text>{t('contacts.unit.noReception')}</Text>
      ) : (
        <ul className={catalogClasses.plainList} data-testid="reception-schedule">
          {schedule.items.map((entry) => (
            <Paper component="li" withBorder p="md" key={entry.id} data-cancelled={entry.cancelled}>
              <Stack gap={4}>
                <Text fw={700} className={entry.cancelled ? classes.sessionCancelled : undefined}>
                  {sessionText(entry.startsAt, entry.endsAt, schedule.timeZone, locale)}
                </Text>
                {entry.cancelled && (
                  <Text fw={700} c="red.9">
                    {t('contacts.unit.cancelled')}
                    {entry.cancelReason && (
                      <>
                        {` — ${t('contacts.unit.cancelReason')} `}
                        <span lang="vi">{entry.cancelReason}</span>
                      </>
                    )}
                  </Text>
                )}
                <dl className={catalogClasses.facts}>
                  <dt>{t('contacts.unit.host')}</dt>
                  <dd lang="vi">{entry.host.title ? `${entry.host.name} — ${entry.host.title}` : entry.host.name}</dd>
                  <dt>{t('contacts.unit.place')}</dt>
                  <dd lang="vi">{entry.place}</dd>
                  {entry.note && (
                    <>
                      <dt>{t('contacts.unit.note')}</dt>
                      <dd lang="vi">{entry.note}</dd>
                    </>
                  )}
                </dl>
              </Stack>
            </Paper>
          ))}
        </ul>
      )}
    </>
  );
}
