/**
 * Feedback DTOs: satisfaction ratings of returned dossiers (the five criteria
 * of the national service index), the public suggestion box, hotline calls and
 * their answers. Shared by the server (validation, OpenAPI) and the web client.
 */
import { z } from 'zod';

export const SCORES = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'] as const;
export const Score = z.enum(SCORES);
export type Score = z.infer<typeof Score>;

export const CRITERIA = ['time', 'attitude', 'transparency', 'ease', 'overall'] as const;
export type Criterion = (typeof CRITERIA)[number];

export const RatingChannel = z.enum(['online', 'counter']);
export type RatingChannel = z.infer<typeof RatingChannel>;
/** How a stored rating came: the two above, or `import` (brought by the historical import of dossiers). */
export const StoredRatingChannel = z.enum([...RatingChannel.options, 'import']);
export type StoredRatingChannel = z.infer<typeof StoredRatingChannel>;

const Instant = z.string().describe('ISO 8601 instant');

const RatingFields = {
  time: Score,
  attitude: Score,
  transparency: Score,
  ease: Score,
  overall: Score,
  comment: z.string().trim().max(1000).optional(),
};

/** The applicant's own rating: dossier code and lookup secret in the body (never the URL). */
export const PublicRatingInput = z.strictObject({
  code: z.string().trim().min(1).max(40),
  secret: z.string().trim().min(1).max(64),
  ...RatingFields,
});
export type PublicRatingInput = z.infer<typeof PublicRatingInput>;

/** A rating entered at the counter tablet; the channel defaults to `counter`. */
export const StaffRatingInput = z.strictObject({ ...RatingFields, channel: RatingChannel.default('counter') });
export type StaffRatingInput = z.infer<typeof StaffRatingInput>;

export const RatingResult = z.object({ id: z.uuid(), dossierCode: z.string(), channel: RatingChannel, createdAt: Instant });
export type RatingResult = z.infer<typeof RatingResult>;

const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');
export const RatingSummaryQuery = z.strictObject({ from: IsoDate, to: IsoDate });

const Distribution = z.object({
  very_satisfied: z.number().int(),
  satisfied: z.number().int(),
  neutral: z.number().int(),
  dissatisfied: z.number().int(),
  very_dissatisfied: z.number().int(),
  /** Share (0–1) rated satisfied or very satisfied; null without ratings. */
  satisfiedShare: z.number().nullable(),
});
export const RatingSummary = z.object({
  from: z.string(),
  to: z.string(),
  count: z.number().int(),
  criteria: z.object({ time: Distribution, attitude: Distribution, transparency: Distribution, ease: Distribution, overall: Distribution }),
});
export type RatingSummary = z.infer<typeof RatingSummary>;

/** The public suggestion box. `website` is a honeypot: people leave it empty. */
export const SuggestionInput = z.strictObject({
  text: z.string().trim().min(10).max(4000),
  unitCode: z.string().trim().min(1).max(32).optional(),
  contact: z.string().trim().max(200).optional(),
  website: z.string().max(500).optional(),
});
export type SuggestionInput = z.infer<typeof SuggestionInput>;
export const SuggestionReceived = z.object({ received: z.literal(true) });

export const HotlineInput = z.strictObject({
  summary: z.string().trim().min(1).max(4000),
  caller: z.string().trim().max(200).optional(),
  unitCode: z.string().trim().min(1).max(32).optional(),
});
export type HotlineInput = z.infer<typeof HotlineInput>;

export const FeedbackStatus = z.enum(['open', 'answered']);
export const FeedbackKind = z.enum(['suggestion', 'hotline']);
export type FeedbackKind = z.infer<typeof FeedbackKind>;
export const FeedbackItemsQuery = z.strictObject({
  status: FeedbackStatus.optional(),
  kind: FeedbackKind.optional(),
  /** `true`: open items past their due date; `false`: the others. */
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type FeedbackItemsQuery = z.input<typeof FeedbackItemsQuery>;

export const FeedbackItem = z.object({
  id: z.uuid(),
  kind: FeedbackKind,
  unit: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  text: z.string(),
  contact: z.string().nullable(),
  caller: z.string().nullable(),
  receivedAt: Instant,
  dueAt: Instant,
  status: FeedbackStatus,
  answer: z.string().nullable(),
  answeredBy: z.object({ staffId: z.uuid(), name: z.string() }).nullable(),
  answeredAt: Instant.nullable(),
  /** Not answered and its due date has passed (at the server's now). */
  overdue: z.boolean(),
  version: z.number().int(),
});
export type FeedbackItem = z.infer<typeof FeedbackItem>;
/** One page of the list: `total` items match the filters. */
export const FeedbackItemList = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(FeedbackItem) });
export type FeedbackItemList = z.infer<typeof FeedbackItemList>;

/** Whether a dossier has been rated (for the counter's "rate" action); the scores are not shown to staff. */
export const DossierRatingState = z.object({ rating: z.object({ channel: StoredRatingChannel, createdAt: Instant }).nullable() });
export type DossierRatingState = z.infer<typeof DossierRatingState>;

export const AnswerInput = z.strictObject({ answer: z.string().trim().min(1).max(4000), version: z.number().int().min(1) });
export type AnswerInput = z.infer<typeof AnswerInput>;
