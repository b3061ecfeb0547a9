/**
 * A real SMTP server on a free port that keeps the mail it receives (parsed
 * by mailparser), for tests that read back what the app sent — e.g. a
 * one-time code or a notice. It can refuse a recipient a number of times
 * (451, busy, or a permanent 5xx) and hold a message's answer back (the
 * sender is then mid-send).
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { rcpt: string[]; mail: ParsedMail };

export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private readonly refusals = new Map<string, { times: number; responseCode: number }>();
  private held: { arrived: () => void; released: Promise<void> } | undefined;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (address, _session, callback) => {
      const refusal = this.refusals.get(address.address);
      if (!refusal || refusal.times <= 0) return callback();
      refusal.times -= 1;
      const text = refusal.responseCode >= 500 ? 'No such mailbox' : 'Mailbox busy, try again later';
      callback(Object.assign(new Error(text), { responseCode: refusal.responseCode }));
    },
    onData: (stream, session, callback) => {
      simpleParser(stream).then(
        async (mail) => {
          this.messages.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), mail });
          const held = this.held;
          if (held) {
            held.arrived();
            await held.released;
          }
          callback();
        },
        (err: unknown) => callback(err as Error),
      );
    },
  });
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `smtp://127.0.0.1:${String((this.server.server.address() as AddressInfo).port)}`;
    return this;
  }

  /** The next `times` messages to `address` are refused: 451 (busy, try later) or a permanent 5xx. */
  refuse(address: string, times: number, responseCode = 451): void {
    this.refusals.set(address, { times, responseCode });
  }

  /** Keeps the next message's answer back until `release`: the sender is mid-send meanwhile. */
  hold(): { arrived: Promise<void>; release: () => void } {
    let arrived: () => void = () => undefined;
    let release: () => void = () => undefined;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.held = { arrived, released };
    return {
      arrived: arrival,
      release: () => {
        this.held = undefined;
        release();
      },
    };
  }

  /** Messages whose subject names `text` (a dossier code), oldest first. */
  about(text: string): ReceivedMail[] {
    return this.messages.filter((m) => m.mail.subject?.includes(text));
  }

  /** Messages sent to `address`, oldest first. */
  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.rcpt.includes(address));
  }

  /** The six-digit code of the last message to `address`. */
  lastCode(address: string): string {
    const last = this.to(address).at(-1);
    const code = /\b(\d{6})\b/.exec(last?.mail.text ?? '')?.[1];
    if (!code) throw new Error(`no code mailed to ${address}`);
    return code;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
