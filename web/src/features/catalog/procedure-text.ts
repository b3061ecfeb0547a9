/** Procedure facts in plain words, in the interface language. */
import type { TFunction } from 'i18next';
import type { SettlementTime } from '../../../../contracts/catalog';
import { formatNumber } from '../../i18n/format';

/** "Trong ngày", "5 ngày làm việc", "8 giờ làm việc", "45 ngày". */
export function settlementText(t: TFunction, settlement: SettlementTime, options: { withCutoff?: boolean } = {}): string {
  switch (settlement.kind) {
    case 'same_day':
      return options.withCutoff && settlement.cutoff
        ? t('catalog.settlement.sameDayCutoff', { time: settlement.cutoff })
        : t('catalog.settlement.sameDay');
    case 'working_days':
      return t('catalog.settlement.workingDays', { count: settlement.amount, amount: formatNumber(settlement.amount) });
    case 'working_hours':
      return t('catalog.settlement.workingHours', { count: settlement.amount, amount: formatNumber(settlement.amount) });
    case 'calendar_days':
      return t('catalog.settlement.calendarDays', { count: settlement.amount, amount: formatNumber(settlement.amount) });
  }
}

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

function weekdayName(t: TFunction, day: number): string {
  const key = WEEKDAYS[day - 1];
  return key === undefined ? String(day) : t(`catalog.weekdays.${key}`);
}

/**
 * ISO weekdays in words, runs of three or more days as a range:
 * [1,2,3,4,5] → "Thứ Hai đến Thứ Sáu"; [1,2,3,4,5,6] → "Thứ Hai đến Thứ Bảy"; [2,4] → "Thứ Ba, Thứ Năm".
 */
export function weekdaysText(t: TFunction, days: readonly number[]): string {
  const sorted = [...new Set(days)].filter((day) => day >= 1 && day <= 7).sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const day of sorted) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  return runs
    .flatMap((run) => {
      const first = run[0];
      const last = run.at(-1);
      if (run.length >= 3 && first !== undefined && last !== undefined) {
        return [t('catalog.weekdayRange', { from: weekdayName(t, first), to: weekdayName(t, last) })];
      }
      return run.map((day) => weekdayName(t, day));
    })
    .join(', ');
}

/** "07:30–11:30, 13:30–17:00". */
export function openingHoursText(hours: readonly { start: string; end: string }[]): string {
  return hours.map((span) => `${span.start}–${span.end}`).join(', ');
}
