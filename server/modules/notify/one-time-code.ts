/**
 * One-time codes by e-mail for the auth module (citizens' sign-in and e-mail
 * confirmation): sent at once, in the request, through the same SMTP
 * transport as notices (not queued: a code is useless ten minutes later, and
 * the citizen waits for it on the page). Nothing is recorded here: auth keeps
 * the code's hash; the address and the code never reach the log.
 */
import { randomUUID } from 'node:crypto';
import type { Language } from '../../../contracts/dossiers.js';
import type { NotifyConfig } from '../../config.js';
import { smtpMailSender, type MailSender } from './channels.js';
import { renderOneTimeCode, type OneTimeCodePurpose } from './messages.js';

export type { OneTimeCodePurpose } from './messages.js';

/** Whether one-time codes can be sent at all (an SMTP server is configured). */
export function canSendOneTimeCodes(config: NotifyConfig): boolean {
  return config.smtpUrl !== undefined;
}

const senders = new Map<string, MailSender>();
function senderFor(url: string, from: string): MailSender {
  const key = `${url}\n${from}`;
  let sender = senders.get(key);
  if (!sender) {
    sender = smtpMailSender(url, from);
    senders.set(key, sender);
  }
  return sender;
}

/** Sends the code; rejects (a SendError or the transport's error) when the server does not take it. */
export async function sendOneTimeCode(
  config: NotifyConfig,
  input: { to: string; code: string; language: Language; purpose: OneTimeCodePurpose; minutes: number },
): Promise<void> {
  if (!config.smtpUrl) throw new Error('no SMTP server configured');
  const { subject, text } = renderOneTimeCode(input);
  await senderFor(config.smtpUrl, config.mailFrom).send({
    noticeId: 0,
    reference: `code-${randomUUID()}`,
    to: input.to,
    language: input.language,
    subject,
    text,
  });
}
