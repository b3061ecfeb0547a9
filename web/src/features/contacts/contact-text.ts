/** Dates, times and phone links of the contact pages, in the interface language and the unit's time zone. */

const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let formatter = formats.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formats.set(key, formatter);
  }
  return formatter;
}

const DAY: Intl.DateTimeFormatOptions = { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** A local date (YYYY-MM-DD) with its weekday: "Thứ Hai, 02/03/2026" (vi-VN). */
export function dayText(day: string, locale: string): string {
  // Noon UTC of that date is the same calendar date in every zone from UTC−11 to UTC+11.
  return format(locale, 'UTC', DAY).format(new Date(`${day}T12:00:00Z`));
}

/** A session's day and hours in the unit's zone: "Thứ Tư, 04/03/2026, 07:30–11:30"; a session past midnight names both days. */
export function sessionText(startsAt: string, endsAt: string, timeZone: string, locale: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = format(locale, timeZone, DAY);
  const time = format(locale, timeZone, TIME);
  if (day.format(start) === day.format(end)) return `${day.format(start)}, ${time.format(start)}–${time.format(end)}`;
  return `${day.format(start)}, ${time.format(start)} – ${day.format(end)}, ${time.format(end)}`;
}

/** The local date (YYYY-MM-DD) and time (HH:MM) of an instant in a zone, for the staff's date and time inputs. */
export function localParts(iso: string, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    format('en-GB', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit', ...TIME })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''}`, time: `${parts.hour ?? ''}:${parts.minute ?? ''}` };
}

/** A local date and time in Vietnam as an ISO instant with its offset: ("2026-03-04", "07:30") → "2026-03-04T07:30:00+07:00". */
export function vietnamInstant(date: string, time: string): string {
  return `${date}T${time}:00+07:00`;
}

/** A tel: link for a number as people write it ("0236 3821 000", "+84 236 …"). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** YYYY-MM-DD plus n days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The Monday of the ISO week of a date (YYYY-MM-DD). */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}
