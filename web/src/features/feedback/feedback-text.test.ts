import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SuggestionInput, type RatingSummary } from '../../../../contracts/feedback';
import { parseLookupFragment } from '../dossiers/dossier-text';
import {
  dayRangeProblem,
  defaultDayRange,
  dueState,
  ratingPagePath,
  SUGGESTION_TEXT,
  summaryRows,
  textProblem,
  toSuggestionInput,
  waitMinutes,
} from './feedback-text';

describe('the rating page link', () => {
  it('carries code and secret in the fragment only, and reads back as it was given', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 1, maxLength: 64 }), (code, secret) => {
        const path = ratingPagePath(code, secret);
        const [route, fragment = ''] = path.split('#');
        expect(route).toBe('/danh-gia');
        expect(route).not.toContain('?');
        const parsed = parseLookupFragment(`#${fragment}`);
        if (code.trim() === '' || secret.trim() === '') expect(parsed).toBeNull();
        else expect(parsed).toEqual({ code: code.trim(), secret: secret.trim() });
      }),
    );
  });
});

describe('the answer’s due state', () => {
  const dueAt = '2026-12-08T02:00:00.000Z';
  it('follows the server’s overdue flag while open, and tells a late answer from one on time', () => {
    expect(dueState({ overdue: false, dueAt, answeredAt: null })).toBe('open');
    expect(dueState({ overdue: true, dueAt, answeredAt: null })).toBe('overdue');
    expect(dueState({ overdue: false, dueAt, answeredAt: '2026-12-08T01:59:59.000Z' })).toBe('answered');
    expect(dueState({ overdue: false, dueAt, answeredAt: '2026-12-08T02:00:00.000Z' })).toBe('answered');
    expect(dueState({ overdue: false, dueAt, answeredAt: '2026-12-08T02:00:01.000Z' })).toBe('answeredLate');
  });
});

describe('the ratings summary', () => {
  it('lists the five criteria in the form’s order with their counts and the share satisfied or better', () => {
    const d = (vs: number, s: number, n: number, ds: number, vd: number) => {
      const total = vs + s + n + ds + vd;
      return { very_satisfied: vs, satisfied: s, neutral: n, dissatisfied: ds, very_dissatisfied: vd, satisfiedShare: total === 0 ? null : (vs + s) / total };
    };
    const summary: RatingSummary = {
      from: '2026-11-01',
      to: '2026-11-30',
      count: 4,
      criteria: { overall: d(1, 1, 1, 1, 0), time: d(0, 1, 0, 2, 1), ease: d(4, 0, 0, 0, 0), attitude: d(0, 0, 4, 0, 0), transparency: d(2, 0, 0, 0, 2) },
    };
    const rows = summaryRows(summary);
    expect(rows.map((r) => r.criterion)).toEqual(['time', 'attitude', 'transparency', 'ease', 'overall']);
    expect(rows.map((r) => [r.satisfied, r.share])).toEqual([
      [1, 0.25],
      [0, 0],
      [2, 0.5],
      [4, 1],
      [2, 0.5],
    ]);
    expect(rows[0]?.counts).toEqual({ very_satisfied: 0, satisfied: 1, neutral: 0, dissatisfied: 2, very_dissatisfied: 1 });
  });
});

describe('the summary’s day range', () => {
  it('defaults to the current month up to today in Vietnam time', () => {
    // 23:30 on 31 October in UTC is already 1 November in Hà Nội.
    expect(defaultDayRange(new Date('2026-10-31T23:30:00Z'))).toEqual({ from: '2026-11-01', to: '2026-11-01' });
    expect(defaultDayRange(new Date('2026-11-24T02:00:00Z'))).toEqual({ from: '2026-11-01', to: '2026-11-24' });
  });

  it('rejects days that do not exist and a range the wrong way round', () => {
    expect(dayRangeProblem('2026-11-01', '2026-11-30')).toBeNull();
    expect(dayRangeProblem('2026-11-31', '2026-12-01')).toBe('fromInvalid');
    expect(dayRangeProblem('2026-02-01', '2026-02-29')).toBe('toInvalid');
    expect(dayRangeProblem('2028-02-29', '2028-03-01')).toBeNull();
    expect(dayRangeProblem('', '2026-12-01')).toBe('fromInvalid');
    expect(dayRangeProblem('2026-12-02', '2026-12-01')).toBe('order');
  });
});

describe('the suggestion form', () => {
  it('checks the text as the server does, trimmed, and sends what the server accepts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 20 }), fc.option(fc.constantFrom('X-HB', 'P-PT'), { nil: null }), (text, contact, unitCode) => {
        const problem = textProblem(text, { ...SUGGESTION_TEXT });
        const input = toSuggestionInput({ text, unitCode, contact, website: '' });
        expect(SuggestionInput.safeParse(input).success).toBe(problem === null);
        expect('website' in input).toBe(false);
        expect('contact' in input).toBe(contact.trim() !== '');
      }),
    );
    expect(textProblem('   ', SUGGESTION_TEXT)).toBe('required');
    expect(textProblem(' ngắn ', SUGGESTION_TEXT)).toBe('tooShort');
    expect(textProblem('x'.repeat(4001), SUGGESTION_TEXT)).toBe('tooLong');
    expect(textProblem('', { max: 200, required: false })).toBeNull();
  });

  it('sends the honeypot as typed when something filled it, so the server can drop the submission', () => {
    expect(toSuggestionInput({ text: 'Đề nghị thêm ghế chờ.', unitCode: null, contact: '', website: 'http://spam.example' })).toEqual({ text: 'Đề nghị thêm ghế chờ.', website: 'http://spam.example' });
  });

  it('says how many whole minutes to wait, at least one', () => {
    expect([waitMinutes(undefined), waitMinutes(1), waitMinutes(60), waitMinutes(61), waitMinutes(599)]).toEqual([1, 1, 1, 2, 10]);
  });
});
