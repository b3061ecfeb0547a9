/**
 * The signer's PKCS#12 file (.p12 / .pfx): reading it, checking that its
 * certificate is usable at a given time, and making self-signed test
 * certificates for the demo and the tests.
 *
 * Limits (those of node-forge, which decodes the PKCS#12):
 * - RSA keys only (forge cannot decode EC private keys: such a file is
 *   reported as `no_private_key`);
 * - forge gives the certificate only in parsed form, so its bytes (for the
 *   fingerprint and the CMS) are forge's re-encoding: byte-exact for
 *   DER-conformant certificates, as CAs issue them (the tests compare the
 *   fingerprint with OpenSSL's); a non-DER certificate would come out changed.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { type CertificateInfo, parseCertificate, type ParsedCertificate } from './x509.js';

export type { CertificateInfo } from './x509.js';

export type CertificateErrorReason = 'password_wrong' | 'not_pkcs12' | 'no_private_key' | 'no_certificate';

/** A PKCS#12 file that cannot be used; never carries forge's own exception. */
export class CertificateError extends Error {
  override readonly name = 'CertificateError';
  constructor(
    readonly reason: CertificateErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** The opened PKCS#12: for signing, inside this folder only. */
export type OpenedP12 = {
  privateKey: KeyObject;
  certificate: ParsedCertificate;
  /** The other certificates of the file (the CA chain, when included), DER. */
  chain: Buffer[];
};

const MAC_FAILED = /MAC could not be verified/i;
const DECRYPT_FAILED = /Failed to decrypt|Unable to decrypt|wrong password|Invalid password/i;
const NOT_PKCS12 = 'The file is not a readable PKCS#12 (.p12 / .pfx) certificate.';
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : '');

/**
 * forge checks the MAC (keyed by the password) before decrypting anything,
 * so a wrong password is told apart from a damaged or foreign file by the
 * MAC failure; a file without a MAC can only fail to decrypt.
 *
 * Non-ASCII passwords: the MAC and the legacy PKCS#12 encryption take the
 * password as BMPString (forge does this right from a JavaScript string), but
 * PBES2 (what OpenSSL 3 writes by default) takes its UTF-8 bytes, which forge
 * expects to be given already encoded. When the MAC accepted the password and
 * decryption then failed, decoding is retried with the UTF-8 bytes, the MAC
 * having been checked already.
 */
function decodePkcs12(p12: Buffer, password: string): forge.pkcs12.Pkcs12Pfx {
  let asn: forge.asn1.Asn1;
  try {
    asn = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
  } catch {
    throw new CertificateError('not_pkcs12', NOT_PKCS12);
  }
  const hasMac = Array.isArray(asn.value) && asn.value.length > 2;
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn, false, password);
  } catch (e) {
    if (MAC_FAILED.test(messageOf(e))) throw new CertificateError('password_wrong', 'The certificate password is wrong.');
    if (!DECRYPT_FAILED.test(messageOf(e))) throw new CertificateError('not_pkcs12', NOT_PKCS12);
  }
  // Here: the MAC accepted the password (or there is none) and decryption failed.
  if (/[^\x20-\x7e]/.test(password) && Array.isArray(asn.value)) {
    try {
      const withoutMac = forge.asn1.create(asn.tagClass, asn.type, asn.constructed, asn.value.slice(0, 2));
      return forge.pkcs12.pkcs12FromAsn1(withoutMac, false, forge.util.encodeUtf8(password));
    } catch {
      // fall through
    }
  }
  if (hasMac) {
    throw new CertificateError('not_pkcs12', 'The certificate password is right but the file uses an encryption this software cannot read.');
  }
  throw new CertificateError('password_wrong', 'The certificate password is wrong.');
}

export function openP12(p12: Buffer, password: string): OpenedP12 {
  if (!Buffer.isBuffer(p12) || p12.length === 0) throw new CertificateError('not_pkcs12', 'The file is empty.');
  const pfx = decodePkcs12(p12, password);

  let keys: forge.pki.rsa.PrivateKey[];
  let certs: forge.pki.Certificate[];
  try {
    const bags = (type: string) => pfx.getBags({ bagType: type })[type] ?? [];
    keys = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag ?? ''), ...bags(forge.pki.oids.keyBag ?? '')]
      .map((b) => b.key as forge.pki.rsa.PrivateKey | undefined)
      .filter((k): k is forge.pki.rsa.PrivateKey => k != null && 'n' in k);
    certs = bags(forge.pki.oids.certBag ?? '')
      .map((b) => b.cert)
      .filter((c): c is forge.pki.Certificate => c != null);
  } catch {
    throw new CertificateError('not_pkcs12', 'The file is not a readable PKCS#12 (.p12 / .pfx) certificate.');
  }
  const key = keys[0];
  if (!key) throw new CertificateError('no_private_key', 'The file holds no (RSA) private key.');
  if (certs.length === 0) throw new CertificateError('no_certificate', 'The file holds no certificate.');

  const matches = (c: forge.pki.Certificate): boolean => {
    const pub = c.publicKey as Partial<forge.pki.rsa.PublicKey>;
    return pub.n !== undefined && pub.e !== undefined && pub.n.equals(key.n) && pub.e.equals(key.e);
  };
  const own = certs.find(matches);
  if (!own) throw new CertificateError('no_certificate', 'No certificate in the file matches its private key.');

  const derOf = (c: forge.pki.Certificate): Buffer =>
    Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(c)).getBytes(), 'binary');
  let certificate: ParsedCertificate;
  try {
    certificate = parseCertificate(derOf(own));
  } catch {
    throw new CertificateError('no_certificate', 'The certificate in the file cannot be read.');
  }
  return {
    privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)),
    certificate,
    chain: certs.filter((c) => c !== own).map(derOf),
  };
}

/** The signer's certificate in a PKCS#12 file; throws a CertificateError. */
export function readP12(p12: Buffer, password: string): CertificateInfo {
  return { ...openP12(p12, password).certificate.info };
}

/** Why the certificate cannot sign at `at`, or null when it can (validity bounds inclusive, RFC 5280). */
export function checkUsable(
  info: Pick<CertificateInfo, 'notBefore' | 'notAfter'>,
  at: Date,
): 'expired' | 'not_yet_valid' | null {
  if (at.getTime() < info.notBefore.getTime()) return 'not_yet_valid';
  if (at.getTime() > info.notAfter.getTime()) return 'expired';
  return null;
}

const DAY_MS = 86_400_000;

/**
 * A self-signed RSA-2048 / SHA-256 certificate with keyUsage digitalSignature
 * and nonRepudiation, in a PKCS#12 (AES-256) under a fresh random password
 * (144 bits). For the demo and the tests; a real signer uses a CA-issued
 * certificate.
 */
export function makeTestCertificate(opts: {
  commonName: string;
  organization: string;
  validFrom: Date;
  validDays: number;
}): { p12: Buffer; password: string } {
  if (!(opts.validDays > 0)) throw new RangeError('validDays must be positive');
  if (Number.isNaN(opts.validFrom.getTime())) throw new RangeError('validFrom must be a valid date');
  // Node generates the key in native code (forge's pure-JS generation takes seconds).
  const { privateKey: pem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicExponent: 0x10001,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(pem);

  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40; // positive, minimally encoded
  cert.serialNumber = serial.toString('hex');
  cert.validity.notBefore = new Date(opts.validFrom.getTime());
  cert.validity.notAfter = new Date(opts.validFrom.getTime() + opts.validDays * DAY_MS);
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  const name: forge.pki.CertificateField[] = [
    { shortName: 'C', value: 'VN' },
    { shortName: 'O', value: opts.organization.normalize('NFC'), valueTagClass: utf8 },
    { shortName: 'CN', value: opts.commonName.normalize('NFC'), valueTagClass: utf8 },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());

  const password = randomBytes(18).toString('base64url');
  const asn = forge.pkcs12.toPkcs12Asn1(key, [cert], password, {
    algorithm: 'aes256',
    generateLocalKeyId: true,
  });
  return { p12: Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary'), password };
}
