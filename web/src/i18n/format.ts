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

const numberFormatters = new Map<string, Intl.NumberFormat>();

function numberFormatter(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const locale = intlLocale();
  const id = `${locale}|${key}`;
  let formatter = numberFormatters.get(id);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, options);
    numberFormatters.set(id, formatter);
  }
  return formatter;
}

/** An amount in Vietnamese đồng: "50.000 ₫" (vi-VN), "₫50,000" (en-GB). */
export function formatVnd(amount: number): string {
  return numberFormatter('vnd', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount);
}

/** A plain number in the interface language: "0,5" (vi-VN), "0.5" (en-GB). */
export function formatNumber(value: number): string {
  return numberFormatter('number', { maximumFractionDigits: 2 }).format(value);
}

/** A ratio 0..1 as a percentage with one decimal at most: "68,8 %" (vi-VN), "68.8%" (en-GB). */
export function formatPercent(ratio: number): string {
  return numberFormatter('percent', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** A file size in kB or MB: "24 kB", "1,2 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000 * 1000) {
    return numberFormatter('kB', { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1000));
  }
  return numberFormatter('MB', { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1000 / 1000);
}
