/**
 * In-process check of a signed PDF, for the public verification page.
 *
 * What is checked, on the last signature of the file:
 * - the ByteRange [0, a, b, c] covers the whole file except the /Contents
 *   hexadecimal string (a signature over part of a file says nothing about
 *   the rest, e.g. pages added afterwards);
 * - the CMS message-digest equals the hash of the signed byte ranges
 *   (integrity of the document);
 * - the signer's signature over the signed attributes verifies with the
 *   public key of the certificate the CMS names (RSA PKCS#1 v1.5 or ECDSA);
 * - the ESS signing-certificate(-v2) attribute, when present, names that
 *   certificate.
 *
 * What is NOT checked: whether the certificate chains to a trusted
 * certification authority and is not revoked (no trust store, no OCSP/CRL
 * here). `valid` therefore means "unaltered since signed by the holder of
 * this certificate's key", not "signed by a trusted authority".
 *
 * Never throws on malformed input: problems are listed instead.
 */
import { createHash, verify as verifySignature, X509Certificate } from 'node:crypto';
import { type CertificateInfo } from './x509.js';
import { derLength } from './der.js';
import {
  parseSignedData,
  type ParsedSignerInfo,
  readMessageDigest,
  readSigningTime,
  signingCertificateBound,
} from './cms.js';
import { parsePdfDate, readTextEntry } from './pdf-syntax.js';

export type SignatureProblem =
  | 'not_signed'
  /** The ByteRange or /Contents cannot be read. */
  | 'malformed'
  /** The signed ranges leave out more of the file than the signature itself. */
  | 'partial_coverage'
  | 'cms_unreadable'
  | 'signer_certificate_missing'
  | 'unsupported_algorithm'
  /** The document's bytes changed after signing. */
  | 'digest_mismatch'
  /** The signature over the signed attributes does not verify. */
  | 'signature_invalid'
  /** The ESS signing-certificate attribute names another certificate. */
  | 'certificate_binding_mismatch';

export type SignatureInfo = {
  /** The file has a signature dictionary (a /ByteRange). */
  signed: boolean;
  /** The number of signature dictionaries; the rest describes the last one. */
  signatureCount: number;
  byteRange: [number, number, number, number] | null;
  /** ByteRange [0, a, b, c] with b + c = file length and the gap a..b exactly the /Contents string. */
  coversWholeDocument: boolean;
  subFilter: string | null;
  signer: CertificateInfo | null;
  /** The CMS signing-time attribute (null when absent, as in PAdES baseline). */
  signingTime: Date | null;
  /** The /M entry of the signature dictionary (the claimed signing time). */
  claimedSigningTime: Date | null;
  reason: string | null;
  location: string | null;
  /** The /Name entry (the signer's name as the signing software wrote it). */
  name: string | null;
  contactInfo: string | null;
  digestAlgorithm: string | null;
  /** The CMS message-digest equals the hash of the signed byte ranges. */
  digestMatches: boolean;
  /** The signature verifies with the signer certificate's public key. */
  signatureValid: boolean;
  /** The ESS signing-certificate(-v2) names the signer's certificate; null when the CMS has no such attribute. */
  certificateBound: boolean | null;
  /** The certificate was within its validity period at the signing time (CMS, else /M); null when no time is known. */
  certificateValidAtSigningTime: boolean | null;
  /** Integrity and signature: covers the whole document, digest matches, signature verifies, no certificate substitution. */
  valid: boolean;
  problems: SignatureProblem[];
};

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s*\]/g;

function unsigned(count: number, problems: SignatureProblem[]): SignatureInfo {
  return {
    signed: count > 0,
    signatureCount: count,
    byteRange: null,
    coversWholeDocument: false,
    subFilter: null,
    signer: null,
    signingTime: null,
    claimedSigningTime: null,
    reason: null,
    location: null,
    name: null,
    contactInfo: null,
    digestAlgorithm: null,
    digestMatches: false,
    signatureValid: false,
    certificateBound: null,
    certificateValidAtSigningTime: null,
    valid: false,
    problems,
  };
}

export function signatureInfo(pdf: Buffer): SignatureInfo {
  const text = pdf.toString('latin1');
  const count = text.split('/ByteRange').length - 1;
  if (count === 0) return unsigned(0, ['not_signed']);
  const matches = [...text.matchAll(BYTE_RANGE)];
  const last = matches[matches.length - 1];
  if (!last) return unsigned(count, ['malformed']);
  const range = [last[1], last[2], last[3], last[4]].map(Number) as [number, number, number, number];
  const [start, lengthA, offsetB, lengthB] = range;

  // The signature dictionary around this ByteRange.
  const objStart = text.lastIndexOf(' obj', last.index);
  const objEnd = text.indexOf('endobj', last.index);
  const dictionary = text.slice(objStart < 0 ? 0 : objStart, objEnd < 0 ? text.length : objEnd);
  const subFilter = /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(dictionary)?.[1] ?? null;

  const info: SignatureInfo = {
    ...unsigned(count, []),
    byteRange: range,
    subFilter,
    claimedSigningTime: parsePdfDate(readTextEntry(dictionary, 'M')),
    reason: readTextEntry(dictionary, 'Reason'),
    location: readTextEntry(dictionary, 'Location'),
    name: readTextEntry(dictionary, 'Name'),
    contactInfo: readTextEntry(dictionary, 'ContactInfo'),
  };
  const problems = info.problems;

  const inBounds = start + lengthA <= offsetB && offsetB + lengthB <= pdf.length && lengthA > 0;
  if (!inBounds) return { ...info, problems: ['malformed'] };
  const gap = text.slice(start + lengthA, offsetB);
  const gapIsContents =
    /^<[0-9A-Fa-f]*>$/.test(gap) && gap.length % 2 === 0 && /\/Contents\s*$/.test(text.slice(Math.max(0, start + lengthA - 64), start + lengthA));
  if (!gapIsContents) return { ...info, problems: ['malformed'] };
  info.coversWholeDocument = start === 0 && offsetB + lengthB === pdf.length;
  if (!info.coversWholeDocument) problems.push('partial_coverage');

  const contents = Buffer.from(gap.slice(1, -1), 'hex');
  let cms: ParsedSignerInfo;
  try {
    const length = derLength(contents);
    if (length === null || length > contents.length) throw new TypeError('CMS: bad length');
    cms = parseSignedData(contents.subarray(0, length));
  } catch {
    problems.push('cms_unreadable');
    return info;
  }

  info.digestAlgorithm = cms.digestAlgorithm;
  info.signer = cms.signer ? { ...cms.signer.info } : null;
  try {
    info.signingTime = readSigningTime(cms);
  } catch {
    info.signingTime = null;
  }
  if (!cms.signer) problems.push('signer_certificate_missing');
  if (!cms.digestAlgorithm || !cms.signatureAlgorithmSupported) problems.push('unsupported_algorithm');

  const signedBytes = Buffer.concat([pdf.subarray(start, start + lengthA), pdf.subarray(offsetB, offsetB + lengthB)]);
  if (cms.digestAlgorithm) {
    const digest = createHash(cms.digestAlgorithm).update(signedBytes).digest();
    const claimed = cms.signedAttrsDer ? readMessageDigest(cms) : null;
    info.digestMatches = claimed !== null && claimed.equals(digest);
    if (cms.signer && cms.signatureAlgorithmSupported) {
      // With signed attributes the signature covers them (and through the
      // message-digest, the document); without, it covers the document itself.
      const data = cms.signedAttrsDer ?? signedBytes;
      try {
        const key = new X509Certificate(cms.signer.der).publicKey;
        info.signatureValid = verifySignature(cms.digestAlgorithm, data, key, cms.signature);
      } catch {
        info.signatureValid = false;
      }
      if (!cms.signedAttrsDer) info.digestMatches = info.signatureValid;
    }
    if (!info.digestMatches) problems.push('digest_mismatch');
    if (cms.signer && cms.signatureAlgorithmSupported && !info.signatureValid) problems.push('signature_invalid');
  }
  try {
    info.certificateBound = signingCertificateBound(cms);
  } catch {
    info.certificateBound = false;
  }
  if (info.certificateBound === false) problems.push('certificate_binding_mismatch');

  const at = info.signingTime ?? info.claimedSigningTime;
  info.certificateValidAtSigningTime =
    at && info.signer ? at >= info.signer.notBefore && at <= info.signer.notAfter : null;

  info.valid = problems.length === 0;
  return info;
}
