import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Dashboard, DashboardQuery, ServiceIndex, ServiceIndexQuery, Statistics, StatisticsQuery } from '../../../contracts/reports.js';
import { serviceContext } from '../../http/access.js';
import type { AppDeps } from '../../http/context.js';
import { responses } from '../../http/schemas.js';
import { translator } from '../../i18n/index.js';
import { dashboard } from './dashboard.js';
import { exportName, statisticsCsv, statisticsXlsx } from './export.js';
import { statisticsPdfOf } from './export-pdf.js';
import { serviceIndex } from './service-index-report.js';
import * as reports from './service.js';

/** RFC 6266 attachment header: an ASCII fallback plus the UTF-8 name. */
function attachment(reply: FastifyReply, fileName: string, contentType: string): FastifyReply {
  const ascii = fileName.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'download';
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('x-content-type-options', 'nosniff');
}

const DESCRIPTION =
  'Every figure includes every change committed before the request (rollups maintained by triggers, see docs/api.md "Reports"). ' +
  '400 VALIDATION_FAILED with per-field issues (a custom period whose `to` is before `from` or more than 366 days after it, `to` with a fixed period); ' +
  '404 UNIT_NOT_FOUND (also a unit outside the reports.read scope), FIELD_NOT_FOUND, PROCEDURE_NOT_FOUND, STAFF_NOT_FOUND, with `details.field`.';

export function reportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof serviceContext>[1]) => serviceContext(deps, req);
  const tags = ['reports'];

  r.get('/api/v1/reports/statistics', {
    config: { access: { permission: 'reports.read' } },
    schema: {
      tags,
      summary: 'The periodic statistics of a unit (with or without the units under it), optionally for a field, procedure or receiving officer',
      description: DESCRIPTION,
      querystring: StatisticsQuery,
      response: responses(200, Statistics),
    },
    handler: async (req) => reports.statistics(ctx(req), req.query),
  });

  r.get('/api/v1/reports/service-index', {
    config: { access: { permission: 'reports.read' } },
    schema: {
      tags,
      summary: "A unit's service index of Decision 766/QĐ-TTg over a calendar year: each group and indicator with its inputs, ratio, threshold and points",
      description:
        'Indicators Motcua has no data for are `measured: false` with a `reason` and count neither in `score.points` nor in `score.measuredMax` (see docs/api.md "Service index"). ' +
        '400 VALIDATION_FAILED; 404 UNIT_NOT_FOUND (also a unit outside the reports.read scope).',
      querystring: ServiceIndexQuery,
      response: responses(200, ServiceIndex),
    },
    handler: async (req) => serviceIndex(ctx(req), req.query),
  });

  r.get('/api/v1/reports/dashboard', {
    config: { access: { permission: 'reports.read' } },
    schema: {
      tags,
      summary: "The leader dashboard of a unit: on-time, online and satisfaction by month, each child unit's figures, the dossiers overdue now by step and officer, the service index's groups",
      description:
        'Months from the rollups (live, like the statistics); `overdue` counts the open dossiers past their appointment now, each group with the dossiers list query (`filter`, GET /api/v1/dossiers) that lists exactly them (see docs/api.md "Leader dashboard"). ' +
        "Defaults: the caller's unit, `to` this month, `from` 11 months before `to`. " +
        '400 VALIDATION_FAILED with per-field issues (`to` before `from`, more than 24 months, a month not YYYY-MM); 404 UNIT_NOT_FOUND (also a unit outside the reports.read scope).',
      querystring: DashboardQuery,
      response: responses(200, Dashboard),
    },
    handler: async (req) => dashboard(ctx(req), req.query),
  });

  r.get('/api/v1/reports/statistics.csv', {
    config: { access: { permission: 'reports.read' } },
    schema: { tags, summary: 'The same statistics as a CSV table (UTF-8 with BOM), one line per row and a total', description: DESCRIPTION, querystring: StatisticsQuery },
    handler: async (req, reply) => {
      const stats = await reports.statistics(ctx(req), req.query);
      const t = translator(req.locale);
      return attachment(reply, `${exportName(stats, t)}.csv`, 'text/csv; charset=utf-8').send(statisticsCsv(stats, t, req.locale === 'en'));
    },
  });

  r.get('/api/v1/reports/statistics.xlsx', {
    config: { access: { permission: 'reports.read' } },
    schema: { tags, summary: 'The same statistics as an XLSX sheet: a title line, the header, one line per row and a total', description: DESCRIPTION, querystring: StatisticsQuery },
    handler: async (req, reply) => {
      const stats = await reports.statistics(ctx(req), req.query);
      const t = translator(req.locale);
      const file = await statisticsXlsx(stats, t, req.locale === 'en');
      return attachment(reply, `${exportName(stats, t)}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(file);
    },
  });

  r.get('/api/v1/reports/statistics.pdf', {
    config: { access: { permission: 'reports.read' } },
    schema: {
      tags,
      summary: 'The same statistics as the periodic report sent upward (PDF, landscape A4): the official frame of the unit, the period, three tables with one line per row and the total, the time the figures were read and the signature block of the head of the unit',
      description: DESCRIPTION,
      querystring: StatisticsQuery,
    },
    handler: async (req, reply) => {
      const stats = await reports.statistics(ctx(req), req.query);
      const t = translator(req.locale);
      const file = await statisticsPdfOf(ctx(req), stats, t, req.locale);
      return attachment(reply, `${exportName(stats, t)}.pdf`, 'application/pdf').send(file);
    },
  });
}
