import { bigint, bigserial, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { applicantNotices } from '../dossiers/schema.js';

export const NOTICE_CHANNELS = ['email', 'sms'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];
/** `pending` until the first attempt; `failed` is tried again by the job's retries; `sent` and `skipped` are final. */
/**
 * `failed`: refused for now (a 4xx from SMTP, a 5xx or a timeout from the SMS
 * gateway…), retried; `rejected`: refused for good (SMTP 5xx: no such
 * mailbox; the gateway's 4xx: a number it will never take), not retried.
 */
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped', 'rejected'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
/** Why a channel was not tried: the applicant gave no address for it, or this server has the channel off. */
export const SKIP_REASONS = ['no_address', 'email_disabled', 'sms_disabled'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const noticeChannel = pgEnum('notice_channel', NOTICE_CHANNELS);
export const deliveryStatus = pgEnum('notice_delivery_status', DELIVERY_STATUSES);

/**
 * The delivery log: one row per notice and channel, made on the first run of
 * the notice's job and locked (`FOR UPDATE SKIP LOCKED`) while it is sent, so
 * a channel is sent at most once however many runs overlap. The address is
 * kept masked (`n***@example.vn`, `091****678`), never in clear; errors as a
 * code (`EENVELOPE_451`, `HTTP_503`), never the provider's message, which
 * often quotes the address.
 */
export const noticeDeliveries = pgTable(
  'notice_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    noticeId: bigint('notice_id', { mode: 'number' })
      .notNull()
      .references(() => applicantNotices.id),
    channel: noticeChannel('channel').notNull(),
    status: deliveryStatus('status').notNull(),
    /** `smtp`, `webhook` or `log` (the development fake); null when skipped. */
    provider: text('provider'),
    addressMasked: text('address_masked'),
    attempts: integer('attempts').notNull().default(0),
    providerMessageId: text('provider_message_id'),
    lastErrorCode: text('last_error_code'),
    skipReason: text('skip_reason').$type<SkipReason>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('notice_deliveries_once_key').on(t.noticeId, t.channel)],
);

export type NoticeDeliveryRow = typeof noticeDeliveries.$inferSelect;
