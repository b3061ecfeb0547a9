/**
 * The service index for serving people and businesses (Decision 766/QĐ-TTg,
 * issue 7 part 2) as pure functions: the table of indicators (group, maximum,
 * threshold, how the ratio is computed from Motcua's figures) and the scoring.
 * The figures are read by `serviceIndex` in service.ts (the year's statistics
 * of the unit and the catalog's online coverage); nothing here does I/O.
 *
 * Decisions:
 * - **One table, one formula each.** Every indicator's formula lives in
 *   `INDICATORS` below; /work/shared/data/service-index-766.md calls the
 *   per-indicator formulas "the best available reading", so correcting one is
 *   an edit of its row. The general rule: ratio × maximum, or with a threshold
 *   T full points at ratio ≥ T, else ratio ÷ T × maximum (ratio clamped to 0–1).
 * - **Never invent numbers.** An indicator Motcua has no data for (national
 *   database and portal, online payment, certified copies, personal data
 *   store, population database, the 766 feedback steps…) is `measured: false`
 *   with the reason, and counts neither in the score nor in `measuredMax`; an
 *   indicator with nothing to divide (no dossier received) has `points: null`
 *   and counts in neither either. The answer gives the score over measured
 *   indicators and the most they could give, never a score out of 100.
 * - **On time** (progress): settled early or on time in the period, plus the
 *   dossiers still open at its end that are not overdue (judged at the
 *   period's end, as 766 says), over the dossiers received in the period. A
 *   dossier's `timeliness` already makes a second supplementation request or
 *   an extension late. Carried-over dossiers can push the ratio above 1; it is
 *   clamped.
 * - **Online service split**: the data file gives the group 12 points but not
 *   its split; until confirmed, 6 for procedures offered online (threshold
 *   80%) and 6 for dossiers received online (threshold 50%). The latter
 *   multiplies by the sync ratio to the national portal, which Motcua does not
 *   measure: it is scored with that factor taken as 1 and says so
 *   (`caveats: ['syncRatioAssumedOne']`) — an upper bound.
 * - **Digitisation**: of the dossiers settled in the period (result or
 *   refusal ready), those with a signed electronic result stored (documents
 *   module, kind `result`) score "electronic result issued" (6); those that
 *   also have every received document marked digitised (at least one) score
 *   "digitised and electronic result" (4, threshold 80%). Refusals count in
 *   the denominator: the data file says "÷ settled".
 * - **Satisfaction with procedures**: 1 − late ÷ settled − dissatisfied
 *   ratings ÷ settled (ratings "dissatisfied" or "very dissatisfied" of the
 *   period), full points at ≥ 90%. Complaints are not linked to dossiers yet,
 *   so only dislikes count (caveat `complaintsNotLinked`).
 */

export const SERVICE_INDEX_GROUPS = ['publicity', 'progress', 'onlineService', 'onlinePayment', 'digitisation', 'satisfaction'] as const;
export type ServiceIndexGroup = (typeof SERVICE_INDEX_GROUPS)[number];

/** Confirmed group maxima (sum 100). */
export const GROUP_MAX: Record<ServiceIndexGroup, number> = {
  publicity: 18,
  progress: 20,
  onlineService: 12,
  onlinePayment: 10,
  digitisation: 22,
  satisfaction: 18,
};

/** What the service reads for a unit and year. */
export type IndexFigures = {
  received: number;
  /** Settled early or on time in the period. */
  settledOnTime: number;
  settledLate: number;
  settled: number;
  /** Open at the period's end and not overdue (within time or paused). */
  openNotOverdue: number;
  receivedOnline: number;
  dislikes: number;
  procedures: number;
  proceduresOnline: number;
  /** Dossiers whose result (or refusal) was ready in the period, as read for digitisation. */
  settledDossiers: number;
  /** Of those, with a signed electronic result stored. */
  electronicResults: number;
  /** Of those, with every received document digitised and an electronic result. */
  digitisedWithResult: number;
};

export const UNMEASURED_REASONS = [
  'announcementDatesNotRecorded',
  'nationalDatabaseNotConnected',
  'nationalPortalNotConnected',
  'onlinePaymentNotRecorded',
  'certifiedCopiesNotProvided',
  'dataReuseNotRecorded',
  'personalDataStoreNotConnected',
  'populationDatabaseNotConnected',
  'feedbackDeadlinesDiffer',
  'feedbackHandlingNotRated',
] as const;
export type UnmeasuredReason = (typeof UNMEASURED_REASONS)[number];

export const INDEX_CAVEATS = ['syncRatioAssumedOne', 'complaintsNotLinked'] as const;
export type IndexCaveat = (typeof INDEX_CAVEATS)[number];

type Input = { name: string; value: number };
type Measure = { inputs: Input[]; numerator: number; denominator: number };

type IndicatorDef = {
  id: string;
  group: ServiceIndexGroup;
  max: number;
  /** Full points at or above this ratio; null: points = ratio × max. */
  threshold: number | null;
  caveats?: IndexCaveat[];
} & ({ measure: (f: IndexFigures) => Measure } | { unmeasured: UnmeasuredReason });

const unmeasured = (id: string, group: ServiceIndexGroup, max: number, threshold: number | null, reason: UnmeasuredReason): IndicatorDef => ({
  id,
  group,
  max,
  threshold,
  unmeasured: reason,
});

/** The indicators of Decision 766, in the order of the data file. */
export const INDICATORS: readonly IndicatorDef[] = [
  unmeasured('announcedOnTime', 'publicity', 6, null, 'announcementDatesNotRecorded'),
  unmeasured('nationalDatabaseOnTime', 'publicity', 4, null, 'nationalDatabaseNotConnected'),
  unmeasured('nationalDatabaseComplete', 'publicity', 2, null, 'nationalDatabaseNotConnected'),
  unmeasured('syncedToNationalPortal', 'publicity', 6, null, 'nationalPortalNotConnected'),
  {
    id: 'onTimeSettlement',
    group: 'progress',
    max: 20,
    threshold: null,
    measure: (f) => ({
      inputs: [
        { name: 'settledOnTime', value: f.settledOnTime },
        { name: 'openNotOverdue', value: f.openNotOverdue },
        { name: 'received', value: f.received },
      ],
      numerator: f.settledOnTime + f.openNotOverdue,
      denominator: f.received,
    }),
  },
  {
    id: 'proceduresOnline',
    group: 'onlineService',
    max: 6,
    threshold: 0.8,
    measure: (f) => ({
      inputs: [
        { name: 'proceduresOnline', value: f.proceduresOnline },
        { name: 'procedures', value: f.procedures },
      ],
      numerator: f.proceduresOnline,
      denominator: f.procedures,
    }),
  },
  {
    id: 'dossiersOnline',
    group: 'onlineService',
    max: 6,
    threshold: 0.5,
    caveats: ['syncRatioAssumedOne'],
    measure: (f) => ({
      inputs: [
        { name: 'receivedOnline', value: f.receivedOnline },
        { name: 'received', value: f.received },
      ],
      numerator: f.receivedOnline,
      denominator: f.received,
    }),
  },
  unmeasured('onlinePayment', 'onlinePayment', 10, null, 'onlinePaymentNotRecorded'),
  {
    id: 'electronicResult',
    group: 'digitisation',
    max: 6,
    threshold: null,
    measure: (f) => ({
      inputs: [
        { name: 'electronicResults', value: f.electronicResults },
        { name: 'settledDossiers', value: f.settledDossiers },
      ],
      numerator: f.electronicResults,
      denominator: f.settledDossiers,
    }),
  },
  {
    id: 'digitisedWithResult',
    group: 'digitisation',
    max: 4,
    threshold: 0.8,
    measure: (f) => ({
      inputs: [
        { name: 'digitisedWithResult', value: f.digitisedWithResult },
        { name: 'settledDossiers', value: f.settledDossiers },
      ],
      numerator: f.digitisedWithResult,
      denominator: f.settledDossiers,
    }),
  },
  unmeasured('certifiedCopies', 'digitisation', 2, null, 'certifiedCopiesNotProvided'),
  unmeasured('dataReuse', 'digitisation', 2, 0.8, 'dataReuseNotRecorded'),
  unmeasured('personalDataStore', 'digitisation', 4, null, 'personalDataStoreNotConnected'),
  unmeasured('populationDbProcedures', 'digitisation', 2, null, 'populationDatabaseNotConnected'),
  unmeasured('populationDbDossiers', 'digitisation', 2, null, 'populationDatabaseNotConnected'),
  unmeasured('feedbackOnTime', 'satisfaction', 6, null, 'feedbackDeadlinesDiffer'),
  unmeasured('feedbackSatisfaction', 'satisfaction', 6, null, 'feedbackHandlingNotRated'),
  {
    id: 'procedureSatisfaction',
    group: 'satisfaction',
    max: 6,
    threshold: 0.9,
    caveats: ['complaintsNotLinked'],
    measure: (f) => ({
      inputs: [
        { name: 'settled', value: f.settled },
        { name: 'settledLate', value: f.settledLate },
        { name: 'dislikes', value: f.dislikes },
      ],
      numerator: f.settled - f.settledLate - f.dislikes,
      denominator: f.settled,
    }),
  },
];

/**
 * Points of a ratio: ratio × max, or with a threshold full points at ratio ≥
 * threshold, else ratio ÷ threshold × max. The ratio is clamped to 0–1.
 */
export function pointsOf(ratio: number, max: number, threshold: number | null): number {
  const r = Math.min(1, Math.max(0, Number.isFinite(ratio) ? ratio : 0));
  if (threshold === null || threshold <= 0) return r * max;
  return r >= threshold ? max : (r / threshold) * max;
}

export type IndicatorScore = {
  id: string;
  group: ServiceIndexGroup;
  max: number;
  threshold: number | null;
  formula: string;
  measured: boolean;
  reason: UnmeasuredReason | null;
  caveats: IndexCaveat[];
  inputs: Input[];
  numerator: number | null;
  denominator: number | null;
  /** Clamped to 0–1; null when unmeasured or nothing to divide. */
  ratio: number | null;
  points: number | null;
};

export type GroupScore = {
  id: ServiceIndexGroup;
  max: number;
  /** Sum of the points of its indicators that have points. */
  points: number;
  /** Sum of the maxima of those indicators: the most they could give. */
  measuredMax: number;
  indicators: IndicatorScore[];
};

export type IndexScore = { points: number; measuredMax: number; max: number; groups: GroupScore[] };

/** One indicator scored from the figures. */
export function scoreIndicator(def: IndicatorDef, f: IndexFigures): IndicatorScore {
  const head = { id: def.id, group: def.group, max: def.max, threshold: def.threshold, formula: `serviceIndex.formula.${def.id}`, caveats: def.caveats ?? [] };
  if ('unmeasured' in def) return { ...head, measured: false, reason: def.unmeasured, inputs: [], numerator: null, denominator: null, ratio: null, points: null };
  const m = def.measure(f);
  const ratio = m.denominator > 0 ? Math.min(1, Math.max(0, m.numerator / m.denominator)) : null;
  return {
    ...head,
    measured: true,
    reason: null,
    inputs: m.inputs,
    numerator: m.numerator,
    denominator: m.denominator,
    ratio,
    points: ratio === null ? null : pointsOf(ratio, def.max, def.threshold),
  };
}

/** The whole index: every group, its indicators, the score over measured indicators and the most they could give. */
export function scoreIndex(f: IndexFigures, defs: readonly IndicatorDef[] = INDICATORS): IndexScore {
  const groups = SERVICE_INDEX_GROUPS.map((g): GroupScore => {
    const indicators = defs.filter((d) => d.group === g).map((d) => scoreIndicator(d, f));
    const scored = indicators.filter((i) => i.points !== null);
    return {
      id: g,
      max: GROUP_MAX[g],
      points: scored.reduce((s, i) => s + (i.points ?? 0), 0),
      measuredMax: scored.reduce((s, i) => s + i.max, 0),
      indicators,
    };
  });
  return {
    points: groups.reduce((s, g) => s + g.points, 0),
    measuredMax: groups.reduce((s, g) => s + g.measuredMax, 0),
    max: 100,
    groups,
  };
}
