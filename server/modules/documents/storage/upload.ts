/**
 * Content checks for uploaded attachments (scans of the documents a dossier
 * needs, supplements, results): PDF, JPEG and PNG only, and the bytes must be
 * what the declared type and the file name's extension say, structurally
 * whole, and not password-protected — staff must be able to open, print and
 * sign every file a dossier holds.
 *
 * The checks read the bytes only (no decoding of images, no PDF rendering),
 * in time linear in the size.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/**
 * The largest upload, 10 MiB. The limit is enforced by Fastify before the body
 * is buffered: register the raw-body parser as
 * `app.addContentTypeParser(UPLOAD_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES }, …)`
 * and Fastify answers 413 (FST_ERR_CTP_BODY_TOO_LARGE → the handler's
 * BODY_TOO_LARGE) as soon as a Content-Length above the limit is announced, or
 * as soon as the bytes received pass it — the handler never sees, and memory
 * never holds, more than the limit. `checkUpload` repeats the check
 * (`too_large`) only as a guard for callers that do not come through HTTP
 * (imports, scripts).
 */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** The allowed types, their accepted extensions, and the extension a download gets. */
export const UPLOAD_TYPES = {
  'application/pdf': { extensions: ['.pdf'], extension: '.pdf' },
  'image/jpeg': { extensions: ['.jpg', '.jpeg'], extension: '.jpg' },
  'image/png': { extensions: ['.png'], extension: '.png' },
} as const satisfies Record<string, { extensions: readonly string[]; extension: string }>;

export type UploadContentType = keyof typeof UPLOAD_TYPES;
export const UPLOAD_CONTENT_TYPES = Object.keys(UPLOAD_TYPES) as UploadContentType[];

/**
 * Why an upload was refused (stable; clients branch on it):
 * - `empty`: no bytes;
 * - `too_large`: above UPLOAD_LIMIT_BYTES (reached only when the caller skipped Fastify's bodyLimit);
 * - `type_not_allowed`: the declared type or the file name's extension is not PDF, JPEG or PNG;
 * - `content_mismatch`: the bytes are of another type than the declared one or the extension's;
 * - `corrupt`: the bytes start as the right type but the file is not whole (truncated, bad structure);
 * - `encrypted`: a password-protected PDF.
 */
export type UploadRejectionReason = 'empty' | 'too_large' | 'type_not_allowed' | 'content_mismatch' | 'corrupt' | 'encrypted';

export class UploadRejectedError extends Error {
  readonly reason: UploadRejectionReason;
  /** For the client and the log: `declaredType`, `extension`, `detected`, `problem` (a short code), `allowed`. */
  readonly details: Record<string, unknown>;

  constructor(reason: UploadRejectionReason, details: Record<string, unknown> = {}) {
    super(`upload rejected: ${reason}${typeof details.problem === 'string' ? ` (${details.problem})` : ''}`);
    this.name = 'UploadRejectedError';
    this.reason = reason;
    this.details = details;
  }
}

export type CheckedUpload = {
  contentType: UploadContentType;
  /** The extension for this type, for a download's name: `.pdf`, `.jpg` or `.png`. */
  extension: string;
  /** Hex SHA-256 of the content. */
  sha256: string;
  size: number;
  /** `safeFileName(fileName)`: the name to show and to send back in Content-Disposition. */
  fileName: string;
};

/** Checks an upload; throws `UploadRejectedError` with the reason, or returns what to store about it. */
export function checkUpload(input: { fileName: string; declaredType: string; content: Buffer }): CheckedUpload {
  const { content } = input;
  if (content.length === 0) throw new UploadRejectedError('empty');
  if (content.length > UPLOAD_LIMIT_BYTES) throw new UploadRejectedError('too_large', { size: content.length, limit: UPLOAD_LIMIT_BYTES });

  const declared = input.declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  const fileName = safeFileName(input.fileName);
  const extension = extensionOf(fileName);
  const allowed = { allowed: UPLOAD_CONTENT_TYPES };
  if (!isUploadType(declared)) throw new UploadRejectedError('type_not_allowed', { declaredType: declared.slice(0, 100), ...allowed });
  const byExtension = UPLOAD_CONTENT_TYPES.find((t) => (UPLOAD_TYPES[t].extensions as readonly string[]).includes(extension));
  if (!byExtension) throw new UploadRejectedError('type_not_allowed', { extension: extension.slice(0, 20), ...allowed });

  const detected = sniff(content);
  if (detected !== undefined && (detected !== declared || detected !== byExtension)) {
    throw new UploadRejectedError('content_mismatch', { declaredType: declared, extension, detected });
  }
  if (declared !== byExtension) throw new UploadRejectedError('content_mismatch', { declaredType: declared, extension });
  if (detected === undefined) throw new UploadRejectedError('corrupt', { declaredType: declared, problem: 'no_signature' });

  if (declared === 'application/pdf') checkPdf(content);
  else if (declared === 'image/png') checkPng(content);
  else checkJpeg(content);

  return {
    contentType: declared,
    extension: UPLOAD_TYPES[declared].extension,
    sha256: createHash('sha256').update(content).digest('hex'),
    size: content.length,
    fileName,
  };
}

function isUploadType(type: string): type is UploadContentType {
  return Object.hasOwn(UPLOAD_TYPES, type);
}

/** `.pdf` for `Đơn.PDF`; '' without an extension. */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

// ---------------------------------------------------------------- type from the bytes

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Signatures of other common files, so that a renamed one is reported as a mismatch rather than as corrupt. */
const OTHER_SIGNATURES: [string, Buffer][] = [
  ['application/x-msdownload', Buffer.from('MZ', 'latin1')],
  ['application/x-elf', Buffer.from('\x7fELF', 'latin1')],
  ['application/zip', Buffer.from('PK\x03\x04', 'latin1')],
  ['application/x-ole-storage', Buffer.from('d0cf11e0a1b11ae1', 'hex')],
  ['image/gif', Buffer.from('GIF8', 'latin1')],
  ['image/tiff', Buffer.from('II*\x00', 'latin1')],
  ['image/tiff', Buffer.from('MM\x00*', 'latin1')],
  ['application/x-riff', Buffer.from('RIFF', 'latin1')], // WebP, WAV, AVI
  ['application/postscript', Buffer.from('%!PS', 'latin1')],
  ['application/x-rar', Buffer.from('Rar!', 'latin1')],
  ['application/x-7z-compressed', Buffer.from('377abcaf271c', 'hex')],
];

/** The type the first bytes announce; undefined when they announce nothing known. */
function sniff(b: Buffer): string | undefined {
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  return OTHER_SIGNATURES.find(([, sig]) => b.subarray(0, sig.length).equals(sig))?.[0];
}

function corrupt(type: UploadContentType, problem: string): UploadRejectedError {
  return new UploadRejectedError('corrupt', { declaredType: type, problem });
}

// ---------------------------------------------------------------- PDF

const PDF_WS = '\0\t\n\f\r ';
const PDF_DELIMITERS = '()<>[]{}/%';

/**
 * A PDF must start with `%PDF-x.y`, end (within its last 1024 bytes, as
 * readers accept) with `startxref <offset> %%EOF` where the offset points at
 * an `xref` table or an `n g obj` (a cross-reference stream) inside the file,
 * and have no /Encrypt entry in its trailer or cross-reference stream
 * dictionaries (the chain from startxref through /Prev and /XRefStm).
 */
function checkPdf(b: Buffer): void {
  const type = 'application/pdf';
  if (!/^%PDF-[12]\.[0-9]/.test(b.subarray(0, 8).toString('latin1'))) throw corrupt(type, 'bad_header');
  const tailStart = Math.max(0, b.length - 1024);
  const tail = b.subarray(tailStart).toString('latin1');
  if (!tail.includes('%%EOF')) throw corrupt(type, 'no_eof');
  const at = tail.lastIndexOf('startxref');
  const offset = at < 0 ? undefined : startxrefValue(tail.slice(at));
  if (offset === undefined) throw corrupt(type, 'no_startxref');
  if (offset >= tailStart + at) throw corrupt(type, 'bad_startxref');
  const s = b.toString('latin1');
  if (!/^[\0\t\n\f\r ]*(?:xref|[0-9]{1,10}[\0\t\n\f\r ]+[0-9]{1,5}[\0\t\n\f\r ]+obj)/.test(s.slice(offset, offset + 64))) throw corrupt(type, 'bad_startxref');
  if (encryptedFrom(s, offset)) throw new UploadRejectedError('encrypted', { declaredType: type });
}

/** The offset in `startxref <offset> %%EOF` at the start of `text`. */
function startxrefValue(text: string): number | undefined {
  const m = /^startxref[\0\t\n\f\r ]+([0-9]{1,12})[\0\t\n\f\r ]+%%EOF/.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/**
 * True when the PDF's trailer or cross-reference stream dictionaries (from the
 * last `startxref`, following /Prev and /XRefStm) have an /Encrypt entry; false
 * also when there is no usable startxref (checkUpload reports that as corrupt).
 */
export function pdfIsEncrypted(pdf: Buffer | string): boolean {
  const s = typeof pdf === 'string' ? pdf : pdf.toString('latin1');
  const tail = s.slice(Math.max(0, s.length - 1024));
  const at = tail.lastIndexOf('startxref');
  const offset = at < 0 ? undefined : startxrefValue(tail.slice(at));
  return offset !== undefined && encryptedFrom(s, offset);
}

/** How many cross-reference sections are followed at most (one per incremental update, each signature adds one). */
const MAX_SECTIONS = 64;
/** How far a trailer or cross-reference stream dictionary may reach (real ones are well under 1 KiB). */
const DICT_WINDOW = 16 * 1024;

function encryptedFrom(s: string, startxref: number): boolean {
  const pending = [startxref];
  const seen = new Set<number>();
  for (let offset = pending.shift(); offset !== undefined && seen.size < MAX_SECTIONS; offset = pending.shift()) {
    if (seen.has(offset) || offset >= s.length) continue;
    seen.add(offset);
    const entries = sectionDictionary(s, offset);
    if (!entries) continue;
    if (entries.has('Encrypt')) return true;
    for (const next of [entries.get('Prev'), entries.get('XRefStm')]) {
      if (next !== undefined && /^[0-9]{1,12}$/.test(next)) pending.push(Number(next));
    }
  }
  return false;
}

/** The dictionary of the cross-reference section at `offset`: the trailer after an `xref` table, or an XRef stream's. */
function sectionDictionary(s: string, offset: number): Map<string, string> | undefined {
  const at = skipWhitespace(s, offset);
  if (s.startsWith('xref', at)) {
    // The table holds only digits, spaces, `f`, `n` and line ends: the next `trailer` is its own.
    const trailer = s.indexOf('trailer', at + 4);
    return trailer < 0 ? undefined : dictionaryAt(s, skipWhitespace(s, trailer + 7))?.entries;
  }
  const obj = /^[0-9]{1,10}[\0\t\n\f\r ]+[0-9]{1,5}[\0\t\n\f\r ]+obj/.exec(s.slice(at, at + 40));
  if (!obj) return undefined;
  const entries = dictionaryAt(s, skipWhitespace(s, at + obj[0].length))?.entries;
  return entries?.get('Type') === '/XRef' ? entries : undefined;
}

function dictionaryAt(s: string, start: number): { entries: Map<string, string>; end: number } | undefined {
  return parseDictionary(s.slice(start, start + DICT_WINDOW), 0, 0);
}

function isDelimiterOrSpace(s: string, i: number): boolean {
  const c = s[i];
  return c === undefined || PDF_WS.includes(c) || PDF_DELIMITERS.includes(c);
}

function skipWhitespace(s: string, i: number): number {
  for (;;) {
    const c = s[i];
    if (c === undefined) return i;
    if (PDF_WS.includes(c)) i++;
    else if (c === '%') {
      while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++;
    } else return i;
  }
}

/** A name token at `i` (`/Encrypt`, `/Encr#79pt`): its decoded text and the position after it. */
function readName(s: string, i: number): { name: string; end: number } {
  let j = i + 1;
  while (j < s.length && !isDelimiterOrSpace(s, j)) j++;
  const raw = s.slice(i + 1, j);
  const name = raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return { name, end: j };
}

const MAX_DEPTH = 32;

type Parsed = { value: string; end: number };

/**
 * A dictionary at `i` (`<<`): its top-level keys, each with a summary of its
 * value (a name as `/Name`, a reference as `12 0 R`, a number, `<<>>`, `[]`,
 * `()`); undefined when the bytes there are not a dictionary.
 */
function parseDictionary(s: string, i: number, depth: number): { entries: Map<string, string>; end: number } | undefined {
  if (depth > MAX_DEPTH || !s.startsWith('<<', i)) return undefined;
  const entries = new Map<string, string>();
  i += 2;
  for (;;) {
    i = skipWhitespace(s, i);
    if (i >= s.length) return undefined;
    if (s.startsWith('>>', i)) return { entries, end: i + 2 };
    if (s[i] !== '/') return undefined;
    const key = readName(s, i);
    const value = parseValue(s, skipWhitespace(s, key.end), depth);
    if (!value) return undefined;
    entries.set(key.name, value.value);
    i = value.end;
  }
}

function parseValue(s: string, i: number, depth: number): Parsed | undefined {
  const c = s[i];
  if (c === undefined || depth > MAX_DEPTH) return undefined;
  if (s.startsWith('<<', i)) {
    const dict = parseDictionary(s, i, depth + 1);
    return dict && { value: '<<>>', end: dict.end };
  }
  if (c === '<') {
    const close = s.indexOf('>', i);
    return close < 0 ? undefined : { value: '<>', end: close + 1 };
  }
  if (c === '(') return skipLiteralString(s, i);
  if (c === '[') {
    let j = i + 1;
    for (;;) {
      j = skipWhitespace(s, j);
      if (j >= s.length) return undefined;
      if (s[j] === ']') return { value: '[]', end: j + 1 };
      const item = parseValue(s, j, depth + 1);
      if (!item) return undefined;
      j = item.end;
    }
  }
  if (c === '/') {
    const name = readName(s, i);
    return { value: `/${name.name}`, end: name.end };
  }
  if (PDF_DELIMITERS.includes(c)) return undefined; // ) > ] { } where a value should start
  let j = i;
  while (j < s.length && !isDelimiterOrSpace(s, j)) j++;
  const word = s.slice(i, j);
  // `12 0 R`: an indirect reference.
  if (/^[0-9]{1,10}$/.test(word)) {
    const ref = /^[\0\t\n\f\r ]+([0-9]{1,5})[\0\t\n\f\r ]+R/.exec(s.slice(j, j + 40));
    if (ref?.[1] !== undefined && isDelimiterOrSpace(s, j + ref[0].length)) return { value: `${word} ${ref[1]} R`, end: j + ref[0].length };
  }
  return { value: word, end: j };
}

/** `( … )` with nested balanced parentheses and backslash escapes. */
function skipLiteralString(s: string, i: number): Parsed | undefined {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return { value: '()', end: j + 1 };
  }
  return undefined;
}

// ---------------------------------------------------------------- PNG

const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/**
 * A PNG must be a sequence of whole chunks with valid CRCs, the first an IHDR
 * with sane fields, at least one IDAT, and the last an empty IEND with nothing after it.
 */
function checkPng(b: Buffer): void {
  const type = 'image/png';
  let pos = 8;
  let chunks = 0;
  let sawData = false;
  for (;;) {
    if (pos + 12 > b.length) throw corrupt(type, chunks === 0 ? 'no_ihdr' : 'no_iend');
    const length = b.readUInt32BE(pos);
    const name = b.toString('latin1', pos + 4, pos + 8);
    if (!/^[A-Za-z]{4}$/.test(name)) throw corrupt(type, 'bad_chunk');
    const end = pos + 12 + length;
    if (length > 0x7fffffff || end > b.length) throw corrupt(type, chunks === 0 ? 'bad_ihdr' : 'truncated');
    const expected = b.readUInt32BE(pos + 8 + length);
    if (crc32(b.subarray(pos + 4, pos + 8 + length)) !== expected) throw corrupt(type, name === 'IHDR' ? 'bad_ihdr_crc' : 'bad_crc');
    if (chunks === 0) {
      if (name !== 'IHDR' || length !== 13) throw corrupt(type, 'no_ihdr');
      checkIhdr(b.subarray(pos + 8, pos + 21));
    } else if (name === 'IHDR') throw corrupt(type, 'bad_chunk');
    if (name === 'IDAT') sawData = true;
    chunks++;
    pos = end;
    if (name === 'IEND') {
      if (length !== 0) throw corrupt(type, 'bad_iend');
      break;
    }
  }
  if (!sawData) throw corrupt(type, 'no_idat');
  if (pos !== b.length) throw corrupt(type, 'trailing_data');
}

function checkIhdr(d: Buffer): void {
  const width = d.readUInt32BE(0);
  const height = d.readUInt32BE(4);
  const bitDepth = d[8] ?? -1;
  const colourType = d[9] ?? -1;
  const valid =
    width > 0 &&
    height > 0 &&
    width <= 0x7fffffff &&
    height <= 0x7fffffff &&
    (PNG_DEPTHS[colourType]?.includes(bitDepth) ?? false) &&
    d[10] === 0 && // compression
    d[11] === 0 && // filter
    (d[12] === 0 || d[12] === 1); // interlace
  if (!valid) throw corrupt('image/png', 'bad_ihdr');
}

// ---------------------------------------------------------------- JPEG

/**
 * A JPEG must start with SOI, have whole marker segments up to the first
 * start of scan with a frame header (SOFn, non-zero width) before it, and end with EOI.
 */
function checkJpeg(b: Buffer): void {
  const type = 'image/jpeg';
  let pos = 2; // after SOI (checked by sniff)
  let sawFrame = false;
  for (;;) {
    if (pos >= b.length) throw corrupt(type, 'truncated');
    if (b[pos] !== 0xff) throw corrupt(type, 'bad_marker');
    while (b[pos] === 0xff) pos++; // fill bytes
    const marker = b[pos];
    pos++;
    if (marker === undefined) throw corrupt(type, 'truncated');
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (marker === 0x00 || marker === 0xd8 || marker === 0xd9) throw corrupt(type, 'bad_marker');
    if (pos + 2 > b.length) throw corrupt(type, 'truncated');
    const length = b.readUInt16BE(pos);
    if (length < 2 || pos + length > b.length) throw corrupt(type, 'truncated');
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (length < 8 || b.readUInt16BE(pos + 5) === 0) throw corrupt(type, 'bad_frame');
      sawFrame = true;
    }
    pos += length;
    if (marker === 0xda) {
      if (!sawFrame) throw corrupt(type, 'no_frame');
      break;
    }
  }
  if (b.length < pos + 2 || b[b.length - 2] !== 0xff || b[b.length - 1] !== 0xd9) throw corrupt(type, 'no_eoi');
}

// ---------------------------------------------------------------- file names

/** The longest name kept, in characters (graphemes); longer names lose the end of their stem, not their extension. */
export const FILE_NAME_MAX = 200;

const WINDOWS_RESERVED = /[<>:"|?*]/g;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/gu;

const segmenter = new Intl.Segmenter('vi', { granularity: 'grapheme' });

function graphemes(s: string): string[] {
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

/**
 * A client's file name made safe to show and to send back in
 * Content-Disposition (`filename*=UTF-8''…`): NFC (Vietnamese letters as
 * precomposed characters, `ệ` one character), the last path segment only
 * (`C:\fakepath\đơn.pdf` → `đơn.pdf`), no control, format or bidi-override
 * characters (no U+202E before `gpj.exe` to make it read `exe.jpg`), no `<>:"|?*`, no leading
 * dots, at most FILE_NAME_MAX characters keeping the extension; `fallback`
 * when nothing is left. Never used to build a storage key or a path.
 */
export function safeFileName(name: string, fallback = 'tep-tin'): string {
  let s = name.slice(0, 4 * FILE_NAME_MAX).normalize('NFC');
  s = s.slice(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
  s = s.replace(INVISIBLE, '').replace(WINDOWS_RESERVED, '_').replace(/\s+/gu, ' ');
  s = trimEnds(s);
  const chars = graphemes(s);
  if (chars.length > FILE_NAME_MAX) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : '';
    const stem = graphemes(ext ? s.slice(0, dot) : s).slice(0, FILE_NAME_MAX - graphemes(ext).length);
    s = trimEnds(stem.join('')) + ext;
  }
  return s || fallback;
}

/** Without leading dots and spaces (hidden files, `..`) or trailing ones (Windows drops them). */
function trimEnds(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && (s[start] === '.' || s[start] === ' ')) start++;
  while (end > start && (s[end - 1] === '.' || s[end - 1] === ' ')) end--;
  return s.slice(start, end);
}
