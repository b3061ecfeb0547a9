import { describe, expect, it } from 'vitest';
import { addDays, dayText, localParts, mondayOf, sessionText, telHref, vietnamInstant } from './contact-text';

const VIETNAM = 'Asia/Ho_Chi_Minh';

describe('contact page texts', () => {
  it('name a day with its weekday in Vietnamese and in English', () => {
    expect(dayText('2026-03-02', 'vi-VN')).toBe('Thứ Hai, 02/03/2026');
    // ICU versions differ on the comma after an English weekday.
    expect(dayText('2026-03-02', 'en-GB')).toMatch(/^Monday,? 02\/03\/2026$/);
  });

  it('give a session’s day and hours in Vietnam time, whatever the browser’s zone', () => {
    expect(sessionText('2026-03-04T00:30:00.000Z', '2026-03-04T04:30:00.000Z', VIETNAM, 'vi-VN')).toBe('Thứ Tư, 04/03/2026, 07:30–11:30');
    // 23:30 UTC is already the next morning in Vietnam.
    expect(sessionText('2026-03-03T23:30:00.000Z', '2026-03-04T02:00:00.000Z', VIETNAM, 'vi-VN')).toBe('Thứ Tư, 04/03/2026, 06:30–09:00');
    expect(sessionText('2026-03-04T14:00:00.000Z', '2026-03-04T18:00:00.000Z', VIETNAM, 'vi-VN')).toBe('Thứ Tư, 04/03/2026, 21:00 – Thứ Năm, 05/03/2026, 01:00');
  });

  it('split an instant into the local date and time of the staff’s inputs, and back', () => {
    expect(localParts('2026-03-03T23:30:00.000Z', VIETNAM)).toEqual({ date: '2026-03-04', time: '06:30' });
    expect(new Date(vietnamInstant('2026-03-04', '06:30')).toISOString()).toBe('2026-03-03T23:30:00.000Z');
  });

  it('make a tel: link of a number written with spaces, dots or a country code', () => {
    expect(telHref('0236 3821.000')).toBe('tel:02363821000');
    expect(telHref('+84 236 3821 000')).toBe('tel:+842363821000');
  });

  it('find the Monday of a week and move by days', () => {
    expect(mondayOf('2026-03-04')).toBe('2026-03-02');
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
    expect(mondayOf('2026-03-02')).toBe('2026-03-02');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  });
});
