/**
 * The notify jobs, on the app's pg-boss (started by the dossiers module's
 * jobs.ts; server/serve.ts adds these when `MOTCUA_JOBS=true`):
 *
 * - at once: each process LISTENs on `motcua_notice`, which a trigger on
 *   `applicant_notices` (migration 0010) NOTIFYs when the transaction that
 *   wrote a notice commits; the process then queues the untried notices
 *   (after 100 ms, so a burst is one query). Several processes may all
 *   queue: the `short` policy keeps one waiting job per notice, and delivery
 *   takes its row with SKIP LOCKED, so a notice is still sent once;
 * - `notify-sweep`, every minute (pg-boss hands each tick to one process):
 *   queues a delivery job for every notice never tried (delivery.ts) — the
 *   safety net for a notice whose NOTIFY found no listener (all processes
 *   down, the listening connection lost);
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
/** The channel the trigger of migration 0010 notifies on each committed notice. */
export const NOTICE_CHANNEL = 'motcua_notice';
const LISTEN_RETRY_MS = 5_000;
/** Each process runs this many delivery loops, each polling every second. */
const WORKERS = 2;

const DeliverJob = z.object({ noticeId: z.number().int().positive() });

export type NotifyJobOptions = {
  /** Seconds before the first retry (doubling after); tests shorten it. Applies when the queue is first created. */
  retryDelaySeconds?: number;
  /** Default: from the configuration. */
  channels?: Channels;
  /** Whether to LISTEN for new notices (default true); a test of the minute sweep alone turns it off. */
  listen?: boolean;
};

/** Queues a delivery job for each notice never tried; returns how many notices it asked for. */
export async function queueUntried(ctx: Pick<NotifyContext, 'database' | 'clock'>, boss: PgBoss): Promise<number> {
  const ids = await untriedNoticeIds(ctx);
  if (ids.length > 0) await boss.insert(ids.map((id) => ({ name: DELIVER_QUEUE, data: { noticeId: id }, singletonKey: `notice-${String(id)}` })));
  return ids.length;
}

type Log = Pick<Logger, 'info' | 'warn' | 'error'>;

/**
 * Holds one pooled connection LISTENing for new notices and queues them when
 * told; reconnects after a lost connection. Returns how to stop listening.
 */
async function listenForNotices(deps: AppDeps, queue: () => Promise<unknown>, log: Log): Promise<() => Promise<void>> {
  let pending: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  const queueSoon = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      queue().catch((err: unknown) => log.warn({ err }, 'queueing new notices failed; the minute sweep will'));
    }, 100);
  };
  // The listening connection is never handed back to the pool: dropped (destroyed) once, whether it
  // failed or we stop, so an error after stopping (PostgreSQL going down) finds nothing to release twice.
  let drop: (() => void) | undefined;
  const retryLater = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, LISTEN_RETRY_MS);
  };
  const connect = async (): Promise<void> => {
    try {
      const c = await deps.database.pool.connect();
      let dropped = false;
      const dropThis = () => {
        if (dropped) return;
        dropped = true;
        c.removeListener('notification', queueSoon);
        c.release(true);
        if (drop === dropThis) drop = undefined;
      };
      drop = dropThis;
      c.on('notification', queueSoon);
      c.on('error', () => {
        const wasLive = !dropped;
        dropThis();
        if (wasLive) retryLater();
      });
      await c.query(`LISTEN ${NOTICE_CHANNEL}`);
      queueSoon(); // what was written while nobody listened
    } catch (err) {
      drop?.();
      log.warn({ err }, 'listening for new notices failed; retrying (the minute sweep goes on)');
      retryLater();
    }
  };
  await connect();
  return () => {
    stopped = true;
    clearTimeout(pending);
    clearTimeout(retry);
    // Destroying the connection ends its LISTEN with it.
    drop?.();
    return Promise.resolve();
  };
}

/** Starts the notify jobs on the app's pg-boss; the answer stops what pg-boss does not (the listening connection). */
export async function startNotifyJobs(deps: AppDeps, boss: PgBoss, log: Log, options: NotifyJobOptions = {}): Promise<{ stop: () => Promise<void> }> {
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
      if (report.rejected.length > 0) log.warn({ noticeId, rejected: report.rejected.map((f) => `${f.channel}:${f.code}`) }, 'notice refused for good by the provider; not retried');
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
  const stopListening = options.listen === false ? async () => undefined : await listenForNotices(deps, () => queueUntried(ctx, boss), log);
  return { stop: stopListening };
}
