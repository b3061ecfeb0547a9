import { ActionIcon, Badge, Button, Checkbox, Group, Loader, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm, type FormErrors } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CalendarSettingsUpdate } from '../../../../contracts/calendar';
import { isApiError } from '../../api/client';
import { useCalendarSettings, useResetCalendarSettings, useSaveCalendarSettings, type CalendarSettings } from '../../api/calendar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { schemaValidator } from '../../components/contract-form';
import { intlLocale } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { ConfirmModal } from '../org/ConfirmModal';
import { toFormPath, toSettingsBody, weekdayName, type SettingsFormValues } from './calendar-text';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const MAX_SPANS = 4;

interface SettingsCardProps {
  code: string;
  /** The calendar's name as shown in the picker. */
  name: string;
  canWrite: boolean;
  onStatus: (message: string) => void;
}

/** Working hours, weekdays and the same-day cut-off of one calendar: shown, and edited by those who may. */
export function SettingsCard({ code, name, canWrite, onStatus }: SettingsCardProps) {
  const { t } = useTranslation();
  const settings = useCalendarSettings(code);
  // Held here, not in the form: a save remounts the form (new version), and a
  // mutation's callbacks are dropped when the component that started it unmounts.
  const save = useSaveCalendarSettings(code);
  const reset = useResetCalendarSettings(code);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="calendar-settings-heading">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Title order={2} size="h3" id="calendar-settings-heading">
            {t('calendar.settingsHeading')}
          </Title>
          {settings.data && <OwnBadge settings={settings.data} />}
        </Group>
        <ErrorAlert error={settings.error} />
        {settings.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {settings.data && (
          // Keyed by version and origin: a save or a reload starts the form from the new values.
          <SettingsForm
            key={`${code}|${settings.data.version ?? 'inherited'}|${settings.data.inheritedFrom ?? ''}|${settings.data.updatedAt ?? ''}`}
            code={code}
            name={name}
            settings={settings.data}
            canWrite={canWrite}
            save={save}
            reset={reset}
            onStatus={onStatus}
            onReload={() => {
              save.reset();
              void settings.refetch();
            }}
          />
        )}
      </Stack>
    </Paper>
  );
}

function OwnBadge({ settings }: { settings: CalendarSettings }) {
  const { t } = useTranslation();
  if (settings.own) return <Badge variant="light">{t('calendar.own')}</Badge>;
  return (
    <Badge variant="light" color="gray">
      {settings.inheritedFrom === 'default' ? t('calendar.inheritedNational') : t('calendar.inherited', { from: settings.inheritedFrom ?? '' })}
    </Badge>
  );
}

function SettingsForm({
  code,
  name,
  settings,
  canWrite,
  save,
  reset,
  onStatus,
  onReload,
}: SettingsCardProps & {
  settings: CalendarSettings;
  save: ReturnType<typeof useSaveCalendarSettings>;
  reset: ReturnType<typeof useResetCalendarSettings>;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const locale = intlLocale();
  const [confirmReset, setConfirmReset] = useState(false);
  const contractValidator = schemaValidator<SettingsFormValues>(CalendarSettingsUpdate, (v) => toSettingsBody(v, settings.version));

  const form = useForm<SettingsFormValues>({
    mode: 'controlled',
    initialValues: {
      timeZone: settings.timeZone,
      spans: settings.workingHours.map((s) => ({ ...s })),
      weekdays: settings.workingWeekdays.map(String),
      sameDayCutoff: settings.sameDayCutoff,
    },
    validate: (values) => {
      const errors: FormErrors = {};
      for (const [path, message] of Object.entries(contractValidator(values))) errors[toFormPath(path)] = message;
      return errors;
    },
  });

  const submit = form.onSubmit((values) => {
    save.mutate(toSettingsBody(values, settings.version), { onSuccess: () => onStatus(t('calendar.settingsSaved', { name })) });
  });
  const reloadOnConflict = isApiError(save.error, 'VERSION_CONFLICT') ? onReload : undefined;
  const spans = form.values.spans;

  return (
    <>
      <form onSubmit={submit} noValidate aria-label={t('calendar.settingsHeading')}>
        <fieldset disabled={!canWrite} style={{ border: 0, padding: 0, margin: 0 }}>
          <Stack gap="sm">
            <ErrorAlert error={save.error} onReload={reloadOnConflict} />
            <Stack gap={6}>
              <Text fw={500} size="sm" id="calendar-spans-label">
                {t('calendar.spans')}
              </Text>
              {spans.map((_, i) => (
                <Group key={i} gap="sm" align="flex-end" wrap="nowrap" role="group" aria-labelledby="calendar-spans-label">
                  <TextInput type="time" label={t('calendar.spanStart', { n: i + 1 })} required {...form.getInputProps(`spans.${i}.start`)} />
                  <TextInput type="time" label={t('calendar.spanEnd', { n: i + 1 })} required {...form.getInputProps(`spans.${i}.end`)} />
                  {canWrite && spans.length > 1 && (
                    <ActionIcon
                      variant="default"
                      size="lg"
                      mb={2}
                      aria-label={t('calendar.removeSpan', { n: i + 1 })}
                      title={t('calendar.removeSpan', { n: i + 1 })}
                      onClick={() => form.removeListItem('spans', i)}
                    >
                      <span aria-hidden="true">×</span>
                    </ActionIcon>
                  )}
                </Group>
              ))}
              {canWrite && spans.length < MAX_SPANS && (
                <Button variant="subtle" size="compact-sm" style={{ alignSelf: 'flex-start' }} onClick={() => form.insertListItem('spans', { start: '', end: '' })}>
                  {t('calendar.addSpan')}
                </Button>
              )}
            </Stack>
            <Checkbox.Group label={t('calendar.weekdays')} {...form.getInputProps('weekdays')}>
              <Group gap="md" mt={6}>
                {WEEKDAYS.map((d) => (
                  <Checkbox key={d} value={String(d)} label={weekdayName(d, locale)} />
                ))}
              </Group>
            </Checkbox.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput type="time" label={t('calendar.cutoff')} description={t('calendar.cutoffHint')} required {...form.getInputProps('sameDayCutoff')} />
              <TextInput label={t('calendar.timeZone')} required autoComplete="off" spellCheck={false} {...form.getInputProps('timeZone')} />
            </SimpleGrid>
            {settings.own && settings.updatedAt && (
              <Text size="xs" c="dimmed">
                {t('common.updatedAt', { date: formatDateTime(settings.updatedAt) })}
              </Text>
            )}
            {canWrite && (
              <Group justify="flex-end" gap="sm">
                {settings.own && settings.version !== null && code !== 'default' && (
                  <Button variant="default" onClick={() => setConfirmReset(true)}>
                    {t('calendar.resetSettings')}
                  </Button>
                )}
                <Button type="submit" loading={save.isPending}>
                  {t('calendar.saveSettings')}
                </Button>
              </Group>
            )}
          </Stack>
        </fieldset>
      </form>
      <ConfirmModal
        opened={confirmReset}
        title={t('calendar.resetTitle')}
        message={t('calendar.resetConfirm', { name })}
        confirmLabel={t('calendar.resetSettings')}
        loading={reset.isPending}
        error={reset.error}
        onConfirm={() => {
          if (settings.version === null) return;
          reset.mutate(settings.version, {
            onSuccess: () => {
              setConfirmReset(false);
              onStatus(t('calendar.settingsReset', { name }));
            },
          });
        }}
        onClose={() => {
          setConfirmReset(false);
          reset.reset();
        }}
        onReload={() => {
          setConfirmReset(false);
          onReload();
        }}
      />
    </>
  );
}
