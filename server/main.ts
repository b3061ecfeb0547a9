/**
 * `npm start`: reads the configuration, starts (or connects to) PostgreSQL,
 * applies migrations, creates the first admin on an empty database, builds the
 * web app when it is missing, listens, and shuts down in order on SIGTERM/SIGINT.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { buildApp, WEB_DIST } from './app.js';
import { bootstrap } from './bootstrap.js';
import { loadConfig } from './config.js';
import { startDatabase } from './db/start.js';
import { systemClock, type AppDeps } from './http/context.js';

const startedAt = performance.now();
/** How long in-flight requests may take to finish after SIGTERM/SIGINT. */
const SHUTDOWN_GRACE_MS = 10_000;
const config = loadConfig();
const log = pino({ level: config.logLevel });

async function buildWebIfMissing(): Promise<void> {
  if (!config.serveWeb || existsSync(`${WEB_DIST}/index.html`)) return;
  log.info('building the web app (first start)…');
  try {
    const vite = await import('vite');
    await vite.build({ configFile: fileURLToPath(new URL('../web/vite.config.ts', import.meta.url)), logLevel: 'warn' });
  } catch (err) {
    log.warn({ err }, 'the web app could not be built; serving the API only');
  }
}

async function main(): Promise<void> {
  await buildWebIfMissing();
  const database = await startDatabase(config, (line) => log.debug({ pg: line.trim() }, 'postgres'));
  const deps: AppDeps = { config, database, clock: systemClock };
  const admin = await bootstrap(deps);
  const app = await buildApp(deps);

  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    // A request in flight when closing starts leaves its keep-alive connection
    // open afterwards; Fastify's close waits for every connection, so idle ones
    // are reaped until it is done, and all are cut after a grace period.
    const reaper = setInterval(() => app.server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    try {
      await app.close(); // stops accepting, lets in-flight requests finish
      clearInterval(reaper);
      clearTimeout(deadline);
      await database.shutdown(); // pool, then the embedded PostgreSQL (clean checkpoint)
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const address = await app.listen({ port: config.port, host: config.host });
  const shownUrl = address.replace('127.0.0.1', 'localhost');
  const lines = [
    '',
    `  Motcua is running at ${shownUrl}`,
    `  database: ${database.kind}; started in ${Math.round(performance.now() - startedAt)} ms`,
  ];
  if (admin) {
    lines.push(
      '',
      '  First start: an administrator account was created.',
      `    username: ${admin.username}`,
      admin.generated ? `    password: ${admin.password}` : '    password: the value of MOTCUA_ADMIN_PASSWORD',
      admin.generated ? '  This password is shown only once. Change it at first sign-in.' : '',
    );
  }
  // The banner goes to the console only, never to the structured log.
  process.stdout.write(lines.join('\n') + '\n\n');
}

main().catch((err: unknown) => {
  log.fatal({ err }, 'start-up failed');
  process.exit(1);
});
