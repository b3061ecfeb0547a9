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
 * GET /api/v1/reports/statistics (and .csv, .xlsx, .pdf). `from` names the period:
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
  /** Stopped by the authority before a decision (`stop`), on the day it was closed; not the withdrawn ones. */
  stopped: Count,
  /** Withdrawn at the applicant's written request before the result (`withdraw`, Decree 118/2025), on the day it was closed. */
  withdrawn: Count,
  /** Closed because the requested supplementation did not come in time. */
  closedUnsupplemented: Count,
  supplementRequests: Count,
  /** Desk intakes guided to complete the dossier, and intakes refused (at the desk or online), not counted as received. */
  intake: z.object({ incomplete: Count, refused: Count }),
  /** Working days from the (last) start of the settlement time to the result, of the dossiers settled in the period. */
  workingDays: z.object({ settled: Count, average: z.number().nullable(), median: z.number().nullable(), allowedAverage: z.number().nullable().describe('working days allowed by the first appointment') }),
  /** Courtesy letters issued (congratulation, condolence). */
  letters: Count,
  /**
   * Trips to the desk of the dossiers whose result (or refusal) was handed over in the period:
   * each counts its desk intake, supplements received at the desk and the result taken at the desk.
   */
  trips: z.object({
    returned: Count.describe('dossiers returned in the period'),
    visits: Count.describe('their trips to the desk, all told'),
    average: z.number().nullable().describe('visits ÷ returned; null when none was returned'),
  }),
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

export const Statistics = z.object({
  unit: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
  includeDescendants: z.boolean(),
  period: z.object({ kind: PeriodKind, from: z.string(), to: z.string() }),
  filters: z.object({ field: z.string().nullable(), procedure: z.string().nullable(), officer: z.string().nullable() }),
  /** When the figures were read; every figure includes every change committed before it. */
  asOf: z.string(),
  rows: z.array(StatisticsRow),
  total: StatisticsRow,
});
export type Statistics = z.infer<typeof Statistics>;

// ---------------------------------------------------------------- service index (Decision 766/QĐ-TTg)

/** GET /api/v1/reports/service-index: a unit's index over a calendar year. */
export const ServiceIndexQuery = z.strictObject({
  unit: z.string().trim().min(1).max(32).describe('unit code'),
  year: z.coerce.number().int().min(2000).max(2100).describe('calendar year (local dates)'),
});
export type ServiceIndexQuery = z.infer<typeof ServiceIndexQuery>;

export const ServiceIndexIndicator = z.object({
  id: z.string(),
  max: z.number(),
  /** Full points at or above this ratio; null: points = ratio × max. */
  threshold: z.number().nullable(),
  /** i18n key of the formula's text (web: `reports.serviceIndex.formula.<id>`). */
  formula: z.string(),
  /** false: Motcua has no data for it; `reason` says why, and it counts neither in the score nor in `measuredMax`. */
  measured: z.boolean(),
  reason: z.string().nullable(),
  /** Assumptions the points rest on (e.g. `syncRatioAssumedOne`: an upper bound). */
  caveats: z.array(z.string()),
  inputs: z.array(z.object({ name: z.string(), value: z.number() })),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** numerator ÷ denominator clamped to 0–1; null when unmeasured or nothing to divide. */
  ratio: z.number().min(0).max(1).nullable(),
  /** null when unmeasured or nothing to divide. */
  points: z.number().nullable(),
});
export type ServiceIndexIndicator = z.infer<typeof ServiceIndexIndicator>;

export const ServiceIndexGroup = z.object({
  id: z.enum(['publicity', 'progress', 'onlineService', 'onlinePayment', 'digitisation', 'satisfaction']),
  max: z.number(),
  points: z.number(),
  /** The most its scored indicators could give. */
  measuredMax: z.number(),
  indicators: z.array(ServiceIndexIndicator),
});

export const ServiceIndex = z.object({
  unit: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
  year: z.number().int(),
  period: z.object({ from: z.string(), to: z.string() }),
  asOf: z.string(),
  /** Points over the scored indicators, the most those could give, and the index's 100. */
  score: z.object({ points: z.number(), measuredMax: z.number(), max: z.number() }),
  groups: z.array(ServiceIndexGroup),
});
export type ServiceIndex = z.infer<typeof ServiceIndex>;

// ---------------------------------------------------------------- the public transparency board

/** The headline figures of one period on the public board (GET /api/v1/public/board). */
export const BoardFigures = z.object({
  period: z.object({ kind: z.enum(['month', 'year']), from: z.string(), to: z.string() }),
  received: Count,
  receivedOnline: Count,
  /** received online ÷ received. */
  onlineShare: Share,
  settled: Count,
  /** (early + on time) ÷ settled. */
  onTimeShare: Share,
  /** Open now (the statistics of today; the same in both periods). */
  pending: Count,
  /** Of the open ones, past their first appointment by the end of today. */
  overdue: Count,
  ratings: Count,
  /** (very satisfied + satisfied) ÷ ratings. */
  satisfiedShare: Share,
});
export type BoardFigures = z.infer<typeof BoardFigures>;

/**
 * The public transparency board of a unit and the units under it (the root:
 * the province). Aggregates only: nothing of a dossier or a person.
 */
export const Board = z.object({
  unit: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable(), province: z.boolean() }),
  asOf: z.string(),
  year: BoardFigures,
  month: BoardFigures,
  /** Online service coverage of the procedures the unit implements (the province: the whole catalog). */
  catalog: z.object({ procedures: Count, full: Count, partial: Count, onlineCoverage: Share }),
  /** Dossiers that were late and got an apology and re-appointment, this year. */
  apologies: z.object({
    year: z.number().int(),
    total: Count,
    /** Every month of the year up to the current one, 'YYYY-MM'. */
    byMonth: z.array(z.object({ month: z.string(), dossiers: Count })),
    /** The 10 procedures with the most. */
    byProcedure: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable(), dossiers: Count })),
  }),
});
export type Board = z.infer<typeof Board>;

export const BoardParams = z.strictObject({ unitCode: z.string().trim().min(1).max(32) });

// ---------------------------------------------------------------- the leader dashboard

/** A dashboard's period is at most this many months long. */
export const MAX_DASHBOARD_MONTHS = 24;

const YearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM')
  .describe('local month (Asia/Ho_Chi_Minh), YYYY-MM');

/** Months from `from` to `to`, both included ('2025-01' → '2025-03' is 3); ≤ 0 when `to` is before `from`. */
export function monthsBetween(from: string, to: string): number {
  const [fy = 0, fm = 0] = from.split('-').map(Number);
  const [ty = 0, tm = 0] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/**
 * GET /api/v1/reports/dashboard. Without `unit`, the caller's own unit;
 * without `to`, this month; without `from`, the 12 months ending at `to`.
 */
export const DashboardQuery = z
  .strictObject({
    unit: z.string().trim().min(1).max(32).optional().describe("unit code (default: the caller's unit)"),
    from: YearMonth.optional().describe('first month (default: 11 months before `to`)'),
    to: YearMonth.optional().describe('last month (default: this month)'),
    includeDescendants: z.enum(['true', 'false']).default('false').describe('the units under it too'),
  })
  .superRefine((q, ctx) => {
    if (q.from === undefined || q.to === undefined) return;
    const months = monthsBetween(q.from, q.to);
    if (months < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (months > MAX_DASHBOARD_MONTHS) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_DASHBOARD_MONTHS} months from from` });
  });
export type DashboardQuery = z.input<typeof DashboardQuery>;

export const DashboardMonth = z.object({
  month: z.string().describe('YYYY-MM'),
  received: z.object({ total: Count, inPerson: Count, online: Count, post: Count }),
  /** Results (or refusals) ready in the month: early or on time, and late. */
  settled: z.object({ total: Count, onTime: Count.describe('early or on time'), late: Count }),
  onTimeShare: Share,
  /** received online ÷ received. */
  onlineShare: Share,
  /** Ratings given in the month; (very satisfied + satisfied) ÷ rated. */
  satisfaction: z.object({ rated: Count, satisfiedShare: Share }),
});
export type DashboardMonth = z.infer<typeof DashboardMonth>;

/** The dossiers list's query (GET /api/v1/dossiers) showing exactly a group's dossiers. */
export const DashboardListFilter = z.record(z.string(), z.string());

export const Dashboard = z.object({
  unit: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
  includeDescendants: z.boolean(),
  period: z.object({ from: z.string().describe('YYYY-MM'), to: z.string().describe('YYYY-MM') }),
  asOf: z.string(),
  /** Every month of the period, in order (months after this one: zeros). */
  months: z.array(DashboardMonth),
  /** The statistics rows over the whole period: the unit's own dossiers, then each child unit with its subtree. */
  units: z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      unitNameEn: z.string().nullable(),
      covers: z.enum(['unit', 'subtree']),
      received: Count,
      settled: Count,
      onTimeShare: Share,
      /** Open now, and of those past their first appointment. */
      pending: Count,
      overdue: Count,
    }),
  ),
  /** Open dossiers past their appointment now (the dossiers list's `overdue=true`), by step and by assigned officer. */
  overdue: z.object({
    total: Count,
    byStep: z.array(z.object({ step: z.string(), dossiers: Count, filter: DashboardListFilter })),
    byAssignee: z.array(
      z.object({
        /** null: no officer assigned yet. */
        staffId: z.string().nullable(),
        name: z.string().nullable(),
        unitCode: z.string().nullable(),
        unitName: z.string().nullable(),
        unitNameEn: z.string().nullable(),
        dossiers: Count,
        filter: DashboardListFilter,
      }),
    ),
  }),
  /** The unit's service index (own dossiers) for the current year: the groups' points. */
  serviceIndex: z.object({
    year: z.number().int(),
    score: z.object({ points: z.number(), measuredMax: z.number(), max: z.number() }),
    groups: z.array(z.object({ id: z.string(), points: z.number(), measuredMax: z.number(), max: z.number() })),
  }),
});
export type Dashboard = z.infer<typeof Dashboard>;
