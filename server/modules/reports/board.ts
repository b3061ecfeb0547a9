/**
 * The public transparency board (issue 7, part 4): a unit's headline figures
 * for this year and this month, its procedures' online coverage and the
 * apologies for late dossiers, for anyone (GET /api/v1/public/board[/{unitCode}]),
 * also shown on a large screen in the service centre.
 *
 * Decisions:
 * - **The same figures as the statistics.** Each period's numbers are the
 *   total row of `statistics` (service.ts) for the unit *and the units under
 *   it*, over the current local month and year (Asia/Ho_Chi_Minh): the
 *   province's board (the root unit, also `/api/v1/public/board`) covers the
 *   whole province, a district's covers its communes too. Live like the
 *   statistics. `pending` and `overdue` are the stocks *now*: at the end of
 *   today, as the statistics count a day, the same in both periods (the
 *   statistics read a period not over yet up to today, so the year's stocks
 *   are today's — read at the month's or year's last day they would count
 *   the dossiers that will be overdue by then).
 * - **Online coverage** comes from the catalog statistics (the figure of
 *   /thong-ke/thu-tuc): the unit's procedures, the whole catalog for the root.
 * - **Apologies** are dossiers whose settlement was extended with an apology
 *   (`extend`, `extended_at`), counted by the local month of the apology and
 *   by procedure (top 10), settled by the unit or under it (dossiers/apologies.ts).
 * - **No personal data, no dossier codes**: only counts, shares, unit and
 *   procedure names. The public sees active units only: an unknown or
 *   inactive unit answers 404 UNIT_NOT_FOUND.
 * - **Load**: `cache-control: public, max-age=60` (a screen refreshes every
 *   60 s), the same minute in memory (BOARD_CACHE_MS: one computation a
 *   minute per unit and process, shared by the requests that arrive while it
 *   runs; a failed one is not kept), so a board is at most a minute old,
 *   its `asOf` says when it was computed; and at most BOARD_LIMIT requests a minute per address
 *   (`limitRequests`, 429 RATE_LIMITED with Retry-After): a service centre's
 *   screens usually share one address, so the cap is loose.
 */
import type { Board, BoardFigures, Statistics } from '../../../contracts/reports.js';
import type { ServiceContext } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { limitRequests } from '../auth/rate-limit.js';
import { fromYmd, toIsoDate, ymd } from '../calendar/local-date.js';
import { resolveCalendar } from '../calendar/service.js';
import * as catalog from '../catalog/service.js';
import { apologyCounts } from '../dossiers/apologies.js';
import * as org from '../org/service.js';
import { share } from './rules.js';
import { publicStatistics } from './service.js';

/** Requests a minute per client address. */
export const BOARD_LIMIT = 120;
/** Procedures listed with their apology counts. */
export const BOARD_TOP_PROCEDURES = 10;
/** How long a unit's board is served from memory (its `max-age`). */
export const BOARD_CACHE_MS = 60_000;

const CACHE = new WeakMap<ServiceContext['database'], Map<string, { at: number; board: Promise<Board> }>>();

function figures(kind: 'month' | 'year', s: Statistics, now: Statistics): BoardFigures {
  const t = s.total;
  return {
    period: { kind, from: s.period.from, to: s.period.to },
    received: t.received.total,
    receivedOnline: t.received.online,
    onlineShare: share(t.received.online, t.received.total),
    settled: t.settled.total,
    onTimeShare: t.settled.onTimeShare,
    pending: now.total.pending.total,
    overdue: now.total.pending.overdue,
    ratings: t.satisfaction.count,
    satisfiedShare: t.satisfaction.satisfiedShare,
  };
}

/** The board of the unit with `unitCode`, or of the root unit (the province) without one. */
export async function board(ctx: ServiceContext, unitCode?: string): Promise<Board> {
  const db = ctx.database.db;
  await limitRequests(db, `board:${ctx.ip ?? 'unknown'}`, BOARD_LIMIT, ctx.clock.now());
  const root = await org.rootUnitPlace(db);
  const unit = unitCode === undefined ? root : await org.unitPlaceByCode(db, unitCode);
  if (!unit || !unit.active) throw new DomainError('UNIT_NOT_FOUND', { field: 'unitCode', code: unitCode ?? null });
  const isRoot = unit.id === root?.id;

  // One computation a minute per unit and database, shared by the requests meanwhile.
  const now = ctx.clock.now().getTime();
  let cache = CACHE.get(ctx.database);
  if (!cache) CACHE.set(ctx.database, (cache = new Map()));
  const hit = cache.get(unit.id);
  if (hit && now - hit.at < BOARD_CACHE_MS) return hit.board;
  const computed = boardOf(ctx, unit, isRoot);
  cache.set(unit.id, { at: now, board: computed });
  computed.catch(() => {
    if (cache.get(unit.id)?.board === computed) cache.delete(unit.id);
  });
  return computed;
}

async function boardOf(ctx: ServiceContext, unit: org.UnitPlace, isRoot: boolean): Promise<Board> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const cal = await resolveCalendar(db, unit.id);
  const today = cal.toLocal(now.getTime()).day;
  const { y, m } = ymd(today);
  const from = toIsoDate(today);
  // Both periods hold today, so both are read up to the end of today: the year's stocks are today's
  // (`now`), not those at its last day, which would count what will be overdue by then.
  const [year, month] = await Promise.all([
    publicStatistics(ctx, unit, { period: 'year', from, includeDescendants: 'true' }),
    publicStatistics(ctx, unit, { period: 'month', from, includeDescendants: 'true' }),
  ]);

  const cat = await catalog.statistics(ctx, isRoot ? undefined : unit.code);
  const own = isRoot ? { procedures: cat.total, online: cat.online, onlineCoverage: cat.onlineCoverage } : cat.units.find((u) => u.unitCode === unit.code);

  const under = await org.unitPlacesUnder(db, unit.id);
  const apologies = await apologyCounts(db, {
    unitIds: under.map((u) => u.id),
    from: new Date(cal.toInstant(fromYmd(y, 1, 1), 0)),
    to: new Date(cal.toInstant(fromYmd(y + 1, 1, 1), 0)),
    top: BOARD_TOP_PROCEDURES,
  });
  const counted = new Map(apologies.byMonth.map((x) => [x.month, x.dossiers]));
  const months = Array.from({ length: m }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);

  return {
    unit: { code: unit.code, name: unit.name, nameEn: unit.nameEn, province: isRoot },
    asOf: now.toISOString(),
    year: figures('year', year, year),
    month: figures('month', month, year),
    catalog: {
      procedures: own?.procedures ?? 0,
      full: own?.online.full ?? 0,
      partial: own?.online.partial ?? 0,
      onlineCoverage: own?.onlineCoverage ?? null,
    },
    apologies: {
      year: y,
      total: apologies.total,
      byMonth: months.map((month) => ({ month, dossiers: counted.get(month) ?? 0 })),
      byProcedure: apologies.byProcedure,
    },
  };
}
