import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateError, type CertificateErrorReason, checkUsable, makeTestCertificate, readP12 } from './index.js';

const run = promisify(execFile);
const DAY = 86_400_000;

let dir: string;
let cert: { p12: Buffer; password: string };
const validFrom = new Date('2026-03-01T08:30:15.250Z');

function reasonOf(f: () => unknown): CertificateErrorReason | 'no error' | 'other error' {
  try {
    f();
    return 'no error';
  } catch (e) {
    return e instanceof CertificateError ? e.reason : 'other error';
  }
}

function rsaKey(): forge.pki.rsa.PrivateKey {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return forge.pki.privateKeyFromPem(privateKey);
}

const p12Bytes = (asn: forge.asn1.Asn1): Buffer => Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'motcua-cert-'));
  cert = makeTestCertificate({
    commonName: 'Nguyễn Văn Ánh',
    organization: 'Ủy ban nhân dân xã Tân Phú',
    validFrom,
    validDays: 365,
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('makeTestCertificate + readP12', () => {
  it('reads back the subject, issuer, validity, serial and fingerprint', () => {
    const info = readP12(cert.p12, cert.password);
    expect(info.subject).toBe('CN=Nguyễn Văn Ánh, O=Ủy ban nhân dân xã Tân Phú');
    expect(info.issuer).toBe(info.subject); // self-signed
    expect(info.notBefore.toISOString()).toBe('2026-03-01T08:30:15.000Z'); // whole seconds
    expect(info.notAfter.getTime() - info.notBefore.getTime()).toBe(365 * DAY);
    expect(info.serialNumber).toMatch(/^[0-9A-F]{32}$/);
    const pairs = info.sha256Fingerprint.split(':');
    expect(pairs).toHaveLength(32);
    expect(pairs.every((p) => /^[0-9A-F]{2}$/.test(p))).toBe(true);
    expect(info.certificatePem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);

    // Node's (OpenSSL's) own reading of the same certificate.
    const x509 = new X509Certificate(info.certificatePem);
    expect(x509.fingerprint256).toBe(info.sha256Fingerprint);
    expect(x509.serialNumber.toUpperCase()).toBe(info.serialNumber);
    expect(x509.subject).toContain('CN=Nguyễn Văn Ánh');
    expect(x509.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('uses a fresh random password of at least 128 bits each time', () => {
    const other = makeTestCertificate({ commonName: 'A', organization: 'B', validFrom, validDays: 1 });
    expect(cert.password).toMatch(/^[A-Za-z0-9_-]{24}$/); // 18 random bytes = 144 bits
    expect(other.password).not.toBe(cert.password);
    expect(readP12(other.p12, other.password).subject).toBe('CN=A, O=B');
  });

  it('is an RSA-2048 certificate with keyUsage digitalSignature + nonRepudiation (openssl)', async () => {
    const p12Path = join(dir, 'test.p12');
    const pemPath = join(dir, 'test.pem');
    writeFileSync(p12Path, cert.p12);
    const env = { ...process.env, P12_PASSWORD: cert.password };
    await run('openssl', ['pkcs12', '-in', p12Path, '-passin', 'env:P12_PASSWORD', '-nokeys', '-out', pemPath], { env });
    const { stdout } = await run('openssl', ['x509', '-in', pemPath, '-noout', '-text']);
    expect(stdout).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(stdout).toContain('Public-Key: (2048 bit)');
    expect(stdout).toContain('sha256WithRSAEncryption');
    expect(stdout).toContain('CA:FALSE');
  });

  it('reads a PKCS#12 exported by OpenSSL 3 (PBES2 / AES-256) under a Vietnamese password', async () => {
    const key = join(dir, 'k.pem');
    const crt = join(dir, 'c.pem');
    const out = join(dir, 'openssl.p12');
    await run('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-days', '30',
      '-subj', '/C=VN/O=Sở Tư pháp/CN=Trần Thị Bình', '-utf8',
    ]);
    const env = { ...process.env, P12_PASSWORD: 'mật-khẩu-ký-số' };
    await run('openssl', ['pkcs12', '-export', '-inkey', key, '-in', crt, '-out', out, '-passout', 'env:P12_PASSWORD'], { env });
    const { stdout } = await run('openssl', ['x509', '-in', crt, '-noout', '-fingerprint', '-sha256']);

    const info = readP12(readFileSync(out), 'mật-khẩu-ký-số');
    expect(info.subject).toBe('CN=Trần Thị Bình, O=Sở Tư pháp');
    expect(stdout.trim()).toBe(`sha256 Fingerprint=${info.sha256Fingerprint}`);
    expect(reasonOf(() => readP12(readFileSync(out), 'mật-khẩu-ký-sô'))).toBe('password_wrong');
  });

  it('reads a legacy 3DES PKCS#12', () => {
    const key = rsaKey();
    const c = forge.pki.createCertificate();
    c.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
    c.serialNumber = '01';
    c.validity.notBefore = validFrom;
    c.validity.notAfter = new Date(validFrom.getTime() + DAY);
    c.setSubject([{ shortName: 'CN', value: 'Legacy' }]);
    c.setIssuer([{ shortName: 'CN', value: 'Legacy' }]);
    c.sign(key, forge.md.sha256.create());
    const p12 = p12Bytes(forge.pkcs12.toPkcs12Asn1(key, [c], 'secret', { algorithm: '3des' }));
    expect(readP12(p12, 'secret').subject).toBe('CN=Legacy');
    expect(reasonOf(() => readP12(p12, 'Secret'))).toBe('password_wrong');
  });
});

describe('readP12 errors', () => {
  it('a wrong password: password_wrong', () => {
    expect(reasonOf(() => readP12(cert.p12, `${cert.password}!`))).toBe('password_wrong');
    expect(reasonOf(() => readP12(cert.p12, ''))).toBe('password_wrong');
  });

  it('garbage, empty, PEM text, a truncated file: not_pkcs12', () => {
    expect(reasonOf(() => readP12(randomBytes(2048), 'x'))).toBe('not_pkcs12');
    expect(reasonOf(() => readP12(Buffer.alloc(0), 'x'))).toBe('not_pkcs12');
    expect(reasonOf(() => readP12(Buffer.from(readP12(cert.p12, cert.password).certificatePem), 'x'))).toBe('not_pkcs12');
    expect(reasonOf(() => readP12(cert.p12.subarray(0, cert.p12.length >> 1), cert.password))).toBe('not_pkcs12');
    expect(reasonOf(() => readP12(Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'x'))).toBe('not_pkcs12');
  });

  it('any corruption of the file gives a CertificateError, never forge’s own exception', () => {
    fc.assert(
      fc.property(fc.nat(cert.p12.length - 1), fc.integer({ min: 1, max: 255 }), fc.boolean(), (at, xor, truncate) => {
        const damaged = truncate ? cert.p12.subarray(0, at) : Buffer.from(cert.p12);
        if (!truncate) damaged[at] = (damaged[at] ?? 0) ^ xor;
        const reason = reasonOf(() => readP12(damaged, cert.password));
        return reason === 'not_pkcs12' || reason === 'password_wrong' || reason === 'no error';
      }),
      { numRuns: 60 },
    );
  });

  it('a key without its certificate: no_certificate; a certificate without key: no_private_key', () => {
    const key = rsaKey();
    const keyOnly = p12Bytes(forge.pkcs12.toPkcs12Asn1(key, null as unknown as forge.pki.Certificate[], 'pw'));
    expect(reasonOf(() => readP12(keyOnly, 'pw'))).toBe('no_certificate');

    const ownCert = forge.pki.certificateFromPem(readP12(cert.p12, cert.password).certificatePem);
    const certOnly = p12Bytes(forge.pkcs12.toPkcs12Asn1(null, [ownCert], 'pw'));
    expect(reasonOf(() => readP12(certOnly, 'pw'))).toBe('no_private_key');

    const mismatched = p12Bytes(forge.pkcs12.toPkcs12Asn1(key, [ownCert], 'pw'));
    expect(reasonOf(() => readP12(mismatched, 'pw'))).toBe('no_certificate');
  });

  it('the errors say nothing of forge', () => {
    try {
      readP12(cert.p12, 'wrong');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CertificateError);
      expect((e as Error).message).toBe('The certificate password is wrong.');
      expect((e as Error).cause).toBeUndefined();
    }
  });
});

describe('checkUsable', () => {
  const info = { notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2026-12-31T23:59:59Z') };
  it('tells expired and not yet valid apart, bounds inclusive', () => {
    expect(checkUsable(info, new Date('2025-12-31T23:59:59.999Z'))).toBe('not_yet_valid');
    expect(checkUsable(info, new Date('2026-01-01T00:00:00Z'))).toBeNull();
    expect(checkUsable(info, new Date('2026-06-15T12:00:00Z'))).toBeNull();
    expect(checkUsable(info, new Date('2026-12-31T23:59:59Z'))).toBeNull();
    expect(checkUsable(info, new Date('2026-12-31T23:59:59.001Z'))).toBe('expired');
  });

  it('an expired test certificate (validFrom in the past, validDays 1)', () => {
    const old = makeTestCertificate({ commonName: 'X', organization: 'Y', validFrom: new Date(Date.now() - 3 * DAY), validDays: 1 });
    expect(checkUsable(readP12(old.p12, old.password), new Date())).toBe('expired');
  });
});
