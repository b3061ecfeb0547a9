/**
 * Runs Motcua: builds the web app when it is missing, starts (or connects to)
 * PostgreSQL, applies migrations, creates the first admin on an empty database,
 * listens, prints the banner, and shuts down in order on SIGTERM/SIGINT.
 * Used by `npm start` (server/main.ts) and `npm run demo` (scripts/demo.ts),
 * which adds its data through `prepare` before the server listens.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { buildApp, WEB_DIST } from './app.js';
import { bootstrap } from './bootstrap.js';
import { startJobs } from './modules/dossiers/jobs.js';
import type { Config } from './config.js';
import { startDatabase } from './db/start.js';
import { systemClock, type AppDeps } from './http/context.js';
import { documentDeps } from './modules/documents/deps.js';
import { startNotifyJobs } from './modules/notify/jobs.js';
import { startReportJobs } from './modules/reports/jobs.js';

/** How long in-flight requests may take to finish after SIGTERM/SIGINT. */
const SHUTDOWN_GRACE_MS = 10_000;

export type ServeOptions = {
  /** Shown in the banner: "Motcua (demo) is running at …". */
  label?: string;
  /** Runs after bootstrap, before listening; returns lines for the banner. */
  prepare?: (deps: AppDeps) => Promise<string[]>;
};

async function buildWebIfMissing(config: Config, log: Logger): Promise<void> {
  if (!config.serveWeb || existsSync(`${WEB_DIST}/index.html`)) return;
  log.info('building the web app (first start)…');
  try {
    const vite = await import('vite');
    await vite.build({ configFile: fileURLToPath(new URL('../web/vite.config.ts', import.meta.url)), logLevel: 'warn' });
  } catch (err) {
    log.warn({ err }, 'the web app could not be built; serving the API only');
  }
}

export async function serve(config: Config, options: ServeOptions = {}): Promise<void> {
  const startedAt = performance.now();
  const log = pino({ level: config.logLevel });
  await buildWebIfMissing(config, log);
  const documents = documentDeps(config);
  const database = await startDatabase(config, (line) => log.debug({ pg: line.trim() }, 'postgres'));
  const deps: AppDeps = { config, database, clock: systemClock, ...documents };
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let banner: string[];
  try {
    const admin = await bootstrap(deps);
    const extra = options.prepare ? await options.prepare(deps) : [];
    app = await buildApp(deps);
    const address = await app.listen({ port: config.port, host: config.host });
    banner = [
      '',
      `  Motcua${options.label ? ` (${options.label})` : ''} is running at ${address.replace('127.0.0.1', 'localhost')}`,
      `  database: ${database.kind}; started in ${Math.round(performance.now() - startedAt)} ms`,
    ];
    if (admin) {
      banner.push(
        '',
        '  First start: an administrator account was created.',
        `    username: ${admin.username}`,
        admin.generated ? `    password: ${admin.password}` : '    password: the value of MOTCUA_ADMIN_PASSWORD',
        admin.generated ? '  This password is shown only once. Change it at first sign-in.' : '',
      );
    }
    banner.push(...extra);
  } catch (err) {
    // Port in use, a failed bootstrap…: stop the embedded PostgreSQL before giving up.
    await app?.close().catch(() => undefined);
    await database.shutdown().catch(() => undefined);
    throw err;
  }
  const server = app;
  // Jobs start after the server listens and never hold up start-up; a failure is logged, not fatal.
  const jobs = config.jobs
    ? startJobs(deps, log)
        .then(async (started) => {
          // Notifications share the deadline jobs' pg-boss; if they fail to start, the deadlines still run.
          const notify = await startNotifyJobs(deps, started.boss, log).catch((err: unknown) => log.error({ err }, 'notification jobs did not start'));
          // The reports' fold only keeps reads cheap (they are right without it): a failure to start is logged.
          await startReportJobs(deps, started.boss, log).catch((err: unknown) => log.error({ err }, 'report jobs did not start'));
          return {
            stop: async () => {
              await notify?.stop();
              await started.stop();
            },
          };
        })
        .catch((err: unknown) => {
          log.error({ err }, 'background jobs did not start');
          return undefined;
        })
    : Promise.resolve(undefined);

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    // A request in flight when closing starts leaves its keep-alive connection
    // open afterwards; Fastify's close waits for every connection, so idle ones
    // are reaped until it is done, and all are cut after a grace period.
    const reaper = setInterval(() => server.server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => server.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    try {
      await server.close(); // stops accepting, lets in-flight requests finish
      clearInterval(reaper);
      clearTimeout(deadline);
      await (await jobs)?.stop(); // lets a running sweep finish
      await database.shutdown(); // pool, then the embedded PostgreSQL (clean checkpoint)
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  // The banner goes to the console only, never to the structured log.
  process.stdout.write(banner.join('\n') + '\n\n');
}
