/**
 * The CMS SignedData (RFC 5652) inside a PDF signature: written here for
 * signing, read here for verification. Internal to the signing folder.
 *
 * What is written, for a detached signature over the PDF's signed bytes:
 *   SignedData v1, digest SHA-256, encapsulated content id-data without content,
 *   the signer's certificate (and the chain found in its PKCS#12),
 *   one SignerInfo v1 (issuerAndSerialNumber, rsaEncryption) whose signed
 *   attributes are, DER-sorted:
 *     content-type = id-data, message-digest = SHA-256(signed bytes),
 *     signing-time (only when asked: PAdES baseline forbids it),
 *     ESS signing-certificate-v2 (RFC 5035) = SHA-256 of the signer's
 *       certificate with its issuer and serial number, which binds the
 *       certificate to the signature (no substitution of the certificate).
 */
import { createHash, type KeyObject, sign as rsaSign } from 'node:crypto';
import {
  type Asn1,
  bytesOf,
  child,
  children,
  context,
  fromDer,
  integer,
  integerBytes,
  isContext,
  isUniversal,
  nul,
  octets,
  oid,
  readOid,
  readTime,
  seq,
  setOf,
  time,
  toDer,
  Type,
} from './der.js';
import { parseCertificate, type ParsedCertificate } from './x509.js';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

/** Digest OIDs Node can compute, by name. */
export const DIGESTS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  [OID.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithms verified here (PKCS#1 v1.5 RSA and ECDSA); the hash comes from the SignerInfo. */
const SIGNATURE_ALGORITHMS = new Set([
  OID.rsaEncryption,
  '1.2.840.113549.1.1.5', // sha1WithRSAEncryption
  '1.2.840.113549.1.1.11', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12', // sha384WithRSAEncryption
  '1.2.840.113549.1.1.13', // sha512WithRSAEncryption
  '1.2.840.10045.4.3.2', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3', // ecdsa-with-SHA384
  '1.2.840.10045.4.3.4', // ecdsa-with-SHA512
]);

const attribute = (type: string, value: Asn1): Asn1 => seq(oid(type), setOf([value]));

/** ESS signing-certificate-v2 with SHA-256 (the default hash: its AlgorithmIdentifier is omitted, as DER requires). */
function signingCertificateV2(cert: ParsedCertificate): Asn1 {
  const hash = createHash('sha256').update(cert.der).digest();
  const issuerSerial = seq(
    seq(context(4, [cert.issuerNode])), // GeneralNames { directoryName [4] Name }
    integerBytes(cert.serialBytes),
  );
  return seq(seq(seq(octets(hash), issuerSerial)));
}

export function buildSignedData(opts: {
  content: Buffer;
  privateKey: KeyObject;
  certificate: ParsedCertificate;
  chain: Buffer[];
  signingTime: Date | null;
}): Buffer {
  const digest = createHash('sha256').update(opts.content).digest();
  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(digest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(opts.certificate)),
  ];
  if (opts.signingTime) attributes.push(attribute(OID.signingTime, time(opts.signingTime)));
  const signedAttrs = setOf(attributes);
  // The signature is over the DER of the SET OF; the SignerInfo carries it as [0] IMPLICIT.
  const signature = rsaSign('sha256', toDer(signedAttrs), opts.privateKey);
  const signedAttrsImplicit = context(0, children(signedAttrs));

  const sha256 = seq(oid(OID.sha256));
  const signerInfo = seq(
    integer(1),
    seq(opts.certificate.issuerNode, integerBytes(opts.certificate.serialBytes)),
    sha256,
    signedAttrsImplicit,
    seq(oid(OID.rsaEncryption), nul()),
    octets(signature),
  );
  const certificates = [opts.certificate.der, ...opts.chain].map((der) => fromDer(der));
  const signedData = seq(
    integer(1),
    setOf([sha256]),
    seq(oid(OID.data)),
    context(0, certificates),
    setOf([signerInfo]),
  );
  return toDer(seq(oid(OID.signedData), context(0, [signedData])));
}

export type ParsedSignerInfo = {
  /** The CMS certificates, DER. */
  certificates: Buffer[];
  /** The signer's certificate, found by issuer and serial number (or subject key identifier). */
  signer: ParsedCertificate | null;
  digestAlgorithm: string | null; // Node's name; null when unknown
  digestOid: string;
  /** The signed attributes re-encoded as the DER SET OF that was signed; null when absent. */
  signedAttrsDer: Buffer | null;
  attributes: Map<string, Asn1[]>;
  signatureAlgorithmOid: string;
  signatureAlgorithmSupported: boolean;
  signature: Buffer;
};

/** Reads a CMS ContentInfo holding SignedData and its first SignerInfo; throws a TypeError when malformed. */
export function parseSignedData(der: Buffer): ParsedSignerInfo {
  const contentInfo = fromDer(der);
  if (readOid(child(contentInfo, 0)) !== OID.signedData) throw new TypeError('CMS: not SignedData');
  const explicit = child(contentInfo, 1);
  if (!isContext(explicit, 0)) throw new TypeError('CMS: content expected');
  const fields = children(child(explicit, 0));
  const signerInfos = fields[fields.length - 1];
  const certificatesNode = fields.find((f) => isContext(f, 0));
  const certificates = certificatesNode ? children(certificatesNode).map((c) => toDer(c)) : [];

  const info = child(signerInfos, 0);
  const parts = children(info);
  const sid = child(info, 1);
  const parsedCerts = certificates.flatMap((c) => {
    try {
      return [parseCertificate(c)];
    } catch {
      return [];
    }
  });
  // The signer is the certificate the SignerInfo names, never a guess: verifiers
  // such as pdfsig (NSS) and Adobe fail a signature whose identifier matches no
  // certificate (as @signpdf/signer-p12 writes for UTF-8 issuer names).
  let signer: ParsedCertificate | null = null;
  if (isUniversal(sid, Type.SEQUENCE)) {
    const issuer = toDer(child(sid, 0));
    const serial = bytesOf(child(sid, 1));
    signer =
      parsedCerts.find((c) => toDer(c.issuerNode).equals(issuer) && c.serialBytes.equals(serial)) ?? null;
  } else if (isContext(sid, 0)) {
    const keyId = bytesOf(sid); // [0] IMPLICIT SubjectKeyIdentifier
    signer = parsedCerts.find((c) => c.subjectKeyIdentifier?.equals(keyId) === true) ?? null;
  }

  const digestOid = readOid(child(child(info, 2), 0));
  let index = 3;
  let signedAttrsDer: Buffer | null = null;
  const attributes = new Map<string, Asn1[]>();
  if (isContext(parts[index], 0)) {
    const attrs = children(parts[index]);
    // The signature covers the attributes as a SET OF, in the order they were
    // encoded (not re-sorted: some signers do not sort them): only the tag changes.
    const asSet = toDer(context(0, attrs));
    asSet[0] = 0x31;
    signedAttrsDer = asSet;
    for (const attr of attrs) {
      const type = readOid(child(attr, 0));
      attributes.set(type, children(child(attr, 1)));
    }
    index++;
  }
  const signatureAlgorithmOid = readOid(child(parts[index], 0));
  const signature = bytesOf(parts[index + 1]);
  return {
    certificates,
    signer,
    digestAlgorithm: DIGESTS[digestOid] ?? null,
    digestOid,
    signedAttrsDer,
    attributes,
    signatureAlgorithmOid,
    signatureAlgorithmSupported: SIGNATURE_ALGORITHMS.has(signatureAlgorithmOid),
    signature,
  };
}

export function attributeValue(parsed: ParsedSignerInfo, type: string): Asn1 | undefined {
  return parsed.attributes.get(type)?.[0];
}

export function readMessageDigest(parsed: ParsedSignerInfo): Buffer | null {
  const value = attributeValue(parsed, OID.messageDigest);
  return value && isUniversal(value, Type.OCTETSTRING) ? bytesOf(value) : null;
}

export function readSigningTime(parsed: ParsedSignerInfo): Date | null {
  const value = attributeValue(parsed, OID.signingTime);
  return value ? readTime(value) : null;
}

/**
 * Whether the ESS signing-certificate(-v2) attribute names the signer's
 * certificate: true / false, or null when the CMS has neither attribute.
 */
export function signingCertificateBound(parsed: ParsedSignerInfo): boolean | null {
  const v2 = attributeValue(parsed, OID.signingCertificateV2);
  const v1 = attributeValue(parsed, OID.signingCertificate);
  if (!v2 && !v1) return null;
  if (!parsed.signer) return false;
  const certId = child(child(v2 ?? v1, 0), 0); // first ESSCertID(v2) of certs
  let algorithm = v2 ? 'sha256' : 'sha1';
  let hashIndex = 0;
  const first = child(certId, 0);
  if (v2 && isUniversal(first, Type.SEQUENCE)) {
    const named = DIGESTS[readOid(child(first, 0))];
    if (!named) return false;
    algorithm = named;
    hashIndex = 1;
  }
  const expected = bytesOf(child(certId, hashIndex));
  return createHash(algorithm).update(parsed.signer.der).digest().equals(expected);
}
