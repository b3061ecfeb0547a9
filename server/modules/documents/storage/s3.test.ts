/**
 * The S3 storage against a real S3-compatible server: s3rver (npm), started
 * here on port 0 with its files in a temporary directory.
 *
 * s3rver 3.7.1 checks that the access key id exists (`S3RVER` is its only
 * account) and that x-amz-date is within 15 minutes, but it does NOT verify
 * SigV4 signatures ("V4 signatures have incomplete support": any secret,
 * any payload hash, and unsigned requests are accepted). So most tests run
 * through `verifier`, a small proxy in front of s3rver that checks each
 * request's SigV4 signature and payload hash the way S3 and MinIO do, with an
 * implementation of its own (node:crypto, not aws4fetch), and forwards what
 * passes.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { AwsClient } from 'aws4fetch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStorage, storageConfigFrom } from './config.js';
import { S3StorageError, s3Storage, type S3StorageOptions } from './s3.js';
import { InvalidStorageKeyError, newStorageKey, StorageNotFoundError } from './storage.js';

type S3rverOptions = { port: number; address: string; directory: string; silent: boolean };
type S3rverInstance = { run(): Promise<AddressInfo>; close(): Promise<void> };
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: S3rverOptions) => S3rverInstance;

const ACCESS_KEY_ID = 'S3RVER'; // s3rver's built-in account
const SECRET = 'S3RVER';
const REGION = 'us-east-1';
const BUCKET = 'motcua-test';

const dir = mkdtempSync(join(tmpdir(), 'motcua-s3-'));
let s3rver: S3rverInstance;
let s3rverUrl: string;

// ---------------------------------------------------------------- the SigV4-checking proxy

const sha256hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** Why S3 would refuse this request's signature, or undefined when it is valid (AWS Signature Version 4, header form). */
function sigV4Problem(req: IncomingMessage, body: Buffer): string | undefined {
  const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/([0-9]{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!auth) return 'AccessDenied';
  const [, keyId, day, region, service, signedHeaders, signature] = auth as unknown as [string, string, string, string, string, string, string];
  if (keyId !== ACCESS_KEY_ID) return 'InvalidAccessKeyId';
  if (region !== REGION || service !== 's3') return 'AuthorizationHeaderMalformed';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(day)) return 'AccessDenied';
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256hex(body)) return 'XAmzContentSHA256Mismatch';
  const names = signedHeaders.split(';');
  if (!names.includes('host') || !names.includes('x-amz-date') || !names.includes('x-amz-content-sha256')) return 'AccessDenied';
  const url = new URL(req.url ?? '/', 'http://proxy');
  const query = [...url.searchParams]
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .sort()
    .join('&');
  const headers = names.map((h) => `${h}:${String(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonical = [req.method, url.pathname, query, headers, signedHeaders, payloadHash].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, `${day}/${region}/${service}/aws4_request`, sha256hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, day), region), service), 'aws4_request');
  const expected = hmac(key, toSign);
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? undefined : 'SignatureDoesNotMatch';
}

type Verifier = {
  url: string;
  server: Server;
  requests: { method: string; path: string; payloadHash: string | undefined }[];
  /** Answer this many next requests with 503 SlowDown instead of forwarding them. */
  failNext: number;
};

function s3Error(res: ServerResponse, status: number, code: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>refused by the test proxy</Message></Error>`);
}

async function startVerifier(upstream: string): Promise<Verifier> {
  const target = new URL(upstream);
  const verifier: Verifier = { url: '', server: createServer(), requests: [], failNext: 0 };
  verifier.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      verifier.requests.push({ method: req.method ?? '', path: req.url ?? '', payloadHash: req.headers['x-amz-content-sha256'] as string | undefined });
      if (verifier.failNext > 0) {
        verifier.failNext--;
        s3Error(res, 503, 'SlowDown');
        return;
      }
      const problem = sigV4Problem(req, body);
      if (problem) {
        s3Error(res, problem === 'XAmzContentSHA256Mismatch' ? 400 : 403, problem);
        return;
      }
      const forward = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      forward.on('error', () => s3Error(res, 502, 'BadGateway'));
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => verifier.server.listen(0, '127.0.0.1', resolve));
  verifier.url = `http://127.0.0.1:${(verifier.server.address() as AddressInfo).port}`;
  return verifier;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

// ---------------------------------------------------------------- set-up

let verifier: Verifier;
const options = (over: Partial<S3StorageOptions> = {}): S3StorageOptions => ({
  endpoint: verifier.url,
  bucket: BUCKET,
  region: REGION,
  accessKeyId: ACCESS_KEY_ID,
  secretAccessKey: SECRET,
  forcePathStyle: true,
  retries: 0,
  ...over,
});
const now = new Date('2026-12-15T08:00:00Z');

/** A plain aws4fetch client straight to s3rver, to look behind the storage's back. */
const admin = new AwsClient({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, service: 's3', region: REGION, retries: 0 });

beforeAll(async () => {
  s3rver = new S3rver({ port: 0, address: '127.0.0.1', directory: dir, silent: true });
  const address = await s3rver.run();
  s3rverUrl = `http://127.0.0.1:${address.port}`;
  const created = await admin.fetch(`${s3rverUrl}/${BUCKET}`, { method: 'PUT' });
  expect(created.status).toBe(200);
  verifier = await startVerifier(s3rverUrl);
});

afterAll(async () => {
  await close(verifier.server);
  await s3rver.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  verifier.requests.length = 0;
  verifier.failNext = 0;
});

async function failure(promise: Promise<unknown>): Promise<S3StorageError> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(S3StorageError);
  return err as S3StorageError;
}

// ---------------------------------------------------------------- tests

describe('s3 storage (s3rver behind a SigV4 check)', () => {
  it('puts, gets, tells whether a key exists, and deletes, with signed requests', async () => {
    const storage = s3Storage(options());
    expect(storage.kind).toBe('s3');
    const key = newStorageKey('documents', now);
    const content = randomBytes(300_000);

    expect(await storage.exists(key)).toBe(false);
    await storage.put(key, content, 'application/pdf');
    expect(await storage.exists(key)).toBe(true);
    expect((await storage.get(key)).equals(content)).toBe(true);

    // The object is in the bucket under the key, with its content type.
    const head = await admin.fetch(`${s3rverUrl}/${BUCKET}/${key}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/pdf');
    expect(head.headers.get('content-length')).toBe(String(content.length));

    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await storage.delete(key); // idempotent
    expect(verifier.requests.map((r) => r.method)).toEqual(['HEAD', 'PUT', 'HEAD', 'GET', 'DELETE', 'HEAD', 'DELETE']);
    expect(verifier.requests.every((r) => r.path === `/${BUCKET}/${key}`)).toBe(true);
  });

  it('signs the payload of a PUT: its SHA-256, not UNSIGNED-PAYLOAD', async () => {
    const storage = s3Storage(options());
    const content = Buffer.from('%PDF-1.7 một tệp nhỏ');
    await storage.put(newStorageKey('scans', now), content, 'application/pdf');
    expect(verifier.requests).toEqual([expect.objectContaining({ method: 'PUT', payloadHash: sha256hex(content) })]);
  });

  it('replaces an object, and keeps an empty one', async () => {
    const storage = s3Storage(options());
    const key = newStorageKey('forms', now);
    await storage.put(key, Buffer.from('first version'), 'application/pdf');
    await storage.put(key, Buffer.from('second'), 'application/pdf');
    expect((await storage.get(key)).toString()).toBe('second');
    const empty = newStorageKey('forms', now);
    await storage.put(empty, Buffer.alloc(0), 'application/pdf');
    expect((await storage.get(empty)).length).toBe(0);
  });

  it('maps a missing key to StorageNotFoundError', async () => {
    const storage = s3Storage(options());
    const key = newStorageKey('certificates', now);
    const err: unknown = await storage.get(key).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageNotFoundError);
    expect(err).toMatchObject({ key });
  });

  it('a missing bucket is an S3StorageError (NoSuchBucket), not a missing file', async () => {
    const storage = s3Storage(options({ bucket: 'no-such-bucket' }));
    const key = newStorageKey('documents', now);
    expect(await failure(storage.get(key))).toMatchObject({ operation: 'get', reason: 'http', status: 404, code: 'NoSuchBucket' });
    expect(await failure(storage.put(key, Buffer.from('x'), 'application/pdf'))).toMatchObject({ operation: 'put', status: 404, code: 'NoSuchBucket' });
    expect(await failure(storage.delete(key))).toMatchObject({ operation: 'delete', status: 404, code: 'NoSuchBucket' });
  });

  it('wrong credentials: a typed error with the status and S3 code, never the secret', async () => {
    const secret = `wrong-${randomBytes(8).toString('hex')}`;
    const storage = s3Storage(options({ secretAccessKey: secret }));
    const key = newStorageKey('documents', now);
    for (const attempt of [() => storage.get(key), () => storage.put(key, Buffer.from('x'), 'application/pdf'), () => storage.exists(key), () => storage.delete(key)]) {
      const err = await failure(attempt());
      expect(err).toMatchObject({ reason: 'http', status: 403 });
      for (const shown of [err.message, err.stack ?? '', inspect(err, { depth: 5 }), JSON.stringify(err)]) expect(shown).not.toContain(secret);
    }
    expect((await failure(storage.get(key))).code).toBe('SignatureDoesNotMatch');
    // A wrong region changes the signing key too.
    expect(await failure(s3Storage(options({ region: 'ap-southeast-1' })).get(key))).toMatchObject({ status: 403, code: 'AuthorizationHeaderMalformed' });
    // Nothing reachable from the storage object leads to the secret.
    expect(inspect(storage, { depth: 10, showHidden: true })).not.toContain(secret);
    expect(JSON.stringify(storage)).not.toContain(secret);
  });

  it('s3rver itself refuses an unknown access key id, but accepts a wrong secret (it does not verify SigV4)', async () => {
    const key = newStorageKey('documents', now);
    const unknownKey = await failure(s3Storage(options({ endpoint: s3rverUrl, accessKeyId: 'NOBODY' })).get(key));
    expect(unknownKey).toMatchObject({ status: 403, code: 'InvalidAccessKeyId' });
    expect(unknownKey.message).not.toContain(SECRET.toLowerCase());
    // The finding that makes the proxy above necessary:
    await expect(s3Storage(options({ endpoint: s3rverUrl, secretAccessKey: 'anything' })).exists(key)).resolves.toBe(false);
  });

  it('refuses an invalid key before sending anything', async () => {
    const storage = s3Storage(options());
    for (const key of ['../x', '/etc/passwd', 'Giấy khai sinh.pdf', `documents/2026/12/../../${BUCKET}`]) {
      await expect(storage.get(key)).rejects.toThrow(InvalidStorageKeyError);
      await expect(storage.put(key, Buffer.from('x'), 'application/pdf')).rejects.toThrow(InvalidStorageKeyError);
      await expect(storage.delete(key)).rejects.toThrow(InvalidStorageKeyError);
      await expect(storage.exists(key)).rejects.toThrow(InvalidStorageKeyError);
    }
    expect(verifier.requests).toEqual([]);
  });

  it('retries a 503 and succeeds; gives up after `retries` more attempts with the status and code', async () => {
    const key = newStorageKey('documents', now);
    verifier.failNext = 1;
    await s3Storage(options({ retries: 2 })).put(key, Buffer.from('after one 503'), 'application/pdf');
    expect(verifier.requests.map((r) => r.method)).toEqual(['PUT', 'PUT']);
    verifier.requests.length = 0;
    verifier.failNext = 10;
    expect(await failure(s3Storage(options({ retries: 2 })).get(key))).toMatchObject({ reason: 'http', status: 503, code: 'SlowDown' });
    expect(verifier.requests).toHaveLength(3);
  });

  it('times out a request that gets no answer, without retrying it', async () => {
    let received = 0;
    const silent = createServer(() => {
      received++; // never answers
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const err = await failure(s3Storage(options({ endpoint, timeoutMs: 300, retries: 2 })).get(newStorageKey('documents', now)));
      expect(err).toMatchObject({ reason: 'timeout', operation: 'get', status: undefined });
      expect(err.message).toMatch(/timed out/);
      expect(received).toBe(1);
    } finally {
      await close(silent);
    }
  });

  it('reports a refused connection as a network error with the system code', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await close(closed);
    const err = await failure(s3Storage(options({ endpoint, retries: 1 })).exists(newStorageKey('documents', now)));
    expect(err).toMatchObject({ reason: 'network', operation: 'exists' });
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.cause).toBeUndefined();
  });

  it('refuses options it cannot use, naming no secret', () => {
    expect(() => s3Storage(options({ endpoint: 'ftp://minio' }))).toThrow(/http or https/);
    expect(() => s3Storage(options({ endpoint: `http://${ACCESS_KEY_ID}:topsecret@minio` }))).toThrow(/must not carry credentials/);
    expect(() => s3Storage(options({ bucket: 'Bad_Bucket' }))).toThrow(/bucket name/);
    expect(() => s3Storage(options({ secretAccessKey: '' }))).toThrow(/required/);
    expect(() => s3Storage(options({ timeoutMs: 0 }))).toThrow(/timeoutMs/);
  });

  it('works end to end from environment variables (createStorage)', async () => {
    const env = {
      MOTCUA_STORAGE: 's3',
      MOTCUA_S3_ENDPOINT: verifier.url,
      MOTCUA_S3_BUCKET: BUCKET,
      MOTCUA_S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
      MOTCUA_S3_SECRET_ACCESS_KEY: SECRET,
    };
    const storage = createStorage(storageConfigFrom(env), dir);
    const key = newStorageKey('scans', now);
    await storage.put(key, Buffer.from('qua biến môi trường'), 'image/png');
    expect((await storage.get(key)).toString()).toBe('qua biến môi trường');
  });
});
