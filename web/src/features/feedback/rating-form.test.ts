import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StaffRatingInput } from '../../../../contracts/feedback';
import { COMMENT_MAX, CRITERIA, emptyRatingDraft, missingCriteria, ratingProblems, SCORES, toRatingValues, type RatingDraft } from './rating-form';

const score = fc.option(fc.constantFrom(...SCORES), { nil: null });
const draft: fc.Arbitrary<RatingDraft> = fc.record({
  scores: fc.record({ time: score, attitude: score, transparency: score, ease: score, overall: score }),
  comment: fc.oneof(fc.string({ maxLength: 40 }), fc.constant('  '), fc.string({ minLength: COMMENT_MAX - 2, maxLength: COMMENT_MAX + 5 })),
});

describe('the rating form', () => {
  it('starts with nothing chosen: every criterion is missing, in the form’s order', () => {
    expect(missingCriteria(emptyRatingDraft())).toEqual([...CRITERIA]);
    expect(toRatingValues(emptyRatingDraft())).toBeNull();
  });

  it('sends a body exactly when every criterion is chosen and the comment fits, and the server’s schema takes it', () => {
    fc.assert(
      fc.property(draft, (d) => {
        const values = toRatingValues(d);
        const complete = CRITERIA.every((c) => d.scores[c] !== null) && d.comment.trim().length <= COMMENT_MAX;
        expect(values !== null).toBe(complete);
        expect(ratingProblems(d) === null).toBe(complete);
        if (values === null) return;
        expect(StaffRatingInput.safeParse(values).success).toBe(true);
        for (const c of CRITERIA) expect(values[c]).toBe(d.scores[c]);
        // A blank comment is left out; any other is sent trimmed.
        expect(values.comment).toBe(d.comment.trim() === '' ? undefined : d.comment.trim());
      }),
    );
  });

  it('names what is missing and a comment that is too long', () => {
    const d = emptyRatingDraft();
    d.scores.time = 'satisfied';
    d.scores.overall = 'very_dissatisfied';
    d.comment = 'x'.repeat(COMMENT_MAX + 1);
    expect(ratingProblems(d)).toEqual({ missing: ['attitude', 'transparency', 'ease'], commentTooLong: true });
  });
});
