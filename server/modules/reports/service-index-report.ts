/**
 * Reads the figures of the service index (Decision 766, service-index.ts) for
 * a unit and calendar year: the year's statistics of the unit's own dossiers
 * (rollups, `statistics`, which also enforces the reports.read scope: a unit
 * outside it answers 404 UNIT_NOT_FOUND like a missing one) and the catalog's
 * online coverage of the procedures the unit implements, and the settled
 * dossiers' digitisation (dossiers module) and electronic results (documents
 * module). Scoring is pure. The digitisation figures pass the year's settled
 * dossier ids from one module to the other: fine for a unit's own year (tens
 * of thousands); a rollup would be the next step for a province-wide index.
 */
import type { ServiceIndex, ServiceIndexQuery } from '../../../contracts/reports.js';
import type { ServiceContext } from '../../http/context.js';
import * as catalog from '../catalog/service.js';
import * as documents from '../documents/service.js';
import * as dossiers from '../dossiers/service.js';
import * as org from '../org/service.js';
import { scoreIndex, type IndexFigures } from './service-index.js';
import { statistics } from './service.js';

/** The service index of a unit over a year (GET /api/v1/reports/service-index). */
export async function serviceIndex(ctx: ServiceContext, query: ServiceIndexQuery): Promise<ServiceIndex> {
  const stats = await statistics(ctx, { unit: query.unit, includeDescendants: 'false', period: 'year', from: `${query.year}-01-01` });
  const cat = await catalog.statistics(ctx, stats.unit.code);
  const own = cat.units.find((u) => u.unitCode === stats.unit.code);
  const db = ctx.database.db;
  const place = await org.unitPlaceByCode(db, stats.unit.code);
  const settled = place
    ? await dossiers.settledDigitisation(db, place.id, new Date(`${stats.period.from}T00:00:00+07:00`), new Date(`${query.year + 1}-01-01T00:00:00+07:00`))
    : [];
  const withResult = await documents.dossiersWithSignedDocument(
    db,
    settled.map((d) => d.id),
    'result',
  );
  const s = stats.total;
  const figures: IndexFigures = {
    received: s.received.total,
    settledOnTime: s.settled.early + s.settled.onTime,
    settledLate: s.settled.late,
    settled: s.settled.total,
    openNotOverdue: s.pending.withinTime + s.pending.paused,
    receivedOnline: s.received.online,
    dislikes: s.satisfaction.dissatisfied + s.satisfaction.very_dissatisfied,
    procedures: own?.procedures ?? 0,
    proceduresOnline: own ? own.online.full + own.online.partial : 0,
    settledDossiers: settled.length,
    electronicResults: settled.filter((d) => withResult.has(d.id)).length,
    digitisedWithResult: settled.filter((d) => d.digitised && withResult.has(d.id)).length,
  };
  const score = scoreIndex(figures);
  return {
    unit: stats.unit,
    year: query.year,
    period: { from: stats.period.from, to: stats.period.to },
    asOf: stats.asOf,
    score: { points: score.points, measuredMax: score.measuredMax, max: score.max },
    groups: score.groups.map((g) => ({ id: g.id, max: g.max, points: g.points, measuredMax: g.measuredMax, indicators: g.indicators })),
  };
}
