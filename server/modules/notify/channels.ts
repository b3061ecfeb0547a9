/**
 * The two ways a notice reaches an applicant: e-mail over SMTP (nodemailer)
 * and SMS through an `SmsSender` — a webhook to the province's SMS gateway,
 * or, in development, a fake that writes the notice's id and kind to the log
 * (never the number or the text). Built once per process from the
 * configuration; a channel that is off is null.
 *
 * Both carry a key that is the same on every attempt (the e-mail's
 * Message-ID, the webhook's `Idempotency-Key`), so a provider that
 * deduplicates can drop the second copy of a send whose answer was lost.
 */
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Language } from '../../../contracts/dossiers.js';
import type { NotifyConfig } from '../../config.js';

export type SendResult = { messageId: string | null };

export type MailMessage = {
  noticeId: number;
  to: string;
  language: Language;
  subject: string;
  text: string;
  /** Names the Message-ID instead of the notice (`<motcua-<reference>@domain>`), for mail that is no notice (one-time codes). */
  reference?: string;
};
export type MailSender = { readonly provider: 'smtp'; send: (message: MailMessage) => Promise<SendResult> };

export type SmsMessage = { noticeId: number; kind: string; to: string; text: string };
/** An SMS gateway. `to` is E.164 (`+84912345678`). */
export interface SmsSender {
  readonly provider: string;
  send(message: SmsMessage): Promise<SendResult>;
}

export type Channels = { mail: MailSender | null; sms: SmsSender | null };

/** A failed send, with a code fit for the delivery log (the provider's message may quote the address). */
export class SendError extends Error {
  constructor(readonly code: string) {
    super(`send failed: ${code}`);
    this.name = 'SendError';
  }
}

const CODE = /^[A-Z0-9_]{1,40}$/;

/** `EENVELOPE_451`, `ECONNREFUSED`, `HTTP_503`, `TIMEOUT`…: a code, never a message. */
export function errorCode(err: unknown): string {
  if (err instanceof SendError) return err.code;
  if (!(err instanceof Error)) return 'ERROR';
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'TIMEOUT';
  const e = err as Error & { code?: unknown; responseCode?: unknown; cause?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code.toUpperCase() : typeof e.cause?.code === 'string' ? e.cause.code.toUpperCase() : 'ERROR';
  const full = typeof e.responseCode === 'number' ? `${code}_${String(e.responseCode)}` : code;
  return CODE.test(full) ? full : 'ERROR';
}

/**
 * Whether a refusal is final for this message: the mail server's 5xx to the
 * envelope or the message (RFC 5321: no such mailbox, message refused) and the
 * SMS gateway's 400/422 (a number or text it will never take). Everything else
 * — timeouts, refused connections, 4xx from SMTP, 5xx, 401/403 (a setting the
 * operator can mend) and 429 from the gateway — may pass later and is retried.
 */
export function isPermanent(code: string): boolean {
  return /^(?:EENVELOPE|EMESSAGE)_5\d\d$/.test(code) || code === 'HTTP_400' || code === 'HTTP_422';
}

/** The domain of `Motcua <no-reply@example.vn>`, for Message-IDs. */
function domainOf(from: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'localhost';
}

/** SMTP with short timeouts: a job run must not hang on a silent server (nodemailer's socket default is 10 minutes). */
export function smtpMailSender(url: string, from: string): MailSender {
  const transport = nodemailer.createTransport({ url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
  const domain = domainOf(from);
  return {
    provider: 'smtp',
    send: async (m) => {
      const info = await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: m.reference ? `<motcua-${m.reference}@${domain}>` : `<motcua-notice-${String(m.noticeId)}@${domain}>`,
        // RFC 3834: no out-of-office replies to a mailbox nobody reads.
        headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': m.language },
      });
      return { messageId: typeof info.messageId === 'string' ? info.messageId : null };
    },
  };
}

/**
 * POSTs `{to, text, reference}` as JSON to the gateway with
 * `Authorization: Bearer <token>` and `Idempotency-Key: <reference>`; any 2xx
 * is success, and an `id` or `messageId` in the JSON answer is kept as the
 * provider's message id.
 */
export function webhookSmsSender(url: string, token: string, timeoutMs = 10_000): SmsSender {
  return {
    provider: 'webhook',
    send: async (m) => {
      const reference = `motcua-notice-${String(m.noticeId)}-sms`;
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': reference },
        body: JSON.stringify({ to: m.to, text: m.text, reference }),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      const body = await res.text();
      if (!res.ok) throw new SendError(`HTTP_${String(res.status)}`);
      let messageId: string | null = null;
      try {
        const parsed = JSON.parse(body) as { id?: unknown; messageId?: unknown };
        const id = parsed.messageId ?? parsed.id;
        if (typeof id === 'string' || typeof id === 'number') messageId = String(id).slice(0, 200);
      } catch {
        // An answer that is not JSON is still a success.
      }
      return { messageId };
    },
  };
}

/** Development without a gateway: the log says an SMS would have gone, naming only the notice. */
export function loggingSmsSender(log: Pick<Logger, 'info'>): SmsSender {
  return {
    provider: 'log',
    send: (m) => {
      log.info({ noticeId: m.noticeId, kind: m.kind }, 'SMS not sent: no MOTCUA_SMS_WEBHOOK_URL (development)');
      return Promise.resolve({ messageId: null });
    },
  };
}

export function channelsFrom(config: NotifyConfig, log: Pick<Logger, 'info'>): Channels {
  return {
    mail: config.smtpUrl ? smtpMailSender(config.smtpUrl, config.mailFrom) : null,
    sms: config.sms.kind === 'webhook' ? webhookSmsSender(config.sms.url, config.sms.token) : config.sms.kind === 'log' ? loggingSmsSender(log) : null,
  };
}
