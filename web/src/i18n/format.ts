import { intlLocale } from './index';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Date and time in the interface language (vi-VN by default), in Vietnam's time zone. */
export function formatDateTime(iso: string): string {
  const locale = intlLocale();
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    formatters.set(locale, formatter);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
}
