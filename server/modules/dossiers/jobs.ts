/**
 * Background jobs on pg-boss, in the same PostgreSQL (its own `pgboss`
 * schema), so any number of app processes share one schedule: pg-boss hands
 * each cron tick to one worker. The deadline sweep runs every 5 minutes; a
 * failed run is retried by pg-boss and the sweep is idempotent.
 */
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { AppDeps } from '../../http/context.js';
import { deadlineSweep } from './deadlines.js';

export const DEADLINE_QUEUE = 'dossier-deadlines';
export const DEADLINE_CRON = '*/5 * * * *';

export type Jobs = { boss: PgBoss; stop: () => Promise<void> };

export async function startJobs(deps: AppDeps, log: Pick<Logger, 'info' | 'error'>): Promise<Jobs> {
  const pool = deps.database.pool;
  const boss = new PgBoss({
    // Reuse the app's pool: no second set of connection settings to keep in step.
    db: { executeSql: async (text, values) => pool.query(text, values) },
    schema: 'pgboss',
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();
  await boss.createQueue(DEADLINE_QUEUE);
  await boss.schedule(DEADLINE_QUEUE, DEADLINE_CRON, {}, { tz: 'Asia/Ho_Chi_Minh', retryLimit: 3 });
  await boss.work(DEADLINE_QUEUE, async () => {
    const report = await deadlineSweep({ database: deps.database, clock: deps.clock, actor: { kind: 'system' }, ip: null });
    log.info({ ...report }, 'deadline sweep');
  });
  return { boss, stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false }) };
}
