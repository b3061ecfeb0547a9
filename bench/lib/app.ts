/**
 * The app under test, as main.ts builds it, on an embedded PostgreSQL of its
 * own in a temporary directory, bootstrapped and listening on 127.0.0.1; its
 * request logger is off. Everything is stopped and removed at clean-up.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp, type App } from '../../server/app.js';
import { bootstrap } from '../../server/bootstrap.js';
import { loadConfig, type Config } from '../../server/config.js';
import { startDatabase, type StartedDatabase } from '../../server/db/start.js';
import { systemClock, type AppDeps } from '../../server/http/context.js';
import { freePort, log, onCleanup, tempDir, waitFor } from './util.js';
import { documentDeps } from '../../server/modules/documents/deps.js';

export type BenchApp = {
  app: App;
  deps: AppDeps;
  database: StartedDatabase;
  /** `http://127.0.0.1:port` */
  base: string;
  port: number;
  /** The bootstrap admin's password (username `admin`). */
  adminPassword: string;
};

/**
 * `dir`: a data directory that is kept (the generated province of
 * bench/generate-province.ts): opened as it is, bootstrapped only if empty,
 * never removed; DATABASE_URL, when set, is used instead of an embedded server.
 */
export async function startBenchApp(opts: { prefix: string; config?: Partial<Config>; dir?: string }): Promise<BenchApp> {
  log(opts.dir ? `opening the database in ${opts.dir}…` : 'starting an embedded PostgreSQL in a temporary directory…');
  const dir = opts.dir ?? tempDir(opts.prefix);
  if (opts.dir) mkdirSync(dir, { recursive: true, mode: 0o755 });
  const adminPassword = `Adm-${randomBytes(12).toString('base64url')}`;
  const config: Config = {
    ...loadConfig({ LOG_LEVEL: 'silent', ...(opts.dir && process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) }),
    dataDir: dir,
    embeddedPgPort: await freePort(),
    adminPassword,
    serveWeb: false,
    ...opts.config,
  };
  const database = await startDatabase(config);
  // On Ctrl-C PostgreSQL gets the SIGINT too and may be gone before its stop() is awaited.
  const pidFile = join(dir, 'pg', 'postmaster.pid');
  onCleanup('stop PostgreSQL', () => Promise.race([database.shutdown(), waitFor(() => !existsSync(pidFile), 30_000, 'PostgreSQL to stop')]));
  const deps: AppDeps = { config, database, clock: systemClock, ...documentDeps(config) };
  if (!(await bootstrap(deps)) && !opts.dir) throw new Error('bootstrap created no admin on a fresh database');

  const app = await buildApp(deps, { logger: false });
  onCleanup('close the app', () => app.close());
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, deps, database, base, port: Number(new URL(base).port), adminPassword };
}
