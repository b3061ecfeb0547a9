/**
 * Notifications: every message the dossiers module queues for an applicant
 * (`applicant_notices`, written in the transaction of the transition) is
 * delivered by a pg-boss job after that transaction has committed, by e-mail
 * and/or SMS, in the applicant's language, and logged in `notice_deliveries`.
 *
 * Decisions:
 * - Delivery never touches the dossier. It runs in its own job, after the
 *   commit; a mail server that refuses or an SMS gateway that is down leaves
 *   the dossier as it is and only writes `failed` (with an error code) to the
 *   log. The job then fails and pg-boss retries it with exponential backoff
 *   (jobs.ts: 6 retries, waits doubling from 1–2 minutes to 32–64).
 * - The sweep is the enqueuer. Every minute it queues a delivery job for each
 *   notice of the last 7 days that has no delivery row yet, one job per notice
 *   (pg-boss `short` policy on the key `notice-<id>`). The dossiers module
 *   does not enqueue, so there is no window between commit and enqueue in
 *   which a notice could be lost; a notice waits at most about a minute.
 *   Older untried notices (jobs off for a week) are stale and are not sent.
 * - At most once per channel: the first run makes one log row per notice and
 *   channel (unique), and a send happens only while holding that row with
 *   `FOR UPDATE SKIP LOCKED`, with the row's status still `pending` or
 *   `failed`. A second run at the same time skips the row; a later one finds
 *   it `sent`. The one gap is a crash after the provider accepted and before
 *   the row committed: that send is repeated once, under the same Message-ID
 *   or Idempotency-Key, which a provider may use to drop it.
 * - Applicants without an address for a channel, and channels this server
 *   has off (no `MOTCUA_SMTP_URL`; no SMS webhook in production), are logged
 *   `skipped` with the reason; a notice with no address at all is `skipped`
 *   on both and its `sent_at` stays null.
 * - `applicant_notices.sent_at` is stamped at the first channel that delivers.
 * - The log keeps masked addresses and error codes only (address.ts,
 *   channels.ts); the job's own log lines name the notice, never the person.
 * - Language: the applicant's `language` (absent: Vietnamese), and the
 *   procedure's and units' English names when it is `en` and they have one.
 */
import { eq } from 'drizzle-orm';
import type { Language } from '../../../contracts/dossiers.js';
import type { Database } from '../../db/client.js';
import type { Clock } from '../../http/context.js';
import { e164, maskEmail, maskPhone } from './address.js';
import { errorCode, isPermanent, type Channels } from './channels.js';
import { renderNotice, type NoticeFacts, type RenderedNotice } from './messages.js';
import { claimDelivery, markNoticeSent, noticeById, untriedNotices, type NoticeRow } from './queries.js';
import { NOTICE_CHANNELS, noticeDeliveries, type NoticeChannel, type SkipReason } from './schema.js';

export type NotifyContext = { database: Database; clock: Clock; channels: Channels; publicUrl: string };

/** What one run did: the channels it sent, and those it tried and failed (the job is retried for these). */
/** `failed` channels are retried (the job fails); `rejected` ones were refused for good and are not. */
export type DeliveryReport = { noticeId: number; sent: NoticeChannel[]; failed: { channel: NoticeChannel; code: string }[]; rejected: { channel: NoticeChannel; code: string }[] };

/** Notices older than this and never tried are not sent any more. */
export const STALE_AFTER_MS = 7 * 86_400_000;
const SWEEP_LIMIT = 500;

/** The sweep's work: notices queued within the last week and never tried, oldest first. */
export function untriedNoticeIds(ctx: Pick<NotifyContext, 'database' | 'clock'>, limit = SWEEP_LIMIT): Promise<number[]> {
  return untriedNotices(ctx.database.db, new Date(ctx.clock.now().getTime() - STALE_AFTER_MS), limit);
}

function validDate(v: unknown): Date | null {
  if (typeof v !== 'string') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The date a kind names: the one recorded with the notice, else the dossier's as it stands. */
function dateOf(n: NoticeRow): Date | null {
  switch (n.kind) {
    case 'received':
      return validDate(n.payload.appointmentAt) ?? n.dueAt;
    case 'transferred':
      return n.dueAt;
    case 'supplement_requested':
      return validDate(n.payload.deadline) ?? n.supplementDeadline;
    case 'apology_extension':
      return validDate(n.payload.newDueAt) ?? n.dueAt;
    case 'returned':
      return validDate(n.payload.returnedAt) ?? n.returnedAt;
    default:
      return null;
  }
}

export function factsOf(n: NoticeRow, publicUrl: string): NoticeFacts {
  const language: Language = n.applicant.language ?? 'vi';
  const named = (x: { name: string; nameEn: string | null }) => (language === 'en' && x.nameEn ? x.nameEn : x.name);
  const receiving = named(n.receiving);
  return {
    kind: n.kind,
    language,
    applicant: n.applicant.kind === 'person' ? { kind: 'person', name: n.applicant.fullName } : { kind: 'organisation', name: n.applicant.name },
    code: n.code,
    procedure: named(n.procedure),
    unit: named(n.unit),
    receivingUnit: receiving,
    returnPlace: [receiving, n.receiving.address].filter(Boolean).join(', '),
    date: dateOf(n),
    amountVnd: n.kind === 'payment_requested' ? (n.paymentItems ?? []).reduce((s, i) => s + i.amountVnd, 0) : null,
    missing: n.kind === 'supplement_requested' ? (n.supplementMissing ?? []) : [],
    lookupUrl: `${publicUrl}/tra-cuu`,
  };
}

/**
 * Delivers one notice on every channel still to do. Safe to run any number
 * of times, also at once: each channel is sent at most once. Returns what
 * this run did; the job fails (and is retried) when `failed` is not empty.
 */
export async function deliverNotice(ctx: NotifyContext, noticeId: number): Promise<DeliveryReport> {
  const report: DeliveryReport = { noticeId, sent: [], failed: [], rejected: [] };
  const notice = await noticeById(ctx.database.db, noticeId);
  if (!notice) return report;
  const addresses: Record<NoticeChannel, string | null> = { email: notice.applicant.email ?? null, sms: notice.applicant.phone ?? null };
  const now = ctx.clock.now();
  await ctx.database.db
    .insert(noticeDeliveries)
    .values(
      NOTICE_CHANNELS.map((channel) => {
        const address = addresses[channel];
        const provider = senderOf(ctx.channels, channel)?.provider ?? null;
        const skip: SkipReason | null = !address ? 'no_address' : !provider ? (channel === 'email' ? 'email_disabled' : 'sms_disabled') : null;
        return {
          noticeId,
          channel,
          status: skip ? ('skipped' as const) : ('pending' as const),
          skipReason: skip,
          provider: skip ? null : provider,
          addressMasked: address ? (channel === 'email' ? maskEmail(address) : maskPhone(address)) : null,
          createdAt: now,
          updatedAt: now,
        };
      }),
    )
    .onConflictDoNothing();
  const message = renderNotice(factsOf(notice, ctx.publicUrl));
  for (const channel of NOTICE_CHANNELS) {
    const address = addresses[channel];
    if (!address) continue;
    const outcome = await attempt(ctx, notice, channel, address, message);
    if (outcome?.status === 'sent') report.sent.push(channel);
    if (outcome?.status === 'failed') report.failed.push({ channel, code: outcome.code });
    if (outcome?.status === 'rejected') report.rejected.push({ channel, code: outcome.code });
  }
  return report;
}

function senderOf(channels: Channels, channel: NoticeChannel) {
  return channel === 'email' ? channels.mail : channels.sms;
}

type Outcome = { status: 'sent' } | { status: 'failed' | 'rejected'; code: string } | { status: 'skipped' };

/** One channel, holding its log row; null when there is nothing to do (done, skipped, or another run has it). */
async function attempt(ctx: NotifyContext, notice: NoticeRow, channel: NoticeChannel, address: string, message: RenderedNotice): Promise<Outcome | null> {
  return ctx.database.db.transaction(async (tx) => {
    const row = await claimDelivery(tx, notice.id, channel);
    if (!row) return null;
    const now = ctx.clock.now();
    const where = eq(noticeDeliveries.id, row.id);
    const { mail, sms } = ctx.channels;
    const language = notice.applicant.language ?? 'vi';
    const send =
      channel === 'email'
        ? mail && (() => mail.send({ noticeId: notice.id, to: address, language, subject: message.subject, text: message.text }))
        : sms && (() => sms.send({ noticeId: notice.id, kind: notice.kind, to: e164(address), text: message.sms }));
    if (!send) {
      // Made pending by a process that had the channel on; this one has it off.
      await tx.update(noticeDeliveries).set({ status: 'skipped', skipReason: channel === 'email' ? 'email_disabled' : 'sms_disabled', updatedAt: now }).where(where);
      return { status: 'skipped' };
    }
    let messageId: string | null;
    try {
      messageId = (await send()).messageId;
    } catch (err) {
      const code = errorCode(err);
      const status = isPermanent(code) ? 'rejected' : 'failed';
      await tx.update(noticeDeliveries).set({ status, attempts: row.attempts + 1, lastErrorCode: code, lastAttemptAt: now, updatedAt: now }).where(where);
      return { status, code };
    }
    await tx
      .update(noticeDeliveries)
      .set({ status: 'sent', provider: senderOf(ctx.channels, channel)?.provider ?? row.provider, attempts: row.attempts + 1, providerMessageId: messageId, lastAttemptAt: now, sentAt: now, updatedAt: now })
      .where(where);
    await markNoticeSent(tx, notice.id, now);
    return { status: 'sent' };
  });
}
