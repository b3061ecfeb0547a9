/**
 * Attachments on an S3-compatible object store (MinIO in a province's data
 * centre, or AWS S3), through aws4fetch: each request is signed with SigV4
 * over Node's fetch. One object per key, in one bucket that the operator
 * creates beforehand (this module never creates or lists buckets).
 *
 * - A PUT carries the body's SHA-256 in `x-amz-content-sha256`, which is part
 *   of the signature, so the store refuses bytes altered on the way.
 * - Each attempt has its own timeout (`timeoutMs`). Server errors (5xx, 429)
 *   and network failures are retried `retries` times with a short backoff;
 *   every operation here is idempotent (a PUT rewrites the same bytes).
 *   A timed-out attempt is not retried: the caller gets the error.
 * - Errors are `StorageNotFoundError` (404 / NoSuchKey) or `S3StorageError`
 *   carrying the operation, key, HTTP status and S3 error code — never the
 *   credentials, the signature or the response body.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsClient } from 'aws4fetch';
import { assertKey, StorageError, StorageNotFoundError, type FileStorage } from './storage.js';

export type S3StorageOptions = {
  /** Base URL of the store, e.g. `https://minio.tinh.gov.vn:9000` or `https://s3.ap-southeast-1.amazonaws.com`. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://host/bucket/key` (MinIO's usual setup) rather than `https://bucket.host/key`. */
  forcePathStyle: boolean;
  /** Per attempt, covering the response body too; default 30 s. */
  timeoutMs?: number;
  /** Further attempts after a 5xx, a 429 or a network failure; default 2. */
  retries?: number;
};

export const S3_DEFAULT_TIMEOUT_MS = 30_000;
export const S3_DEFAULT_RETRIES = 2;

export type S3Operation = 'put' | 'get' | 'delete' | 'exists';
/** `http`: the store answered with an error status; `timeout`: no complete answer in time; `network`: no answer at all. */
export type S3FailureReason = 'http' | 'timeout' | 'network';

export class S3StorageError extends StorageError {
  readonly operation: S3Operation;
  readonly key: string;
  readonly reason: S3FailureReason;
  /** The HTTP status when the store answered. */
  readonly status: number | undefined;
  /** S3's error code from the XML body (`AccessDenied`, `NoSuchBucket`, `SignatureDoesNotMatch`…), when there was one. */
  readonly code: string | undefined;

  constructor(init: { operation: S3Operation; key: string; reason: S3FailureReason; status?: number; code?: string; detail?: string }) {
    const what =
      init.reason === 'http' ? `HTTP ${String(init.status)}${init.code ? ` ${init.code}` : ''}` : init.reason === 'timeout' ? 'timed out' : `network error${init.detail ? ` (${init.detail})` : ''}`;
    super(`s3 storage: ${init.operation} ${init.key} failed: ${what}`);
    this.name = 'S3StorageError';
    this.operation = init.operation;
    this.key = init.key;
    this.reason = init.reason;
    this.status = init.status;
    this.code = init.code;
  }
}

const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** The endpoint as a URL without credentials, query or fragment; throws on anything else. */
export function parseS3Endpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError('s3 storage: the endpoint is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('s3 storage: the endpoint must be an http or https URL');
  if (url.username || url.password) throw new TypeError('s3 storage: the endpoint must not carry credentials; use the access key variables');
  if (url.search || url.hash) throw new TypeError('s3 storage: the endpoint must not have a query or a fragment');
  return url;
}

export function isBucketName(name: string): boolean {
  return BUCKET_PATTERN.test(name) && !name.includes('..');
}

type Answer = { status: number; body: Buffer };

function s3ErrorCode(body: Buffer): string | undefined {
  const match = /<Code>([A-Za-z0-9.]{1,64})<\/Code>/.exec(body.subarray(0, 4096).toString('utf8'));
  return match?.[1];
}

function errorName(err: unknown): string | undefined {
  return err instanceof Error ? err.name : undefined;
}

/** A short, secret-free description of a fetch failure: the system error code when there is one. */
function networkDetail(err: unknown): string | undefined {
  const cause = err instanceof Error ? err.cause : undefined;
  const code = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return code && /^[A-Z0-9_]{1,40}$/.test(code) ? code : undefined;
}

export function s3Storage(options: S3StorageOptions): FileStorage {
  const endpoint = parseS3Endpoint(options.endpoint);
  if (!isBucketName(options.bucket)) throw new TypeError('s3 storage: the bucket name is not a valid S3 bucket name');
  if (!options.region) throw new TypeError('s3 storage: the region is empty');
  if (!options.accessKeyId || !options.secretAccessKey) throw new TypeError('s3 storage: the access key id and secret are required');
  const timeoutMs = options.timeoutMs ?? S3_DEFAULT_TIMEOUT_MS;
  const retries = options.retries ?? S3_DEFAULT_RETRIES;
  if (!(timeoutMs > 0) || !Number.isInteger(retries) || retries < 0) throw new TypeError('s3 storage: timeoutMs must be positive and retries a non-negative integer');

  // Kept in this closure only: the returned object has no property that leads to the secret.
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    service: 's3',
    region: options.region,
    retries: 0, // retried below, each attempt with its own timeout
  });
  const basePath = endpoint.pathname.replace(/\/+$/, '');
  const objectBase = options.forcePathStyle
    ? `${endpoint.protocol}//${endpoint.host}${basePath}/${options.bucket}/`
    : `${endpoint.protocol}//${options.bucket}.${endpoint.host}${basePath}/`;

  async function send(operation: S3Operation, key: string, method: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Answer> {
    assertKey(key);
    const url = objectBase + key; // keys are [a-z0-9/-] only: nothing to encode
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await client.fetch(url, {
          method,
          headers,
          ...(body ? { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const bytes = Buffer.from(await response.arrayBuffer());
        if ((response.status >= 500 || response.status === 429) && attempt < retries) {
          await sleep(backoff(attempt));
          continue;
        }
        return { status: response.status, body: bytes };
      } catch (err) {
        const name = errorName(err);
        if (name === 'TimeoutError' || name === 'AbortError') throw new S3StorageError({ operation, key, reason: 'timeout' });
        if (attempt < retries) {
          await sleep(backoff(attempt));
          continue;
        }
        // The cause is not attached: fetch errors can hold the request, and the request holds the signature.
        throw new S3StorageError({ operation, key, reason: 'network', detail: networkDetail(err) });
      }
    }
  }

  function httpError(operation: S3Operation, key: string, answer: Answer): S3StorageError {
    return new S3StorageError({ operation, key, reason: 'http', status: answer.status, code: s3ErrorCode(answer.body) });
  }

  return {
    kind: 's3',

    async put(key, content, contentType) {
      const sha256 = createHash('sha256').update(content).digest('hex');
      const answer = await send('put', key, 'PUT', { 'content-type': contentType, 'x-amz-content-sha256': sha256 }, content);
      if (answer.status !== 200) throw httpError('put', key, answer);
    },

    async get(key) {
      const answer = await send('get', key, 'GET');
      if (answer.status === 200) return answer.body;
      if (answer.status === 404) {
        const code = s3ErrorCode(answer.body);
        // A missing bucket is a configuration error, not a missing file.
        if (code === undefined || code === 'NoSuchKey') throw new StorageNotFoundError(key);
      }
      throw httpError('get', key, answer);
    },

    async delete(key) {
      const answer = await send('delete', key, 'DELETE');
      if (answer.status === 204 || answer.status === 200) return;
      if (answer.status === 404 && s3ErrorCode(answer.body) !== 'NoSuchBucket') return;
      throw httpError('delete', key, answer);
    },

    async exists(key) {
      // A HEAD answer has no body: a missing bucket also reads as `false` here (get and put tell it apart).
      const answer = await send('exists', key, 'HEAD');
      if (answer.status === 200) return true;
      if (answer.status === 404) return false;
      throw httpError('exists', key, answer);
    },
  };
}

function backoff(attempt: number): number {
  return 100 * 2 ** attempt * (0.5 + Math.random() / 2);
}
