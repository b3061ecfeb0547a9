/**
 * Calendar dates without a time zone, as whole days since 1970-01-01: cheap to
 * compare, add and use as keys. `fromYmd(2025, 1, 29)` is Tết 2025 wherever
 * the server runs.
 */
export type LocalDate = number;

export const DAY_MS = 86_400_000;

export function fromYmd(year: number, month: number, day: number): LocalDate {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function ymd(day: LocalDate): { y: number; m: number; d: number } {
  const date = new Date(day * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/** "2025-01-29" */
export function toIsoDate(day: LocalDate): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Parses "YYYY-MM-DD" (already validated at the edge). */
export function parseIsoDate(text: string): LocalDate {
  const [y, m, d] = text.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) throw new RangeError(`not a date: ${text}`);
  return fromYmd(y, m, d);
}

/** ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: LocalDate): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function yearOf(day: LocalDate): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** "HH:MM" → minutes after midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
