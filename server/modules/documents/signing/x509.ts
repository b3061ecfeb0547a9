/**
 * Reading an X.509 certificate from its DER bytes: the fields Motcua shows
 * (subject and issuer as "CN=…, O=…", serial, validity, SHA-256 fingerprint)
 * and the raw issuer name and serial number a CMS SignerInfo refers to.
 * Works on the ASN.1 structure only, so it reads certificates with any key
 * type (forge's certificate parser accepts RSA keys only).
 */
import { createHash } from 'node:crypto';
import { type Asn1, bytesOf, child, children, derLength, fromDer, isContext, isUniversal, readOid, readTime, Type } from './der.js';

export type CertificateInfo = {
  /** "CN=…, O=…" (the common name and organisation; the whole name when it has neither). */
  subject: string;
  issuer: string;
  /** Upper-case hexadecimal, as printed by `openssl x509 -serial`. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** Upper-case hexadecimal pairs separated by colons, as `openssl x509 -fingerprint -sha256` prints it. */
  sha256Fingerprint: string;
  certificatePem: string;
};

export type ParsedCertificate = {
  der: Buffer;
  /** The issuer Name exactly as encoded in the certificate. */
  issuerNode: Asn1;
  /** The INTEGER content bytes of the serial number. */
  serialBytes: Buffer;
  /** The subjectKeyIdentifier extension's key identifier, when present. */
  subjectKeyIdentifier: Buffer | null;
  info: CertificateInfo;
};

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.12': 'T',
  '2.5.4.5': 'serialNumber',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

function attributeText(node: Asn1): string {
  if (typeof node.value !== 'string') return '';
  // forge has already turned BMPString into JavaScript characters.
  if (isUniversal(node, Type.BMPSTRING)) return node.value;
  const raw = Buffer.from(node.value, 'binary');
  if (isUniversal(node, Type.UTF8)) return raw.toString('utf8');
  if (node.tagClass === 0 && (node.type as number) === 28) {
    // UniversalString: UTF-32BE.
    let out = '';
    for (let i = 0; i + 3 < raw.length; i += 4) out += String.fromCodePoint(raw.readUInt32BE(i));
    return out;
  }
  return raw.toString('latin1');
}

/** The attributes of a Name (RDNSequence) in encoding order, as [short name, text]. */
export function nameAttributes(name: Asn1): [string, string][] {
  const out: [string, string][] = [];
  for (const rdn of children(name)) {
    for (const atv of children(rdn)) {
      const type = readOid(child(atv, 0));
      out.push([SHORT_NAMES[type] ?? type, attributeText(child(atv, 1)).normalize('NFC')]);
    }
  }
  return out;
}

/** "CN=…, O=…"; every attribute (most specific first) when the name has no CN and no O. */
export function formatName(name: Asn1): string {
  const attributes = nameAttributes(name);
  const picked = [
    ...attributes.filter(([k]) => k === 'CN'),
    ...attributes.filter(([k]) => k === 'O'),
  ];
  const shown = picked.length > 0 ? picked : [...attributes].reverse();
  return shown.map(([k, v]) => `${k}=${v}`).join(', ');
}

const hexPairs = (b: Buffer): string =>
  b.toString('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:');

export function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function readSubjectKeyIdentifier(tbsFields: Asn1[]): Buffer | null {
  const extensions = tbsFields.find((f) => isContext(f, 3));
  if (!extensions) return null;
  for (const extension of children(child(extensions, 0))) {
    const parts = children(extension);
    if (readOid(parts[0]) !== '2.5.29.14') continue;
    const value = parts[parts.length - 1];
    const inner = fromDer(bytesOf(value)); // extnValue: OCTET STRING holding the KeyIdentifier OCTET STRING
    return bytesOf(inner);
  }
  return null;
}

/** Throws a TypeError when `der` is not an X.509 certificate. */
export function parseCertificate(der: Buffer): ParsedCertificate {
  const cert = fromDer(der);
  const tbs = child(cert, 0);
  const fields = children(tbs);
  const offset = isContext(fields[0], 0) ? 1 : 0; // [0] EXPLICIT version
  const serialNode = child(tbs, offset);
  if (!isUniversal(serialNode, Type.INTEGER)) throw new TypeError('X.509: serial number expected');
  const issuerNode = child(tbs, offset + 2);
  const validity = child(tbs, offset + 3);
  const subjectNode = child(tbs, offset + 4);
  const exact = Buffer.from(der.subarray(0, derLength(der) ?? der.length));
  const serialBytes = bytesOf(serialNode);
  const serialHex = serialBytes.toString('hex').replace(/^(00)+(?=.)/, '').toUpperCase();
  return {
    der: exact,
    issuerNode,
    serialBytes,
    subjectKeyIdentifier: readSubjectKeyIdentifier(fields),
    info: {
      subject: formatName(subjectNode),
      issuer: formatName(issuerNode),
      serialNumber: serialHex,
      notBefore: readTime(child(validity, 0)),
      notAfter: readTime(child(validity, 1)),
      sha256Fingerprint: hexPairs(createHash('sha256').update(exact).digest()),
      certificatePem: toPem(exact),
    },
  };
}
