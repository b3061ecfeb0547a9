/**
 * The notify jobs, on the app's pg-boss (started by the dossiers module's
 * jobs.ts; server/serve.ts adds these when `MOTCUA_JOBS=true`):
 *
 * - `notify-sweep`, every minute (pg-boss hands each tick to one process):
 *   queues a delivery job for every notice never tried (delivery.ts);
 * - `notify-deliver`, one job per notice (`short` policy: at most one waiting
 *   job per notice), retried on failure 6 times with exponential backoff
 *   (pg-boss `retryBackoff` from a 60 s `retryDelay`: the first retry after
 *   1–2 minutes, each wait doubling, the last after 32–64), and expired and
 *   retried when a run takes over 5 minutes (a process that died mid-send).
 */
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AppDeps } from '../../http/context.js';
import { channelsFrom, type Channels } from './channels.js';
import { deliverNotice, untriedNoticeIds, type NotifyContext } from './delivery.js';

export const DELIVER_QUEUE = 'notify-deliver';
export const SWEEP_QUEUE = 'notify-sweep';
export const SWEEP_CRON = '* * * * *';
export const RETRY_LIMIT = 6;
/** Each process runs this many delivery loops, each polling every second. */
const WORKERS = 2;

const DeliverJob = z.object({ noticeId: z.number().int().positive() });

export type NotifyJobOptions = {
  /** Seconds before the first retry (doubling after); tests shorten it. Applies when the queue is first created. */
  retryDelaySeconds?: number;
  /** Default: from the configuration. */
  channels?: Channels;
};

/** Queues a delivery job for each notice never tried; returns how many notices it asked for. */
export async function queueUntried(ctx: Pick<NotifyContext, 'database' | 'clock'>, boss: PgBoss): Promise<number> {
  const ids = await untriedNoticeIds(ctx);
  if (ids.length > 0) await boss.insert(ids.map((id) => ({ name: DELIVER_QUEUE, data: { noticeId: id }, singletonKey: `notice-${String(id)}` })));
  return ids.length;
}

export async function startNotifyJobs(deps: AppDeps, boss: PgBoss, log: Pick<Logger, 'info' | 'warn' | 'error'>, options: NotifyJobOptions = {}): Promise<void> {
  const channels = options.channels ?? channelsFrom(deps.config.notify, log);
  // Said once at start, so an operator sees why nothing goes out.
  if (!channels.mail) log.warn('e-mail notifications are off: MOTCUA_SMTP_URL is not set (deliveries are logged as skipped)');
  if (!channels.sms) log.warn('SMS notifications are off: MOTCUA_SMS_WEBHOOK_URL is not set (deliveries are logged as skipped)');
  else if (channels.sms.provider === 'log') log.info('SMS notifications go to the log (development): MOTCUA_SMS_WEBHOOK_URL is not set');
  const ctx: NotifyContext = { database: deps.database, clock: deps.clock, channels, publicUrl: deps.config.publicUrl };

  await boss.createQueue(DELIVER_QUEUE, {
    name: DELIVER_QUEUE,
    policy: 'short',
    retryLimit: RETRY_LIMIT,
    retryDelay: options.retryDelaySeconds ?? 60,
    retryBackoff: true,
    expireInSeconds: 300,
  });
  await boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, policy: 'short', retryLimit: 0 });
  await boss.schedule(SWEEP_QUEUE, SWEEP_CRON, {}, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.work(SWEEP_QUEUE, async () => {
    const queued = await queueUntried(ctx, boss);
    if (queued > 0) log.info({ queued }, 'notices queued for delivery');
  });
  for (let i = 0; i < WORKERS; i++) {
    await boss.work<unknown>(DELIVER_QUEUE, { pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) => {
      if (!job) return;
      const { noticeId } = DeliverJob.parse(job.data);
      const report = await deliverNotice(ctx, noticeId);
      const failed = report.failed.map((f) => `${f.channel}:${f.code}`);
      if (failed.length === 0) {
        if (report.sent.length > 0) log.info({ noticeId, sent: report.sent }, 'notice delivered');
        return;
      }
      const last = job.retryCount >= job.retryLimit;
      log[last ? 'error' : 'warn']({ noticeId, sent: report.sent, failed, attempt: job.retryCount + 1 }, last ? 'notice delivery given up' : 'notice delivery failed; retried later');
      // Failing the job is what makes pg-boss retry it (with backoff).
      throw new Error(`notice ${String(noticeId)}: ${failed.join(', ')}`);
    });
  }
}
