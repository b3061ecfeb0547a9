/**
 * The leader dashboard (issue 7, part 3): what a leader reads at a glance
 * for a unit (with or without the units under it) over up to 24 months —
 * on-time, online and satisfaction by month, the figures of each child unit,
 * the dossiers overdue now by step and by assigned officer (each group with
 * the dossiers list's filter that shows exactly those dossiers), and the
 * service index's groups for the current year (GET /api/v1/reports/dashboard).
 *
 * Decisions:
 * - **Nothing scans the dossiers of a period.** The months are one query
 *   over the rollup's month rows plus the events not folded yet
 *   (`monthlyFlows`, queries.ts); the units are the `statistics` of the
 *   whole period with their subtree rows (rollups); the overdue groups read
 *   the partial index of running dossiers by due date (dossiers/overdue.ts),
 *   i.e. only the dossiers overdue now. The service index is `serviceIndex`
 *   (service-index-report.ts) as the staff page reads it: its digitisation
 *   figures read the unit's settled dossiers of the year (not a rollup), the
 *   slowest part of the answer for a large unit.
 * - **Flows by month** count as the statistics count them (service.ts):
 *   received on the day of receipt, settled on the day the result was ready
 *   (on time = early or on time), ratings on the day given. A month after
 *   this one is zeros.
 * - **Units' pending and overdue** are the statistics' stocks at the
 *   period's end: today when the period runs to this month.
 * - **Overdue now** is the dossiers list's `overdue=true` (dossiers/overdue.ts),
 *   of the dossiers settled by the unit (or under it), visible in the
 *   caller's reports.read scope. A running dossier always has a step; one
 *   without would count in `total` but in no step group.
 * - **Defaults**: the caller's own unit, this month (local, Asia/Ho_Chi_Minh),
 *   the 12 months ending at `to`. A range that ends before it starts or runs
 *   longer than 24 months answers 400 VALIDATION_FAILED on the field given.
 * - **Scope**: reports.read over the unit's subtree; a unit outside it answers
 *   404 UNIT_NOT_FOUND like a missing one.
 */
import type { Dashboard, DashboardMonth, DashboardQuery } from '../../../contracts/reports.js';
import { staffActor, type ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { fromYmd, toIsoDate, ymd } from '../calendar/local-date.js';
import { resolveCalendar } from '../calendar/service.js';
import { overdueGroups, type OverdueGroup } from '../dossiers/overdue.js';
import * as org from '../org/service.js';
import { STEPS } from '../../../contracts/catalog.js';
import { dashboardMonths, monthList } from './dashboard-rules.js';
import { monthlyFlows, type MonthlyRow } from './queries.js';
import { share } from './rules.js';
import { serviceIndex } from './service-index-report.js';
import { statistics } from './service.js';

const ISSUE_MESSAGES = { before_from: 'must not be before from', too_long: 'at most 24 months from from' } as const;

function monthsOf(list: readonly string[], rows: readonly MonthlyRow[]): DashboardMonth[] {
  const sums = new Map(list.map((m) => [m, { in_person: 0, online: 0, post: 0, onTime: 0, late: 0, rated: 0, satisfied: 0 }]));
  for (const r of rows) {
    const s = sums.get(r.month);
    if (!s) continue;
    if (r.channel === 'in_person' || r.channel === 'online' || r.channel === 'post') s[r.channel] += r.received;
    s.onTime += r.settled_early + r.settled_on_time;
    s.late += r.settled_late;
    s.satisfied += r.rated_very_satisfied + r.rated_satisfied;
    s.rated += r.rated_very_satisfied + r.rated_satisfied + r.rated_neutral + r.rated_dissatisfied + r.rated_very_dissatisfied;
  }
  return list.map((month) => {
    const s = sums.get(month) ?? { in_person: 0, online: 0, post: 0, onTime: 0, late: 0, rated: 0, satisfied: 0 };
    const received = s.in_person + s.online + s.post;
    const settled = s.onTime + s.late;
    return {
      month,
      received: { total: received, inPerson: s.in_person, online: s.online, post: s.post },
      settled: { total: settled, onTime: s.onTime, late: s.late },
      onTimeShare: share(s.onTime, settled),
      onlineShare: share(s.online, received),
      satisfaction: { rated: s.rated, satisfiedShare: share(s.satisfied, s.rated) },
    };
  });
}

async function overdueOf(ctx: ServiceContext, groups: readonly OverdueGroup[], base: Record<string, string>): Promise<Dashboard['overdue']> {
  const byStep = new Map<string, number>();
  const byStaff = new Map<string | null, OverdueGroup & { dossiers: number }>();
  for (const g of groups) {
    if (g.step !== null) byStep.set(g.step, (byStep.get(g.step) ?? 0) + g.dossiers);
    const person = byStaff.get(g.staffId);
    byStaff.set(g.staffId, person ? { ...person, dossiers: person.dossiers + g.dossiers } : { ...g });
  }
  const places = new Map((await org.unitPlacesByIds(ctx.database.db, [...new Set(groups.flatMap((g) => (g.unitId ? [g.unitId] : [])))])).map((u) => [u.id, u]));
  const stepOrder = (s: string) => (STEPS as readonly string[]).indexOf(s);
  return {
    total: groups.reduce((n, g) => n + g.dossiers, 0),
    byStep: [...byStep]
      .sort((a, b) => stepOrder(a[0]) - stepOrder(b[0]))
      .map(([step, dossiers]) => ({ step, dossiers, filter: { ...base, step } })),
    byAssignee: [...byStaff.values()]
      .sort((a, b) => b.dossiers - a.dossiers || (a.staffId === null ? 1 : 0) - (b.staffId === null ? 1 : 0) || (a.name ?? '').localeCompare(b.name ?? ''))
      .map((g) => {
        const place = g.unitId ? places.get(g.unitId) : undefined;
        return {
          staffId: g.staffId,
          name: g.name,
          unitCode: place?.code ?? null,
          unitName: place?.name ?? null,
          unitNameEn: place?.nameEn ?? null,
          dossiers: g.dossiers,
          filter: { ...base, assignee: g.staffId ?? 'none' },
        };
      }),
  };
}

/** The leader dashboard of a unit (GET /api/v1/reports/dashboard). */
export async function dashboard(ctx: ServiceContext, query: DashboardQuery): Promise<Dashboard> {
  const db = ctx.database.db;
  const actor = staffActor(ctx);
  const scope = actor.scope('reports.read');
  const code = query.unit ?? (await org.unitPlaceById(db, actor.unitId))?.code;
  const unit = code === undefined ? undefined : await org.unitPlaceByCode(db, code, scope);
  if (!unit) throw new DomainError('UNIT_NOT_FOUND', { field: 'unit', code: code ?? null });

  const now = ctx.clock.now();
  const today = (await resolveCalendar(db, unit.id)).toLocal(now.getTime()).day;
  const range = dashboardMonths(query.from, query.to, toIsoDate(today).slice(0, 7));
  if ('reason' in range) {
    throw new DomainError('VALIDATION_FAILED', { issues: [{ in: 'querystring', path: `/${range.field}`, code: range.reason, message: ISSUE_MESSAGES[range.reason] }] });
  }
  const descendants = query.includeDescendants === 'true';
  const unitIds = (descendants ? await org.unitPlacesUnder(db, unit.id) : [unit]).map((p) => p.id);
  const [ty = 0, tm = 0] = range.to.split('-').map(Number);
  const base = { overdue: 'true', settlingUnit: unit.code, includeDescendants: descendants ? 'true' : 'false' };

  const [flows, stats, groups, index] = await Promise.all([
    monthlyFlows(db, unitIds, `${range.from}-01`, `${range.to}-01`),
    statistics(ctx, { unit: unit.code, includeDescendants: descendants ? 'true' : 'false', period: 'custom', from: `${range.from}-01`, to: toIsoDate(fromYmd(ty, tm + 1, 1) - 1) }),
    overdueGroups(db, { unitIds, scopeRoots: scope, now }),
    serviceIndex(ctx, { unit: unit.code, year: ymd(today).y }),
  ]);

  return {
    unit: { code: unit.code, name: unit.name, nameEn: unit.nameEn },
    includeDescendants: descendants,
    period: range,
    asOf: now.toISOString(),
    months: monthsOf(monthList(range.from, range.to), flows),
    units: stats.rows.map((r) => ({
      unitCode: r.unitCode ?? unit.code,
      unitName: r.unitName ?? unit.name,
      unitNameEn: r.unitNameEn,
      covers: r.covers === 'subtree' ? 'subtree' : 'unit',
      received: r.received.total,
      settled: r.settled.total,
      onTimeShare: r.settled.onTimeShare,
      pending: r.pending.total,
      overdue: r.pending.overdue,
    })),
    overdue: await overdueOf(ctx, groups, base),
    serviceIndex: {
      year: index.year,
      score: index.score,
      groups: index.groups.map((g) => ({ id: g.id, points: g.points, measuredMax: g.measuredMax, max: g.max })),
    },
  };
}
