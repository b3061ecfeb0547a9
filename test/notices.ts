/**
 * Delivers every notice to applicants not tried yet, now, as the
 * `notify-sweep` job does every minute (server/modules/notify/jobs.ts), with
 * the channels of the app's configuration — so tests read the e-mail from
 * their SMTP sink without waiting for the job.
 */
import { channelsFrom } from '../server/modules/notify/channels.js';
import { deliverNotice, untriedNoticeIds, type DeliveryReport } from '../server/modules/notify/delivery.js';
import type { TestApp } from './harness.js';

const silent = { info: () => undefined };

export async function deliverPendingNotices(t: TestApp): Promise<DeliveryReport[]> {
  const ctx = { database: t.db, clock: t.clock, channels: channelsFrom(t.deps.config.notify, silent), publicUrl: t.deps.config.publicUrl };
  const reports: DeliveryReport[] = [];
  for (const id of await untriedNoticeIds(ctx)) reports.push(await deliverNotice(ctx, id));
  return reports;
}
