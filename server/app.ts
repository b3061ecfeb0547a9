/**
 * Builds the Fastify instance: plugins, the access hook, every module's
 * routes, OpenAPI, the web build and the error handler. No listening, no
 * database start-up: main.ts and the tests do that.
 */
import './http/types.js';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { installAccess, type RouteRecord } from './http/access.js';
import type { AppDeps } from './http/context.js';
import { installErrorHandler, sendError } from './http/error-handler.js';
import { authRoutes } from './modules/auth/routes.js';
import { citizenRoutes } from './modules/auth/citizen-routes.js';
import { calendarRoutes } from './modules/calendar/routes.js';
import { orgRoutes } from './modules/org/routes.js';
import { catalogRoutes } from './modules/catalog/routes.js';
import { documentRoutes } from './modules/documents/routes.js';
import { dossierRoutes } from './modules/dossiers/routes.js';
import { feedbackRoutes } from './modules/feedback/routes.js';
import { portalRoutes } from './modules/portal/routes.js';
import { boardRoutes } from './modules/reports/board-routes.js';
import { reportRoutes } from './modules/reports/routes.js';
import { VERSION } from './version.js';

export const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

export type App = FastifyInstance & { routeRecords: RouteRecord[] };

const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Mantine sets inline style attributes; scripts stay strict.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export type BuildOptions = {
  /** false: no request logging (tests); default: pino at the configured level. */
  logger?: boolean;
  /** Where the logs go (default stdout); tests read them back. */
  logStream?: NodeJS.WritableStream;
};

export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: deps.config.logLevel,
            ...(opts.logStream ? { stream: opts.logStream } : {}),
            // Request logs carry the method and the path only: query strings, headers and
            // bodies may hold personal data or secrets (Standards: none of it in logs).
            serializers: {
              req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
            },
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
          },
    trustProxy: deps.config.trustProxy,
    bodyLimit: deps.config.bodyLimit,
    routerOptions: { ignoreTrailingSlash: true },
    return503OnClosing: true,
    genReqId: () => crypto.randomUUID(),
  }) as unknown as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: deps.config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.routeRecords = installAccess(app, deps);
  installErrorHandler(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Motcua API',
        version: VERSION,
        description:
          'Electronic one-stop platform for public administrative services. Errors: {"error":{"code","message","details"}}; see docs/api.md.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'motcua_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  // Routes registered by plugins are declared public here, as they are registered.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: { public: true } };
      route.schema = { ...route.schema, hide: true };
    });
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/openapi.json', {
    config: { access: { public: true } },
    schema: { hide: true },
    handler: async () => app.swagger(),
  });
  r.get('/api/health', {
    config: { access: { public: true } },
    schema: {
      tags: ['system'],
      summary: 'Liveness and database reachability',
      response: {
        200: z.object({ status: z.literal('ok'), database: z.enum(['embedded', 'external']), version: z.string() }),
        503: z.object({ status: z.literal('unavailable'), database: z.enum(['embedded', 'external']), version: z.string() }),
      },
    },
    handler: async (_req, reply) => {
      try {
        await deps.database.db.execute(sql`SELECT 1`);
        return { status: 'ok' as const, database: deps.database.kind, version: VERSION };
      } catch {
        return reply.code(503).send({ status: 'unavailable' as const, database: deps.database.kind, version: VERSION });
      }
    },
  });

  authRoutes(app, deps);
  citizenRoutes(app, deps);
  orgRoutes(app, deps);
  await catalogRoutes(app, deps);
  calendarRoutes(app, deps);
  await dossierRoutes(app, deps);
  await documentRoutes(app, deps);
  feedbackRoutes(app, deps);
  await portalRoutes(app, deps);
  reportRoutes(app, deps);
  boardRoutes(app, deps);

  const webBuilt = deps.config.serveWeb && existsSync(`${WEB_DIST}/index.html`);
  // The shell page is small and changes only with a new build: read it once.
  const indexHtml = webBuilt ? readFileSync(`${WEB_DIST}/index.html`) : undefined;
  if (webBuilt) {
    await app.register(async (web) => {
      web.addHook('onRoute', (route) => {
        route.config = { ...route.config, access: { public: true } };
      });
      await web.register(fastifyStatic, {
        root: WEB_DIST,
        wildcard: false,
        // The build writes .br/.gz copies of the assets (web/vite.config.ts): sent by Accept-Encoding, with Vary.
        preCompressed: true,
        setHeaders: (res, path) => {
          if (path.includes('/assets/')) res.header('cache-control', 'public, max-age=31536000, immutable');
        },
      });
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // The web app routes on the client: any other GET page gets index.html.
    if (indexHtml !== undefined && req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(indexHtml);
    }
    return sendError(req, reply, 'ROUTE_NOT_FOUND');
  });
  return app;
}
