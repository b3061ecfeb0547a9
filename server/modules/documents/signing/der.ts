/**
 * Small DER helpers over node-forge's ASN.1 tree, shared by the CMS builder
 * and the verifier. Internal to the signing folder (not exported by index.ts).
 *
 * forge's own PKCS#7 writer is not used: it can encode only three signed
 * attributes (content type, signing time, message digest), it does not sort
 * the SET OF attributes as DER requires, and it re-encodes the issuer name
 * from its parsed form (UTF8String values come out double-encoded). Here the
 * structures are built node by node, and names are copied from the
 * certificate's own bytes.
 */
import forge from 'node-forge';

const { asn1 } = forge;

export type Asn1 = forge.asn1.Asn1;

const U = asn1.Class.UNIVERSAL;
const CTX = asn1.Class.CONTEXT_SPECIFIC;

const bin = (b: Buffer): string => b.toString('binary');

export function toDer(node: Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

/**
 * Parses one DER value (trailing bytes, e.g. the zero padding of a PDF
 * /Contents string, are ignored). Bit strings are kept as raw bytes so that
 * re-encoding a parsed node gives back exactly the original bytes.
 */
export function fromDer(bytes: Buffer): Asn1 {
  const options = { strict: true, parseAllBytes: false, decodeBitStrings: false };
  return asn1.fromDer(forge.util.createBuffer(bin(bytes)), options as unknown as boolean);
}

/** The length of the DER value at the start of `bytes` (header + content), or null. */
export function derLength(bytes: Buffer): number | null {
  if (bytes.length < 2) return null;
  const first = bytes[1] ?? 0;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || bytes.length < 2 + count) return null;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (bytes[2 + i] ?? 0);
  return 2 + count + length;
}

export const seq = (...children: Asn1[]): Asn1 => asn1.create(U, asn1.Type.SEQUENCE, true, children);

/** A DER SET OF: members sorted by their encodings (X.690 §11.6). */
export function setOf(children: Asn1[]): Asn1 {
  const sorted = children
    .map((node) => ({ node, der: toDer(node) }))
    .sort((a, b) => Buffer.compare(a.der, b.der))
    .map((x) => x.node);
  return asn1.create(U, asn1.Type.SET, true, sorted);
}

export const oid = (dotted: string): Asn1 => asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(dotted).getBytes());
export const nul = (): Asn1 => asn1.create(U, asn1.Type.NULL, false, '');
export const octets = (b: Buffer): Asn1 => asn1.create(U, asn1.Type.OCTETSTRING, false, bin(b));
export const integer = (n: number): Asn1 => asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
/** An INTEGER from its content bytes (two's complement, big-endian). */
export const integerBytes = (b: Buffer): Asn1 => asn1.create(U, asn1.Type.INTEGER, false, bin(b));
/** `[tag]` EXPLICIT, or IMPLICIT over a constructed type (both: a constructed context tag around children). */
export const context = (tag: number, children: Asn1[]): Asn1 => asn1.create(CTX, tag, true, children);

/** Time per RFC 5280 / RFC 5652: UTCTime for 1950–2049, else GeneralizedTime; whole seconds, UTC. */
export function time(date: Date): Asn1 {
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? asn1.create(U, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date))
    : asn1.create(U, asn1.Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
}

export function readTime(node: Asn1): Date {
  const value = primitive(node);
  if (node.tagClass === U && node.type === asn1.Type.UTCTIME) return asn1.utcTimeToDate(value);
  if (node.tagClass === U && node.type === asn1.Type.GENERALIZEDTIME) return asn1.generalizedTimeToDate(value);
  throw new TypeError('ASN.1: a time was expected');
}

export function children(node: Asn1 | undefined): Asn1[] {
  if (!node || !Array.isArray(node.value)) throw new TypeError('ASN.1: a constructed value was expected');
  return node.value;
}

export function child(node: Asn1 | undefined, index: number): Asn1 {
  const found = children(node)[index];
  if (!found) throw new TypeError('ASN.1: a value is missing');
  return found;
}

function primitive(node: Asn1 | undefined): string {
  if (!node || typeof node.value !== 'string') throw new TypeError('ASN.1: a primitive value was expected');
  return node.value;
}

export const bytesOf = (node: Asn1 | undefined): Buffer => Buffer.from(primitive(node), 'binary');

export function readOid(node: Asn1 | undefined): string {
  if (!node || node.tagClass !== U || node.type !== asn1.Type.OID) throw new TypeError('ASN.1: an OID was expected');
  return asn1.derToOid(primitive(node));
}

export const isContext = (node: Asn1 | undefined, tag: number): boolean =>
  node !== undefined && node.tagClass === CTX && node.type === tag;

export const isUniversal = (node: Asn1 | undefined, type: forge.asn1.Type): boolean =>
  node !== undefined && node.tagClass === U && node.type === type;

export const Type = asn1.Type;
