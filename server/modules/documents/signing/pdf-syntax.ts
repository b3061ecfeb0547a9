/**
 * The few pieces of PDF syntax the signer and the verifier touch: text
 * strings (literal or hexadecimal, PDFDocEncoding / UTF-16BE / UTF-8) and
 * dates. Internal to the signing folder.
 */

/** A PDF text string as a hexadecimal string: UTF-16BE with its byte order mark. */
export function hexTextString(text: string): string {
  const utf16be = Buffer.from(text, 'utf16le').swap16();
  return `<FEFF${utf16be.toString('hex').toUpperCase()}>`;
}

/** The bytes of a literal string body (between the outer parentheses), escapes resolved. */
function literalBytes(body: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c !== 0x5c) {
      out.push(c & 0xff);
      continue;
    }
    const next = body[++i];
    if (next === undefined) break;
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    if (next in simple) out.push(simple[next] ?? 0);
    else if (next >= '0' && next <= '7') {
      let digits = next;
      while (digits.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) digits += body[++i];
      out.push(parseInt(digits, 8) & 0xff);
    } else if (next === '\r') {
      if (body[i + 1] === '\n') i++; // line continuation
    } else if (next !== '\n') out.push(next.charCodeAt(0) & 0xff);
  }
  return Buffer.from(out);
}

function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return body.swap16().toString('utf16le');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1'); // PDFDocEncoding agrees with Latin-1 on printable characters
}

/**
 * The text string value of `/key` in a dictionary's source text (read as
 * Latin-1), or null when the key is absent or holds no string.
 */
const ENTRY = {
  M: /\/M\s*([(<])/,
  Reason: /\/Reason\s*([(<])/,
  Location: /\/Location\s*([(<])/,
  Name: /\/Name\s*([(<])/,
  ContactInfo: /\/ContactInfo\s*([(<])/,
} as const;

export function readTextEntry(dictionary: string, key: keyof typeof ENTRY): string | null {
  const at = ENTRY[key].exec(dictionary);
  if (!at || at[1] === undefined) return null;
  let i = at.index + at[0].length;
  if (at[1] === '<') {
    if (dictionary[i] === '<') return null; // a dictionary, not a string
    const end = dictionary.indexOf('>', i);
    if (end < 0) return null;
    const hex = dictionary.slice(i, end).replace(/\s+/g, '');
    if (!/^[0-9a-fA-F]*$/.test(hex)) return null;
    return decodeText(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex')).normalize('NFC');
  }
  let depth = 1;
  const start = i;
  for (; i < dictionary.length && depth > 0; i++) {
    const ch = dictionary[i];
    if (ch === '\\') i++;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
  }
  if (depth !== 0) return null;
  return decodeText(literalBytes(dictionary.slice(start, i - 1))).normalize('NFC');
}

/** A PDF date (D:YYYYMMDDHHmmSSOHH'mm'), or null. */
export function parsePdfDate(text: string | null): Date | null {
  const m = text ? /^D:(\d{4,14})/.exec(text) : null;
  if (!text || !m?.[1]) return null;
  const digits = m[1];
  const n = (from: number, fallback: number) => (digits.length >= from + 2 ? Number(digits.slice(from, from + 2)) : fallback);
  let utc = Date.UTC(Number(digits.slice(0, 4)), n(4, 1) - 1, n(6, 1), n(8, 0), n(10, 0), n(12, 0));
  const zone = text.slice(2 + digits.length).replace(/'/g, '');
  if (/^[+-]\d{2}/.test(zone)) {
    const minutes = Number(zone.slice(1, 3)) * 60 + (Number(zone.slice(3, 5)) || 0);
    utc -= (zone.startsWith('-') ? -1 : 1) * minutes * 60_000;
  }
  return Number.isNaN(utc) ? null : new Date(utc);
}
