import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CalendarSettingsUpdate } from '../../../../contracts/calendar';
import { en, vi } from '../../i18n/resources';
import { formatCalendarDate, reasonText, toFormPath, toSettingsBody, weekdayName } from './calendar-text';

let t: TFunction;
beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ lng: 'vi', resources: { vi: { translation: vi }, en: { translation: en } }, interpolation: { escapeValue: false } });
  t = instance.t;
});

const decision = { id: '00000000-0000-4000-8000-000000000001', unitCode: 'default', date: '2025-05-02', kind: 'day_off' as const, reason: 'Nghỉ hoán đổi', reasonEn: 'Swapped day off', reference: null, inherited: true, createdAt: '2025-01-01T00:00:00.000Z' };

describe('calendar page text', () => {
  it('shows a calendar date with its weekday, never shifted by the browser’s time zone', () => {
    expect(formatCalendarDate('2025-01-29', 'vi-VN')).toMatch(/29\/01\/2025/);
    expect(formatCalendarDate('2025-01-29', 'en-GB')).toBe('Wed, 29/01/2025');
    expect(weekdayName(1, 'en-GB')).toBe('Monday');
    expect(weekdayName(7, 'vi-VN')).toBe('Chủ Nhật');
  });

  it('names rule holidays in the interface language and a decision by its own text', () => {
    expect(reasonText(t, { date: '2025-01-29', reason: 'tet', source: 'rule', inLieuOf: null, decision: null }, 'vi', 'vi-VN')).toBe('Tết Nguyên đán');
    expect(reasonText(t, { date: '2025-02-03', reason: 'in_lieu', source: 'rule', inLieuOf: '2025-02-01', decision: null }, 'vi', 'vi-VN')).toMatch(/^Nghỉ bù cho ngày .*01\/02\/2025$/);
    const decided = { date: '2025-05-02', reason: 'decision' as const, source: 'decision' as const, inLieuOf: null, decision };
    expect(reasonText(t, decided, 'vi', 'vi-VN')).toBe('Nghỉ hoán đổi');
    expect(reasonText(t, decided, 'en', 'en-GB')).toBe('Swapped day off');
  });

  it('turns the settings form into the body the server validates, and its errors back into form paths', () => {
    const body = toSettingsBody(
      { timeZone: ' Asia/Ho_Chi_Minh ', spans: [{ start: '07:30', end: '11:30' }, { start: '13:30:00', end: '17:00' }], weekdays: ['5', '1', '3'], sameDayCutoff: '15:00' },
      3,
    );
    expect(body).toEqual({
      version: 3,
      timeZone: 'Asia/Ho_Chi_Minh',
      workingHours: [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }],
      workingWeekdays: [1, 3, 5],
      sameDayCutoff: '15:00',
    });
    expect(CalendarSettingsUpdate.safeParse(body).success).toBe(true);
    const overlapping = CalendarSettingsUpdate.safeParse({ ...body, workingHours: [{ start: '13:30', end: '17:00' }, { start: '07:30', end: '11:30' }] });
    expect(overlapping.success).toBe(false);
    expect(overlapping.error?.issues.map((i) => toFormPath(i.path.join('.')))).toEqual(['spans.1.start']);
  });
});
