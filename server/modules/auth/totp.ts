/**
 * TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s), through `otpauth`.
 * One step of clock drift either way is accepted; a code is accepted once.
 */
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

const ISSUER = 'Motcua';

function totp(secretBase32: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export async function enrolment(secretBase32: string, username: string): Promise<{ otpauthUrl: string; qrDataUrl: string }> {
  const otpauthUrl = totp(secretBase32, username).toString();
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return { otpauthUrl, qrDataUrl };
}

/**
 * The time step the code belongs to, or null when it is wrong. Steps at or
 * before `lastStep` are refused so a code cannot be replayed.
 */
export function acceptedStep(secretBase32: string, code: string, now: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretBase32, '').validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 30_000) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** For tests and the demo: the current code of a secret. */
export function currentCode(secretBase32: string, now: Date): string {
  return totp(secretBase32, '').generate({ timestamp: now.getTime() });
}
