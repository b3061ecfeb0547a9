/**
 * The portal's resumable upload, apart from fetch so its rules are tested
 * alone (docs/api.md "Uploads resume"): the file is checked here first (type,
 * size, not empty), its SHA-256 computed (`crypto.subtle.digest`), announced,
 * then sent in chunks of at most 1 MiB, each `PATCH` carrying the offset the
 * server has. After a dropped connection (or a 5xx, or a 429) the client waits
 * (backoff), asks the server where it stands and goes on from there; a few
 * failures in a row and it gives up with a clear error, keeping the upload so
 * that "try again" resumes instead of starting over. A refusal (type, size,
 * checksum, a corrupt or encrypted file) ends it at once: the server keeps
 * nothing of a refused file.
 *
 * Chunks of 1 MiB keep each request short on a phone's connection and give
 * the progress bar something to move; the server takes up to 10 MiB at once.
 */
import type { Upload } from '../../../../contracts/portal';

/** The largest chunk the client sends (the server's own limit may be lower). */
export const CHUNK_BYTES = 1024 * 1024;
/** Failures in a row (network, 5xx, 429) before giving up. */
export const MAX_ATTEMPTS = 5;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

/** What the client knows of a failed request: its HTTP status (0 for no answer), the stable code and details. */
export interface Failure {
  status: number;
  code: string;
  details?: Readonly<Record<string, unknown>>;
}

/** The server's limits as the application form gives them. */
export interface UploadLimits {
  fileBytes: number;
  chunkBytes: number;
  contentTypes: readonly string[];
}

/** Extensions the portal takes, by content type (PDF, JPEG, PNG). */
const EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
};

/** The accept attribute of the file inputs. */
export function acceptAttribute(contentTypes: readonly string[]): string {
  return contentTypes.flatMap((type) => [type, ...(EXTENSIONS[type] ?? [])]).join(',');
}

/** The file's content type: the browser's when it gives one the portal takes, else read from the extension. */
export function contentTypeOf(fileName: string, browserType: string): string {
  const declared = browserType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (declared !== '' && Object.hasOwn(EXTENSIONS, declared)) return declared;
  const dot = fileName.lastIndexOf('.');
  const extension = dot >= 0 ? fileName.slice(dot).toLowerCase() : '';
  for (const [type, extensions] of Object.entries(EXTENSIONS)) if (extensions.includes(extension)) return type;
  return declared === '' ? 'application/octet-stream' : declared;
}

export type FileProblem = 'empty' | 'too_large' | 'type_not_allowed';

/** Why the portal would refuse this file before a byte is sent, or null. */
export function fileProblem(file: { name: string; size: number; type: string }, limits: UploadLimits): FileProblem | null {
  if (file.size <= 0) return 'empty';
  if (file.size > limits.fileBytes) return 'too_large';
  if (!limits.contentTypes.includes(contentTypeOf(file.name, file.type))) return 'type_not_allowed';
  return null;
}

/** The size of the chunks sent: 1 MiB, or the server's limit when lower. */
export function chunkBytesFor(limits: Pick<UploadLimits, 'chunkBytes'>): number {
  return Math.max(1, Math.min(CHUNK_BYTES, limits.chunkBytes));
}

/** The byte range of the next chunk from `offset` ([start, end)); null once everything is sent. */
export function nextChunk(offset: number, size: number, chunkBytes: number): { start: number; end: number } | null {
  if (offset >= size) return null;
  const start = Math.max(0, offset);
  return { start, end: Math.min(size, start + chunkBytes) };
}

/** The wait before retry number `attempt` (1, 2, …): doubling from half a second, at most 8 s, or the server's Retry-After. */
export function retryDelayMs(attempt: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined && retryAfterSeconds > 0) return Math.min(60_000, retryAfterSeconds * 1000);
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
}

/** A failure worth retrying: no answer, the server's own trouble, or being asked to slow down. */
export function isTransient(failure: Failure): boolean {
  return failure.status === 0 || failure.status >= 500 || failure.status === 429;
}

/** The offset a 409 UPLOAD_OFFSET_MISMATCH names, when it names one. */
export function offsetFromMismatch(failure: Failure): number | null {
  if (failure.code !== 'UPLOAD_OFFSET_MISMATCH') return null;
  const offset = failure.details?.offset;
  return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : null;
}

/** Lower-case hex of a digest. */
export function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(file: Blob): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
}

/** What the upload needs from the network; api/portal.ts gives the real one, tests a simulated server. */
export interface UploadTransport {
  create: (announcement: { fileName: string; contentType: string; size: number; sha256: string }) => Promise<Upload>;
  /** Sends `chunk` at `offset`; answers the upload as the server has it afterwards. */
  patch: (id: string, offset: number, chunk: Blob) => Promise<Upload>;
  /** The upload as the server has it (where to resume). */
  get: (id: string) => Promise<Upload>;
  sleep: (ms: number) => Promise<void>;
  /** Reads a thrown error; anything it cannot read is not retried. */
  failureOf: (error: unknown) => Failure | null;
  /** Retry-After seconds of a throttled answer. */
  retryAfterOf?: (error: unknown) => number | undefined;
}

export interface UploadCallbacks {
  /** The upload exists on the server (keep its id: to resume or remove it). */
  onCreated?: (upload: Upload) => void;
  /** Bytes the server has, of `size`. */
  onProgress?: (sent: number, size: number) => void;
  signal?: AbortSignal;
}

/** Refused before sending: the reason, for a clear message. */
export class FileRefused extends Error {
  override readonly name = 'FileRefused';
  constructor(readonly problem: FileProblem) {
    super(problem);
  }
}

/**
 * Sends `file` (announcing it first unless `existing` is an upload to resume)
 * and answers the completed upload. Throws FileRefused before sending, the
 * transport's error for a refusal by the server, or the last transient error
 * after MAX_ATTEMPTS failures in a row.
 */
export async function sendFile(
  transport: UploadTransport,
  file: Blob & { name: string },
  limits: UploadLimits,
  callbacks: UploadCallbacks = {},
  existing?: Upload,
): Promise<Upload> {
  const problem = fileProblem(file, limits);
  if (problem) throw new FileRefused(problem);
  const chunkBytes = chunkBytesFor(limits);
  const size = file.size;
  let failures = 0;
  let mismatches = 0;

  /** Waits after a transient failure; rethrows one not worth retrying, or the last of too many in a row. */
  async function survive(error: unknown): Promise<void> {
    const failure = transport.failureOf(error);
    if (!failure || !isTransient(failure)) throw error;
    failures += 1;
    if (failures >= MAX_ATTEMPTS) throw error;
    await transport.sleep(retryDelayMs(failures, transport.retryAfterOf?.(error)));
  }

  let upload = existing;
  const announcement = upload ? null : { fileName: file.name, contentType: contentTypeOf(file.name, file.type), size, sha256: await sha256Hex(file) };
  while (!upload && announcement) {
    callbacks.signal?.throwIfAborted();
    try {
      upload = await transport.create(announcement);
    } catch (error) {
      await survive(error);
    }
  }
  if (!upload) throw new Error('no upload');
  failures = 0;
  callbacks.onCreated?.(upload);
  callbacks.onProgress?.(upload.offset, size);
  let offset = upload.offset;
  // A resumed upload asks the server first where it stands; so does every attempt after a failure.
  let ask = existing !== undefined;

  for (;;) {
    callbacks.signal?.throwIfAborted();
    if (upload.status === 'complete') return upload;
    if (ask) {
      try {
        upload = await transport.get(upload.id);
      } catch (error) {
        await survive(error);
        continue;
      }
      ask = false;
      failures = 0;
      offset = upload.offset;
      callbacks.onProgress?.(offset, size);
      continue;
    }
    const chunk = nextChunk(offset, size, chunkBytes);
    if (!chunk) throw new Error('upload incomplete with every byte sent');
    try {
      upload = await transport.patch(upload.id, chunk.start, file.slice(chunk.start, chunk.end));
      failures = 0;
      mismatches = 0;
      offset = upload.offset;
      callbacks.onProgress?.(offset, size);
    } catch (error) {
      const failure = transport.failureOf(error);
      const resumeAt = failure ? offsetFromMismatch(failure) : null;
      if (resumeAt !== null) mismatches += 1;
      if (resumeAt !== null && resumeAt !== offset && mismatches <= MAX_ATTEMPTS) {
        // An earlier attempt whose answer was lost got further: go on from the server's offset
        // (or, at the end, read how the upload ended).
        offset = resumeAt;
        if (offset >= size) ask = true;
        callbacks.onProgress?.(Math.min(offset, size), size);
        continue;
      }
      if (resumeAt !== null) throw error;
      await survive(error);
      ask = true;
    }
  }
}
