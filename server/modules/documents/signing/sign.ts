/**
 * Signing a PDF with the signer's PKCS#12: @signpdf/placeholder-plain adds
 * the signature dictionary (an incremental update: the original bytes stay
 * untouched), @signpdf/signpdf fills in the ByteRange and the /Contents, and
 * the CMS is written by ./cms.ts.
 *
 * Why not @signpdf/signer-p12: its CMS (forge's PKCS#7 writer) carries only
 * content-type, signing-time and message-digest; it cannot add the ESS
 * signing-certificate-v2 attribute that PAdES requires, and forge re-encodes
 * the issuer name (UTF8String names, as in Vietnamese certificates, come out
 * double-encoded). ./cms.ts writes the same structure plus that attribute.
 *
 * Two profiles:
 * - 'pkcs7-detached' (default): SubFilter adbe.pkcs7.detached; the CMS carries
 *   signing-time, content-type, message-digest and signing-certificate-v2.
 *   A PKCS#7 detached signature (ISO 32000-1 §12.8.3.3), not PAdES: PAdES
 *   baseline (ETSI EN 319 142-1, table 1) forbids the signing-time attribute.
 * - 'pades-b-b': SubFilter ETSI.CAdES.detached; content-type, message-digest
 *   and signing-certificate-v2, no signing-time: the claimed signing time is
 *   the signature dictionary's /M. PAdES baseline B-B.
 * Neither carries a trusted timestamp (that would be B-T).
 */
import { randomBytes } from 'node:crypto';
import placeholderCjs from '@signpdf/placeholder-plain';
import signpdfCjs from '@signpdf/signpdf';
import utilsCjs from '@signpdf/utils';
import type * as PlaceholderTypes from '@signpdf/placeholder-plain';
import type * as SignPdfTypes from '@signpdf/signpdf';
import type * as UtilsTypes from '@signpdf/utils';
import { checkUsable, openP12, type OpenedP12 } from './certificate.js';
import { buildSignedData } from './cms.js';
import { hexTextString } from './pdf-syntax.js';
import { signatureInfo } from './verify.js';

export type SignatureProfile = 'pkcs7-detached' | 'pades-b-b';

export type SigningMeta = {
  reason: string;
  location: string;
  signerName: string;
  contactInfo?: string;
  signedAt: Date;
};

export type SigningErrorReason =
  /** The PDF already has a signature dictionary (/ByteRange): a signed document is never signed again. */
  | 'already_signed'
  | 'expired'
  | 'not_yet_valid'
  /** The PDF could not be read (placeholder-plain needs a classic xref table, as pdfkit writes). */
  | 'invalid_pdf'
  | 'invalid_input'
  /** The signed result did not verify: a bug, the document is not handed out. */
  | 'self_check_failed';

export class SigningError extends Error {
  override readonly name = 'SigningError';
  constructor(
    readonly reason: SigningErrorReason,
    message: string,
  ) {
    super(message);
  }
}

// ESM interop: these are CommonJS (Babel) modules; Node's default import is
// module.exports, a bundler's is exports.default.
type PlaceholderModule = typeof PlaceholderTypes;
type UtilsModule = typeof UtilsTypes;
const interop = <T>(m: unknown): T => ((m as { default?: T }).default ?? m) as T;
const { plainAddPlaceholder } = interop<PlaceholderModule>(placeholderCjs);
const signpdf = interop<SignPdfTypes.SignPdf>(signpdfCjs);
const { Signer, SUBFILTER_ADOBE_PKCS7_DETACHED, SUBFILTER_ETSI_CADES_DETACHED } = interop<UtilsModule>(utilsCjs);

/** The signer handed to @signpdf/signpdf: it receives the PDF without /Contents and returns the DER CMS. */
class CmsSigner extends Signer {
  constructor(
    private readonly opened: OpenedP12,
    private readonly withSigningTime: boolean,
    private readonly signedAt: Date,
  ) {
    super();
  }

  override sign(pdfBuffer: Buffer): Promise<Buffer> {
    return Promise.resolve(
      buildSignedData({
        content: pdfBuffer,
        privateKey: this.opened.privateKey,
        certificate: this.opened.certificate,
        chain: this.opened.chain,
        signingTime: this.withSigningTime ? this.signedAt : null,
      }),
    );
  }
}

/** NFC, control characters as spaces, trimmed. */
const clean = (s: string): string =>
  // eslint-disable-next-line no-control-regex
  s.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();

/**
 * The text entries go in as UTF-16BE hexadecimal strings. placeholder-plain
 * writes strings through `Buffer.from(string)` (UTF-8), which mangles the
 * UTF-16 bytes of any non-ASCII text, and writes a value containing "<<" raw
 * into the PDF. So it is given a random ASCII token of exactly the length of
 * the hexadecimal string, which is then overwritten in place: no offset moves.
 */
type Slot = { token: string; hex: string };

function slotFor(text: string): Slot | null {
  if (text === '') return null;
  const hex = hexTextString(text); // <FEFF…>
  const letters = randomBytes(hex.length - 2);
  const token = Array.from(letters, (b) => String.fromCharCode(0x61 + (b % 26))).join('');
  return { token, hex };
}

function fillSlots(pdf: Buffer, slots: Slot[]): Buffer {
  const out = Buffer.from(pdf);
  for (const slot of slots) {
    const needle = `(${slot.token})`;
    const at = out.indexOf(needle, 0, 'latin1');
    if (at < 0 || out.indexOf(needle, at + 1, 'latin1') >= 0) {
      throw new SigningError('self_check_failed', 'The signature dictionary could not be written.');
    }
    out.write(slot.hex, at, 'latin1');
  }
  return out;
}

const PLACEHOLDER_BYTES_MIN = 8192;

/**
 * Signs `pdf` (pdfkit output or any PDF with a classic xref table) with the
 * certificate in `p12`. Throws a CertificateError (file, password) or a
 * SigningError (already signed, certificate not valid at `signedAt`, …).
 */
export async function signPdf(
  pdf: Buffer,
  p12: Buffer,
  password: string,
  meta: SigningMeta,
  options: { profile?: SignatureProfile } = {},
): Promise<Buffer> {
  const profile = options.profile ?? 'pkcs7-detached';
  if (!Buffer.isBuffer(pdf) || !pdf.subarray(0, 1024).includes('%PDF-')) {
    throw new SigningError('invalid_pdf', 'This is not a PDF file.');
  }
  if (!(meta.signedAt instanceof Date) || Number.isNaN(meta.signedAt.getTime())) {
    throw new SigningError('invalid_input', 'The signing time is not a valid date.');
  }
  if (pdf.includes('/ByteRange')) {
    throw new SigningError('already_signed', 'The document already carries a signature; it is not signed again.');
  }

  const opened = openP12(p12, password);
  const unusable = checkUsable(opened.certificate.info, meta.signedAt);
  if (unusable === 'expired') throw new SigningError('expired', 'The certificate had expired at the signing time.');
  if (unusable === 'not_yet_valid') {
    throw new SigningError('not_yet_valid', 'The certificate was not yet valid at the signing time.');
  }

  const fields = {
    reason: slotFor(clean(meta.reason)),
    location: slotFor(clean(meta.location)),
    name: slotFor(clean(meta.signerName)),
    contactInfo: slotFor(clean(meta.contactInfo ?? '')),
  };
  const certificateBytes = [opened.certificate.der, ...opened.chain].reduce((n, c) => n + c.length, 0);
  let withPlaceholder: Buffer;
  try {
    withPlaceholder = plainAddPlaceholder({
      pdfBuffer: pdf,
      reason: fields.reason?.token ?? '',
      location: fields.location?.token ?? '',
      name: fields.name?.token ?? '',
      contactInfo: fields.contactInfo?.token ?? '',
      signingTime: meta.signedAt,
      signatureLength: Math.max(PLACEHOLDER_BYTES_MIN, certificateBytes + 4096),
      subFilter: profile === 'pades-b-b' ? SUBFILTER_ETSI_CADES_DETACHED : SUBFILTER_ADOBE_PKCS7_DETACHED,
      appName: 'Motcua',
    });
  } catch {
    throw new SigningError('invalid_pdf', 'The PDF could not be prepared for signing.');
  }
  withPlaceholder = fillSlots(
    withPlaceholder,
    Object.values(fields).filter((s): s is Slot => s !== null),
  );

  let signed: Buffer;
  try {
    signed = await signpdf.sign(withPlaceholder, new CmsSigner(opened, profile === 'pkcs7-detached', meta.signedAt));
  } catch {
    throw new SigningError('invalid_pdf', 'The PDF could not be signed.');
  }

  const check = signatureInfo(signed);
  if (!check.valid || !check.coversWholeDocument) {
    throw new SigningError('self_check_failed', `The signed document did not verify (${check.problems.join(', ')}).`);
  }
  return signed;
}
