/** Opens the configured database: the server in DATABASE_URL, or the embedded one. */
import type { Config } from '../config.js';
import { connect, type Database } from './client.js';
import { startEmbeddedPostgres } from './embedded.js';
import { runMigrations } from './migrate.js';

export type StartedDatabase = Database & { url: string; shutdown: () => Promise<void> };

export async function startDatabase(config: Config, onLog?: (line: string) => void): Promise<StartedDatabase> {
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, database: 'motcua', onLog });
  const url = config.databaseUrl ?? embedded?.url;
  if (!url) throw new Error('no database');
  try {
    await runMigrations(url);
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  const database = connect(url, embedded ? 'embedded' : 'external');
  return {
    ...database,
    url,
    shutdown: async () => {
      await database.pool.end();
      await embedded?.stop();
    },
  };
}
