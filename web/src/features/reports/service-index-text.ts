/** Pure helpers of the service-index page: the year field and how points are shown. */

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** The year typed, or null when it is not a whole year the API accepts. */
export function parseYear(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{4}$/.test(trimmed)) return null;
  const year = Number(trimmed);
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : null;
}

/** Points rounded to two decimals, as the national portal shows them (15.9936 → 15.99). */
export function roundPoints(points: number): number {
  return Math.round(points * 100) / 100;
}
