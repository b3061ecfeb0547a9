/**
 * The rating form's rules, apart from its markup so they are tested alone and
 * shared by every place that rates (the public page, the counter tablet, the
 * citizen portal): the five criteria of the national service index, each on
 * the five-point scale, all required; an optional comment.
 */
import { CRITERIA, SCORES, StaffRatingInput, type Criterion, type Score } from '../../../../contracts/feedback';

export { CRITERIA, SCORES };
export type { Criterion, Score };

/** What the applicant has chosen so far: null for a criterion not answered yet. */
export type RatingDraft = { scores: Record<Criterion, Score | null>; comment: string };

/** The rating as the API takes it (the five scores and the comment when there is one). */
export type RatingValues = { [C in Criterion]: Score } & { comment?: string };

export const COMMENT_MAX = StaffRatingInput.shape.comment.unwrap().maxLength ?? 1000;

export function emptyRatingDraft(): RatingDraft {
  return { scores: { time: null, attitude: null, transparency: null, ease: null, overall: null }, comment: '' };
}

/** The criteria not answered yet, in the form's order. */
export function missingCriteria(draft: RatingDraft): Criterion[] {
  return CRITERIA.filter((criterion) => draft.scores[criterion] === null);
}

export function isScore(value: string): value is Score {
  return (SCORES as readonly string[]).includes(value);
}

export type RatingProblem = { missing: Criterion[]; commentTooLong: boolean };

/** What stops the draft from being sent, or null when it can go. */
export function ratingProblems(draft: RatingDraft): RatingProblem | null {
  const missing = missingCriteria(draft);
  const commentTooLong = draft.comment.trim().length > COMMENT_MAX;
  return missing.length === 0 && !commentTooLong ? null : { missing, commentTooLong };
}

/** The body to send, or null while the draft is incomplete or too long. A blank comment is left out. */
export function toRatingValues(draft: RatingDraft): RatingValues | null {
  if (ratingProblems(draft) !== null) return null;
  const { time, attitude, transparency, ease, overall } = draft.scores;
  if (time === null || attitude === null || transparency === null || ease === null || overall === null) return null;
  const comment = draft.comment.trim();
  return { time, attitude, transparency, ease, overall, ...(comment === '' ? {} : { comment }) };
}
