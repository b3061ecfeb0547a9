/**
 * Reports DTOs: the periodic statistics of a unit (the table one-stop
 * departments send upward), from the rollups (server/modules/reports). Shared
 * by the server (validation, OpenAPI) and the web client. Change by adding.
 */
import { z } from 'zod';

export const PERIOD_KINDS = ['day', 'month', 'quarter', 'year', 'custom'] as const;
export const PeriodKind = z.enum(PERIOD_KINDS);
export type PeriodKind = z.infer<typeof PeriodKind>;

/** A custom period is at most this many days long (a leap year). */
export const MAX_CUSTOM_DAYS = 366;

const IsoDate = z.iso.date().describe('local date (Asia/Ho_Chi_Minh), YYYY-MM-DD');
const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/**
 * GET /api/v1/reports/statistics (and .csv, .xlsx). `from` names the period:
 * for day/month/quarter/year, any date in it (2023-05-17 with `year` is 2023);
 * for `custom`, its first day, with `to` its last (both included).
 */
export const StatisticsQuery = z
  .strictObject({
    unit: z.string().trim().min(1).max(32).describe('unit code'),
    includeDescendants: z.enum(['true', 'false']).default('false').describe('the units under it too, one row per child subtree'),
    period: PeriodKind,
    from: IsoDate,
    to: IsoDate.optional(),
    field: z.string().trim().min(1).max(40).optional().describe('catalog field code'),
    procedure: z.string().trim().min(1).max(40).optional().describe('procedure code'),
    officer: z.string().trim().min(1).max(64).optional().describe('username of the receiving officer'),
  })
  .superRefine((q, ctx) => {
    if (q.period !== 'custom') {
      if (q.to !== undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'only for a custom period' });
      return;
    }
    if (q.to === undefined) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'required for a custom period' });
      return;
    }
    const days = daysBetween(q.from, q.to) + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (days > MAX_CUSTOM_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_CUSTOM_DAYS} days after from` });
  });
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;

const Count = z.number().int();
const Share = z.number().min(0).max(1).nullable().describe('0–1; null when there is nothing to divide');

export const StatisticsRow = z.object({
  /** null for the total row. */
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  unitNameEn: z.string().nullable(),
  /** `unit`: the unit's own dossiers; `subtree`: a child unit with everything under it; `total`. */
  covers: z.enum(['unit', 'subtree', 'total']),
  /** Open (received, not ended) at the end of the day before the period. */
  carriedOver: Count,
  received: z.object({ total: Count, inPerson: Count, online: Count, post: Count }),
  /** Results (or refusals) ready in the period, against the first appointment. */
  settled: z.object({ total: Count, early: Count, onTime: Count, late: Count, refused: Count.describe('of which a refusal to settle'), onTimeShare: Share.describe('(early + on time) ÷ settled') }),
  /** Open at the end of the period's last day. */
  pending: z.object({ total: Count, withinTime: Count, overdue: Count, paused: Count.describe('the clock stopped: waiting for supplementation or payment') }),
  /** Stopped before a decision (withdrawn by the applicant or stopped); the workflow does not tell the two apart yet. */
  stopped: Count,
  /** Closed because the requested supplementation did not come in time. */
  closedUnsupplemented: Count,
  supplementRequests: Count,
  /** Desk intakes guided to complete the dossier, and intakes refused (at the desk or online), not counted as received. */
  intake: z.object({ incomplete: Count, refused: Count }),
  /** Working days from the (last) start of the settlement time to the result, of the dossiers settled in the period. */
  workingDays: z.object({ settled: Count, average: z.number().nullable(), median: z.number().nullable(), allowedAverage: z.number().nullable().describe('working days allowed by the first appointment') }),
  /** Courtesy letters issued (congratulation, condolence). */
  letters: Count,
  /** Satisfaction ratings given in the period (overall criterion). */
  satisfaction: z.object({
    count: Count,
    very_satisfied: Count,
    satisfied: Count,
    neutral: Count,
    dissatisfied: Count,
    very_dissatisfied: Count,
    satisfiedShare: Share,
  }),
});
export type StatisticsRow = z.infer<typeof StatisticsRow>;

/** Figures of the issue the data cannot give yet, named rather than invented. */
export const UNAVAILABLE_FIGURES = ['tripsPerDossier', 'withdrawnSeparately'] as const;

export const Statistics = z.object({
  unit: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
  includeDescendants: z.boolean(),
  period: z.object({ kind: PeriodKind, from: z.string(), to: z.string() }),
  filters: z.object({ field: z.string().nullable(), procedure: z.string().nullable(), officer: z.string().nullable() }),
  /** When the figures were read; every figure includes every change committed before it. */
  asOf: z.string(),
  rows: z.array(StatisticsRow),
  total: StatisticsRow,
  unavailable: z.array(z.enum(UNAVAILABLE_FIGURES)),
});
export type Statistics = z.infer<typeof Statistics>;
