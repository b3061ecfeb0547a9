/**
 * HTTP of the historical import (import.ts): a JSON body `{sourceSystem,
 * fileName?, rows}` or a CSV file as a `text/csv` body (UTF-8, with or without
 * BOM; `sourceSystem` and `fileName` in the query), up to 25 MB and 50,000
 * rows. Problems come back with their message in the request's language.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  DossierImportInput,
  DossierImportList,
  DossierImportListQuery,
  DossierImportQuery,
  DossierImportResult,
  IMPORT_LIMITS,
  type ImportProblem,
} from '../../../contracts/dossier-import.js';
import { serviceContext } from '../../http/access.js';
import type { AppDeps } from '../../http/context.js';
import { DomainError } from '../../http/errors.js';
import { responses } from '../../http/schemas.js';
import { translator } from '../../i18n/index.js';
import { importDossiers, listImports, sha256Of, type ImportFile } from './import.js';
import { readCsvRows, readJsonRows, type RowProblem } from './import-rows.js';

export async function dossierImportRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_LIMITS.bodyBytes }, (_req, body, done) => done(null, body));
    routes(scope, deps);
  });
}

function fileOf(req: FastifyRequest, query: { sourceSystem?: string; fileName?: string }): ImportFile {
  if (typeof req.body === 'string') {
    const text = req.body;
    if (!query.sourceSystem) {
      throw new DomainError('VALIDATION_FAILED', { issues: [{ in: 'querystring', path: '/sourceSystem', code: 'required', message: 'required with a text/csv body' }] });
    }
    return { format: 'csv', sourceSystem: query.sourceSystem, fileName: query.fileName ?? null, sha256: sha256Of(text), read: () => readCsvRows(text) };
  }
  const parsed = DossierImportInput.safeParse(req.body);
  if (!parsed.success) {
    throw new DomainError('VALIDATION_FAILED', { issues: parsed.error.issues.map((i) => ({ in: 'body', path: `/${i.path.join('/')}`, code: i.code, message: i.message })) });
  }
  const { sourceSystem, fileName, rows } = parsed.data;
  return { format: 'json', sourceSystem, fileName: fileName ?? null, sha256: sha256Of(JSON.stringify(rows)), read: () => readJsonRows(rows) };
}

function routes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: Parameters<typeof serviceContext>[1]) => serviceContext(deps, req);
  const tags = ['dossiers'];

  r.post('/api/v1/dossier-imports', {
    config: { access: { permission: 'dossier.import' } },
    bodyLimit: IMPORT_LIMITS.bodyBytes,
    schema: {
      tags,
      summary: 'Imports dossiers from a previous system (JSON or text/csv; historical import), idempotent by code; with any bad row nothing is written',
      description:
        'JSON body `{sourceSystem, fileName?, rows: [ImportRowInput…]}`, or a CSV file as a `text/csv` body whose header names the same fields (`sourceSystem`, `fileName` in the query). ' +
        'Every row is checked before anything is written: any problem answers 422 IMPORT_INVALID with `details.problems` (`{row, field, code, message}`, data rows numbered from 1, row 0 the file; the first 1,000) and `details.total`, and writes nothing. ' +
        '`dryRun=true` checks and counts without writing. A code already imported with the same values is `unchanged`; with other values its dossier is updated; the code of a dossier made in Motcua is refused. ' +
        'Status vocabulary: pending → processing (no step, nobody\'s task), returned → returned (approved), refused → returned (rejected), stopped → stopped, withdrawn → stopped at the applicant\'s request. ' +
        'At most 50,000 rows and 25 MB (413 BODY_TOO_LARGE). Imported dossiers are read-only (409 DOSSIER_IMPORTED).',
      querystring: DossierImportQuery,
      response: responses(200, DossierImportResult),
    },
    handler: async (req) => {
      const file = fileOf(req, req.query);
      try {
        return await importDossiers(ctx(req), file, req.query.dryRun === 'true');
      } catch (err) {
        if (!(err instanceof DomainError) || err.code !== 'IMPORT_INVALID') throw err;
        const t = translator(req.locale);
        const problems = (err.details.problems as RowProblem[]).map((p): ImportProblem => ({ ...p, message: t(`importProblems.${p.code}`) }));
        throw new DomainError('IMPORT_INVALID', { ...err.details, problems });
      }
    },
  });

  r.get('/api/v1/dossier-imports', {
    config: { access: { permission: 'dossier.import' } },
    schema: { tags, summary: 'Past historical imports, newest first (who, when, the file\'s name and sha256, what each did)', querystring: DossierImportListQuery, response: responses(200, DossierImportList) },
    handler: async (req) => listImports(ctx(req), req.query.page, req.query.pageSize),
  });
}
