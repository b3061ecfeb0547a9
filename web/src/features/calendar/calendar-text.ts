/** Pure helpers of the calendar page: dates in the interface language, reasons, the settings form's body. */
import type { TFunction } from 'i18next';
import type { CalendarSettingsUpdate } from '../../../../contracts/calendar';
import type { NonWorkingDay } from '../../api/calendar';

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** "T4, 29/01/2025" (vi-VN), "Wed, 29/01/2025" (en-GB): a calendar date, with no time zone shift. */
export function formatCalendarDate(iso: string, locale: string): string {
  let f = dayFormatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
    dayFormatters.set(locale, f);
  }
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : f.format(date);
}

/** ISO weekday (1 = Monday … 7 = Sunday) as a name in the locale. */
export function weekdayName(isoWeekday: number, locale: string): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, isoWeekday)));
}

/** The reason of a non-working day in the interface language; a decision's own text (English when there is one). */
export function reasonText(t: TFunction, day: NonWorkingDay, language: string, locale: string): string {
  if (day.decision) return language === 'en' && day.decision.reasonEn ? day.decision.reasonEn : day.decision.reason;
  if (day.reason === 'in_lieu' && day.inLieuOf) return t('calendar.reasons.in_lieu', { date: formatCalendarDate(day.inLieuOf, locale) });
  return t(`calendar.reasons.${day.reason}`, { date: '' });
}

export interface SettingsFormValues {
  timeZone: string;
  spans: { start: string; end: string }[];
  /** ISO weekdays as strings (checkbox values). */
  weekdays: string[];
  sameDayCutoff: string;
}

/** The PUT body, at the same paths as the contract (`workingHours.1.start` ↔ `spans.1.start`). */
export function toSettingsBody(values: SettingsFormValues, version: number | null): CalendarSettingsUpdate {
  return {
    version,
    timeZone: values.timeZone.trim(),
    workingHours: values.spans.map((s) => ({ start: s.start.slice(0, 5), end: s.end.slice(0, 5) })),
    workingWeekdays: values.weekdays.map(Number).sort((a, b) => a - b),
    sameDayCutoff: values.sameDayCutoff.slice(0, 5),
  };
}

/** Form errors at the contract's paths moved to the form's (`workingHours` → `spans`, `workingWeekdays` → `weekdays`). */
export function toFormPath(path: string): string {
  return path.replace(/^workingHours/, 'spans').replace(/^workingWeekdays/, 'weekdays');
}
