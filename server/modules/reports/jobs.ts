/**
 * The reports job on the app's pg-boss: every minute, folds the events the
 * triggers appended into the rollups (service.ts `fold`). Answers never wait
 * for it (they read the events not folded yet too); it keeps them cheap.
 */
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { AppDeps } from '../../http/context.js';
import { fold } from './service.js';

export const FOLD_QUEUE = 'reports-fold';
export const FOLD_CRON = '* * * * *';

export async function startReportJobs(deps: AppDeps, boss: PgBoss, log: Pick<Logger, 'info' | 'error'>): Promise<void> {
  await boss.createQueue(FOLD_QUEUE, { name: FOLD_QUEUE, policy: 'short', retryLimit: 0 });
  await boss.schedule(FOLD_QUEUE, FOLD_CRON, {}, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.work(FOLD_QUEUE, async () => {
    const report = await fold({ database: deps.database });
    if (report.events + report.durations > 0) log.info({ ...report }, 'report rollups folded');
  });
}
