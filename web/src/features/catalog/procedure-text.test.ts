import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../i18n/resources';
import { openingHoursText, settlementText, weekdaysText } from './procedure-text';

describe('procedure facts in words', () => {
  beforeAll(async () => {
    await i18next.init({ resources, lng: 'vi', fallbackLng: 'vi', interpolation: { escapeValue: false } });
  });

  it('says the settlement time as people say it, in Vietnamese and English', async () => {
    await i18next.changeLanguage('vi');
    const t = i18next.t;
    expect(settlementText(t, { kind: 'same_day', cutoff: '15:00' })).toBe('Trong ngày');
    expect(settlementText(t, { kind: 'same_day', cutoff: '15:00' }, { withCutoff: true })).toContain('sau 15:00');
    expect(settlementText(t, { kind: 'working_days', amount: 5 })).toBe('5 ngày làm việc');
    expect(settlementText(t, { kind: 'working_days', amount: 0.5 })).toBe('0,5 ngày làm việc');
    expect(settlementText(t, { kind: 'working_hours', amount: 8 })).toBe('8 giờ làm việc');
    expect(settlementText(t, { kind: 'calendar_days', amount: 45 })).toBe('45 ngày');

    await i18next.changeLanguage('en');
    expect(settlementText(t, { kind: 'working_days', amount: 1 })).toBe('1 working day');
    expect(settlementText(t, { kind: 'working_days', amount: 5 })).toBe('5 working days');
    expect(settlementText(t, { kind: 'same_day' })).toBe('Same day');
    await i18next.changeLanguage('vi');
  });

  it('names working weekdays, runs of three or more as a range', () => {
    const t = i18next.t;
    expect(weekdaysText(t, [1, 2, 3, 4, 5])).toBe('Thứ Hai đến Thứ Sáu');
    expect(weekdaysText(t, [6, 1, 2, 3, 4, 5])).toBe('Thứ Hai đến Thứ Bảy');
    expect(weekdaysText(t, [2, 4])).toBe('Thứ Ba, Thứ Năm');
    expect(weekdaysText(t, [1, 2, 3, 4, 5, 7])).toBe('Thứ Hai đến Thứ Sáu, Chủ nhật');
    expect(weekdaysText(t, [])).toBe('');
  });

  it('lists opening hours', () => {
    expect(openingHoursText([{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }])).toBe('07:30–11:30, 13:30–17:00');
  });
});
