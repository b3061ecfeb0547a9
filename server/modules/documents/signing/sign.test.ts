/**
 * Signing and verifying, cross-checked with tools that share no code with
 * Motcua: poppler's pdfsig (NSS) and OpenSSL's `cms -verify`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import placeholderCjs from '@signpdf/placeholder-plain';
import signerP12Cjs from '@signpdf/signer-p12';
import signpdfCjs from '@signpdf/signpdf';
import type * as PlaceholderTypes from '@signpdf/placeholder-plain';
import type * as SignerP12Types from '@signpdf/signer-p12';
import type * as SignPdfTypes from '@signpdf/signpdf';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CertificateError,
  makeTestCertificate,
  readP12,
  type SignatureProfile,
  signatureInfo,
  signPdf,
  SigningError,
  type SigningMeta,
} from './index.js';

const run = promisify(execFile);
const FONT = 'node_modules/@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf';
const HOUR = 3_600_000;

const interop = <T>(m: unknown): T => ((m as { default?: T }).default ?? m) as T;

function makePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: 'Quyết định cấp giấy phép' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('vn', FONT);
    doc.font('vn').fontSize(16).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    doc.fontSize(12).text('Độc lập – Tự do – Hạnh phúc');
    doc.moveDown().text('Quyết định về việc cấp giấy phép xây dựng cho ông Nguyễn Văn Ánh, xã Tân Phú.');
    doc.end();
  });
}

let dir: string;
let pdf: Buffer;
let cert: { p12: Buffer; password: string };
const meta = (over: Partial<SigningMeta> = {}): SigningMeta => ({
  reason: 'Phê duyệt hồ sơ số 000.00.12.H13-240101-0001',
  location: 'UBND xã Tân Phú, tỉnh Đồng Nai',
  signerName: 'Nguyễn Văn Ánh',
  contactInfo: 'anh.nv@tanphu.gov.vn',
  signedAt: new Date(),
  ...over,
});

async function pdfsig(file: Buffer): Promise<string> {
  const path = join(dir, `check-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, file);
  try {
    const { stdout } = await run('pdfsig', [path]);
    return stdout;
  } catch (e) {
    // pdfsig exits non-zero on some failures; its report is still on stdout.
    return (e as { stdout?: string }).stdout ?? '';
  }
}

/** The CMS (trailing zero padding removed) and the signed bytes, cut out by the ByteRange. */
function cutSignature(signed: Buffer): { cms: Buffer; content: Buffer } {
  const info = signatureInfo(signed);
  const [a, b, c, d] = info.byteRange ?? [0, 0, 0, 0];
  const hex = signed.subarray(a + b + 1, c - 1).toString('latin1');
  let cms = Buffer.from(hex, 'hex');
  let end = cms.length;
  while (end > 0 && cms[end - 1] === 0) end--;
  cms = cms.subarray(0, end);
  return { cms, content: Buffer.concat([signed.subarray(a, a + b), signed.subarray(c, c + d)]) };
}

async function opensslVerify(signed: Buffer): Promise<{ ok: boolean; printed: string }> {
  const { cms, content } = cutSignature(signed);
  const id = Math.random().toString(36).slice(2);
  const cmsPath = join(dir, `${id}.der`);
  const contentPath = join(dir, `${id}.bin`);
  writeFileSync(cmsPath, cms);
  writeFileSync(contentPath, content);
  const { stdout: printed } = await run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', cmsPath]);
  try {
    // -noverify: no trust store (self-signed test certificate); the signature itself is verified.
    const { stderr } = await run('openssl', [
      'cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsPath, '-content', contentPath, '-noverify', '-out', '/dev/null',
    ]);
    return { ok: stderr.includes('Verification successful'), printed };
  } catch {
    return { ok: false, printed };
  }
}

function flip(buf: Buffer, at: number): Buffer {
  const copy = Buffer.from(buf);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'motcua-signing-'));
  pdf = await makePdf();
  cert = makeTestCertificate({
    commonName: 'Nguyễn Văn Ánh',
    organization: 'Ủy ban nhân dân xã Tân Phú',
    validFrom: new Date(Date.now() - HOUR),
    validDays: 365,
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.each<[SignatureProfile, string]>([
  ['pkcs7-detached', 'adbe.pkcs7.detached'],
  ['pades-b-b', 'ETSI.CAdES.detached'],
])('signPdf, profile %s', (profile, subFilter) => {
  let signed: Buffer;
  let signedAt: Date;

  beforeAll(async () => {
    signedAt = new Date(Date.now() - 60_000);
    signed = await signPdf(pdf, cert.p12, cert.password, meta({ signedAt }), { profile });
  });

  it('is valid for pdfsig and covers the whole document', async () => {
    const out = await pdfsig(signed);
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('Total document signed');
    expect(out).toContain(`Signature Type: ${subFilter}`);
    expect(out).toContain('Signer Certificate Common Name: Nguyễn Văn Ánh');
    expect(out).toContain('Signing Hash Algorithm: SHA-256');
  });

  it('verifies with openssl cms, with the expected signed attributes', async () => {
    const { ok, printed } = await opensslVerify(signed);
    expect(ok).toBe(true);
    expect(printed).toContain('messageDigest');
    expect(printed).toContain('contentType');
    expect(printed).toContain('signingCertificateV2');
    if (profile === 'pades-b-b') expect(printed).not.toContain('signingTime');
    else expect(printed).toContain('signingTime');
  });

  it('keeps the original bytes: the signature is an incremental update', () => {
    expect(signed.subarray(0, pdf.length - 1).equals(pdf.subarray(0, pdf.length - 1))).toBe(true);
  });

  it('signatureInfo agrees', () => {
    const info = signatureInfo(signed);
    const own = readP12(cert.p12, cert.password);
    expect(info.problems).toEqual([]);
    expect(info.valid).toBe(true);
    expect(info.signed).toBe(true);
    expect(info.signatureCount).toBe(1);
    expect(info.coversWholeDocument).toBe(true);
    const [a, b, c, d] = info.byteRange ?? [];
    expect(a).toBe(0);
    expect((c ?? 0) + (d ?? 0)).toBe(signed.length);
    expect(b).toBeLessThan(c ?? 0);
    expect(info.subFilter).toBe(subFilter);
    expect(info.digestAlgorithm).toBe('sha256');
    expect(info.digestMatches).toBe(true);
    expect(info.signatureValid).toBe(true);
    expect(info.certificateBound).toBe(true);
    expect(info.certificateValidAtSigningTime).toBe(true);
    expect(info.signer?.subject).toBe('CN=Nguyễn Văn Ánh, O=Ủy ban nhân dân xã Tân Phú');
    expect(info.signer?.sha256Fingerprint).toBe(own.sha256Fingerprint);
    const wholeSeconds = Math.floor(signedAt.getTime() / 1000) * 1000;
    expect(info.claimedSigningTime?.getTime()).toBe(wholeSeconds);
    expect(info.signingTime?.getTime() ?? null).toBe(profile === 'pades-b-b' ? null : wholeSeconds);
    expect(info.reason).toBe('Phê duyệt hồ sơ số 000.00.12.H13-240101-0001');
    expect(info.location).toBe('UBND xã Tân Phú, tỉnh Đồng Nai');
    expect(info.name).toBe('Nguyễn Văn Ánh');
    expect(info.contactInfo).toBe('anh.nv@tanphu.gov.vn');
  });

  it('flipping one byte of the signed content: pdfsig and signatureInfo both report it', async () => {
    const at = signed.indexOf('stream\n') + 20; // inside the first (compressed) content stream
    expect(at).toBeLessThan(signatureInfo(signed).byteRange?.[1] ?? 0);
    const tampered = flip(signed, at);
    const out = await pdfsig(tampered);
    expect(out).not.toContain('Signature is Valid.');
    expect(out).toContain('Digest Mismatch');
    const info = signatureInfo(tampered);
    expect(info.valid).toBe(false);
    expect(info.digestMatches).toBe(false);
    expect(info.problems).toContain('digest_mismatch');
    expect(info.signatureValid).toBe(true); // the attributes are intact, the document is not
  });

  it('flipping one byte after the signature (second range) is detected too', async () => {
    const [, , c] = signatureInfo(signed).byteRange ?? [0, 0, 0];
    const annot = signed.indexOf('/Type /Annot', c);
    expect(annot).toBeGreaterThan(c);
    const tampered = flip(signed, annot + 3); // /Type -> /Txpe: still parses
    expect(signatureInfo(tampered).problems).toContain('digest_mismatch');
    expect(await pdfsig(tampered)).not.toContain('Signature is Valid.');
  });

  it('flipping one bit of the RSA signature value: invalid signature', async () => {
    const { cms } = cutSignature(signed);
    const [a, b] = signatureInfo(signed).byteRange ?? [0, 0];
    const hexAt = a + b + 1 + 2 * (cms.length - 10); // the signature value ends the CMS
    const tampered = Buffer.from(signed);
    tampered[hexAt] = tampered[hexAt] === 0x30 ? 0x31 : 0x30;
    const info = signatureInfo(tampered);
    expect(info.signatureValid).toBe(false);
    expect(info.problems).toContain('signature_invalid');
    expect(info.valid).toBe(false);
    expect(await pdfsig(tampered)).not.toContain('Signature is Valid.');
  });

  it('bytes appended after signing: no longer the whole document', async () => {
    const extended = Buffer.concat([signed, Buffer.from('\n% appended\n')]);
    const info = signatureInfo(extended);
    expect(info.coversWholeDocument).toBe(false);
    expect(info.problems).toContain('partial_coverage');
    expect(info.valid).toBe(false);
    expect(info.digestMatches).toBe(true);
    expect(await pdfsig(extended)).toContain('Not total document signed');
  });

  it('refuses to sign the signed result again', async () => {
    await expect(signPdf(signed, cert.p12, cert.password, meta(), { profile })).rejects.toMatchObject({
      name: 'SigningError',
      reason: 'already_signed',
    });
  });
});

describe('signPdf refusals', () => {
  it('a wrong password: CertificateError password_wrong', async () => {
    const error = await signPdf(pdf, cert.p12, `${cert.password}x`, meta()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CertificateError);
    expect((error as CertificateError).reason).toBe('password_wrong');
  });

  it('garbage instead of a PKCS#12: not_pkcs12', async () => {
    const error = await signPdf(pdf, Buffer.from('not a certificate at all'), 'x', meta()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CertificateError);
    expect((error as CertificateError).reason).toBe('not_pkcs12');
  });

  it('an expired certificate (validFrom in the past, validDays 1): expired', async () => {
    const old = makeTestCertificate({
      commonName: 'Trần Thị Bình',
      organization: 'Sở Tư pháp',
      validFrom: new Date(Date.now() - 3 * 24 * HOUR),
      validDays: 1,
    });
    const error = await signPdf(pdf, old.p12, old.password, meta()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SigningError);
    expect((error as SigningError).reason).toBe('expired');
  });

  it('a certificate not yet valid at signedAt: not_yet_valid', async () => {
    const error = await signPdf(pdf, cert.p12, cert.password, meta({ signedAt: new Date(Date.now() - 2 * HOUR) })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SigningError);
    expect((error as SigningError).reason).toBe('not_yet_valid');
  });

  it('not a PDF: invalid_pdf', async () => {
    await expect(signPdf(Buffer.from('hello'), cert.p12, cert.password, meta())).rejects.toMatchObject({
      reason: 'invalid_pdf',
    });
  });

  it('an invalid signing time: invalid_input', async () => {
    await expect(
      signPdf(pdf, cert.p12, cert.password, meta({ signedAt: new Date(Number.NaN) })),
    ).rejects.toMatchObject({ reason: 'invalid_input' });
  });
});

describe('signature dictionary text', () => {
  it('writes PDF syntax in the reason as text, not as PDF objects', async () => {
    const reason = 'Duyệt (lần 2) \\ <</Type /Catalog>> ) (';
    const signed = await signPdf(pdf, cert.p12, cert.password, meta({ reason, contactInfo: undefined }));
    const info = signatureInfo(signed);
    expect(info.valid).toBe(true);
    expect(info.reason).toBe(reason);
    expect(info.contactInfo).toBe('');
    expect(await pdfsig(signed)).toContain('Signature is Valid.');
  });
});

describe('signatureInfo', () => {
  it('an unsigned PDF', () => {
    const info = signatureInfo(pdf);
    expect(info.signed).toBe(false);
    expect(info.valid).toBe(false);
    expect(info.problems).toEqual(['not_signed']);
  });

  it('not a PDF at all, or a ByteRange without a signature: no exception', () => {
    expect(signatureInfo(Buffer.alloc(0)).problems).toEqual(['not_signed']);
    const fake = Buffer.from('%PDF-1.7\n1 0 obj\n<< /ByteRange [0 10 20 5] /Contents <zz> >>\nendobj\n');
    const info = signatureInfo(fake);
    expect(info.signed).toBe(true);
    expect(info.valid).toBe(false);
    expect(info.problems).toEqual(['malformed']);
  });

  async function signWithSignerP12(p12: { p12: Buffer; password: string }): Promise<Buffer> {
    const { plainAddPlaceholder } = interop<typeof PlaceholderTypes>(placeholderCjs);
    const { P12Signer } = interop<typeof SignerP12Types>(signerP12Cjs);
    const signpdf = interop<SignPdfTypes.SignPdf>(signpdfCjs);
    const withPlaceholder = plainAddPlaceholder({ pdfBuffer: pdf, reason: 'test', contactInfo: '', name: 'test', location: 'test' });
    return signpdf.sign(withPlaceholder, new P12Signer(p12.p12, { passphrase: p12.password }));
  }

  it('reads a signature made by @signpdf/signer-p12 (forge PKCS#7: unsorted attributes, no ESS attribute)', async () => {
    const ascii = makeTestCertificate({ commonName: 'Nguyen Van Anh', organization: 'UBND xa Tan Phu', validFrom: new Date(Date.now() - HOUR), validDays: 30 });
    const signed = await signWithSignerP12(ascii);
    expect(await pdfsig(signed)).toContain('Signature is Valid.');
    const info = signatureInfo(signed);
    expect(info.problems).toEqual([]);
    expect(info.valid).toBe(true);
    expect(info.certificateBound).toBeNull();
    expect(info.signer?.subject).toBe('CN=Nguyen Van Anh, O=UBND xa Tan Phu');
    expect(info.signingTime).toBeInstanceOf(Date);
  });

  it('why signPdf does not use @signpdf/signer-p12: with a Vietnamese certificate name, its signature fails', async () => {
    // forge re-encodes the issuer name of the SignerInfo and double-encodes its
    // UTF-8: the identifier matches no certificate, and pdfsig rejects it.
    const signed = await signWithSignerP12(cert);
    const out = await pdfsig(signed);
    expect(out).not.toContain('Signature is Valid.');
    const info = signatureInfo(signed);
    expect(info.valid).toBe(false);
    expect(info.problems).toContain('signer_certificate_missing');
  });
});
