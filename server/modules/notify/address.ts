/**
 * Applicants' addresses as the delivery log and the SMS gateway see them.
 * The log keeps a masked address — enough for an officer to tell which
 * address the applicant gave ("n***@example.vn", "091****678") and to spot a
 * typo in the domain, not enough to write to it.
 */

/** `nhung@example.vn` → `n***@example.vn`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** `0912 345 678` (or `+84 912 345 678`) → `091****678`: the network prefix and the last three digits. */
export function maskPhone(phone: string): string {
  const international = e164(phone);
  const shown = international.startsWith('+84') ? `0${international.slice(3)}` : international;
  if (shown.replace(/\D/g, '').length < 7) return '***';
  return `${shown.slice(0, 3)}${'*'.repeat(shown.length - 6)}${shown.slice(-3)}`;
}

/**
 * A Vietnamese phone number as the contract accepts it (`0912 345 678`,
 * `+84 912 345 678`, `0912.345.678`) in E.164 (`+84912345678`), as SMS
 * gateways take it. A number already international (`+…`) keeps its country.
 */
export function e164(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return `+${digits.slice(1).replace(/\+/g, '')}`;
  if (digits.startsWith('84') && digits.length === 11) return `+${digits}`;
  if (digits.startsWith('0')) return `+84${digits.slice(1)}`;
  return `+84${digits}`;
}
