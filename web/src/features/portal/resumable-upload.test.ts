import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Upload } from '../../../../contracts/portal';
import {
  acceptAttribute,
  chunkBytesFor,
  contentTypeOf,
  FileRefused,
  fileProblem,
  isTransient,
  MAX_ATTEMPTS,
  nextChunk,
  retryDelayMs,
  sendFile,
  sha256Hex,
  type Failure,
  type UploadTransport,
} from './resumable-upload';

const LIMITS = { fileBytes: 10 * 1024 * 1024, chunkBytes: 10 * 1024 * 1024, contentTypes: ['application/pdf', 'image/jpeg', 'image/png'] };

class HttpFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.code);
  }
}

/**
 * What can happen to one request: it arrives and is answered (`ok`), is lost
 * on the way (`drop`), arrives but its answer is lost (`lose_answer`), or the
 * server answers 503 without doing anything (`busy`).
 */
type Fate = 'ok' | 'drop' | 'lose_answer' | 'busy';

/** A server keeping uploads as the portal does: bytes appended at the offset it has, checked with the last one. */
function simulatedServer(fates: Fate[]) {
  const uploads = new Map<string, { upload: Upload; bytes: number[] }>();
  let next = 0;
  let requests = 0;
  const network = { dropped: 0 };
  const sleeps: number[] = [];

  function fate(): Fate {
    return fates[requests++] ?? 'ok';
  }
  async function exchange<T>(work: () => T): Promise<T> {
    const f = fate();
    if (f === 'drop') throw new HttpFailure({ status: 0, code: 'NETWORK_ERROR' });
    if (f === 'busy') throw new HttpFailure({ status: 503, code: 'UNKNOWN_ERROR' });
    const answer = work();
    if (f === 'lose_answer') throw new HttpFailure({ status: 0, code: 'NETWORK_ERROR' });
    return Promise.resolve(answer);
  }

  const transport: UploadTransport = {
    create: (a) =>
      exchange(() => {
        const id = `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;
        const upload: Upload = { id, draftId: null, dossierCode: 'X', documentIndex: 0, ...a, offset: 0, status: 'in_progress', createdAt: '', expiresAt: '' };
        uploads.set(id, { upload, bytes: [] });
        return { ...upload };
      }),
    patch: async (id, offset, chunk) => {
      const bytes = [...new Uint8Array(await chunk.arrayBuffer())];
      return exchange(() => {
        const held = uploads.get(id);
        if (!held) throw new HttpFailure({ status: 404, code: 'PORTAL_UPLOAD_NOT_FOUND' });
        if (held.upload.status === 'complete' || offset !== held.bytes.length) {
          throw new HttpFailure({ status: 409, code: 'UPLOAD_OFFSET_MISMATCH', details: { offset: held.bytes.length } });
        }
        if (offset + bytes.length > held.upload.size) throw new HttpFailure({ status: 413, code: 'UPLOAD_LENGTH_EXCEEDED' });
        held.bytes.push(...bytes);
        held.upload.offset = held.bytes.length;
        if (held.bytes.length === held.upload.size) {
          const digest = createHash('sha256').update(Uint8Array.from(held.bytes)).digest('hex');
          if (digest !== held.upload.sha256) {
            uploads.delete(id);
            throw new HttpFailure({ status: 422, code: 'UPLOAD_CHECKSUM_MISMATCH' });
          }
          held.upload.status = 'complete';
        }
        return { ...held.upload };
      });
    },
    get: (id) =>
      exchange(() => {
        const held = uploads.get(id);
        if (!held) throw new HttpFailure({ status: 404, code: 'PORTAL_UPLOAD_NOT_FOUND' });
        return { ...held.upload };
      }),
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    failureOf: (error) => (error instanceof HttpFailure ? error.failure : null),
  };
  return { transport, uploads, network, sleeps, requests: () => requests };
}

function pdf(bytes: Uint8Array, name = 'to-khai.pdf'): File {
  return new File([new Uint8Array(bytes)], name, { type: 'application/pdf' });
}

const noFate = fc.constantFrom<Fate>('ok');
const badFate = fc.constantFrom<Fate>('drop', 'lose_answer', 'busy');
/** Runs of failures shorter than MAX_ATTEMPTS, each followed by a request that goes through. */
const survivableFates = fc
  .array(fc.tuple(fc.array(badFate, { maxLength: MAX_ATTEMPTS - 1 }), noFate), { maxLength: 30 })
  .map((runs) => runs.flatMap(([bad, good]) => [...bad, good]));

describe('checking a file before it is sent', () => {
  it('takes PDF, JPEG and PNG up to the limit, by type or by extension when the browser gives none', () => {
    expect(fileProblem({ name: 'a.pdf', size: 1, type: 'application/pdf' }, LIMITS)).toBeNull();
    expect(fileProblem({ name: 'anh.JPG', size: 1, type: '' }, LIMITS)).toBeNull();
    expect(fileProblem({ name: 'scan.png', size: LIMITS.fileBytes, type: 'image/png' }, LIMITS)).toBeNull();
    expect(fileProblem({ name: 'a.pdf', size: LIMITS.fileBytes + 1, type: 'application/pdf' }, LIMITS)).toBe('too_large');
    expect(fileProblem({ name: 'a.pdf', size: 0, type: 'application/pdf' }, LIMITS)).toBe('empty');
    expect(fileProblem({ name: 'a.docx', size: 10, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, LIMITS)).toBe('type_not_allowed');
    expect(fileProblem({ name: 'a.heic', size: 10, type: '' }, LIMITS)).toBe('type_not_allowed');
    expect(contentTypeOf('x.jpeg', 'image/jpeg; charset=binary')).toBe('image/jpeg');
    expect(acceptAttribute(LIMITS.contentTypes)).toBe('application/pdf,.pdf,image/jpeg,.jpg,.jpeg,image/png,.png');
  });

  it('refuses a file over the limit without a single request', async () => {
    const server = simulatedServer([]);
    const big = pdf(new Uint8Array(11));
    await expect(sendFile(server.transport, big, { ...LIMITS, fileBytes: 10 })).rejects.toBeInstanceOf(FileRefused);
    expect(server.requests()).toBe(0);
  });
});

describe('chunks and retries', () => {
  it('cover the file from any offset in order, each at most the chunk size, never past the end', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.integer({ min: 1, max: 700 }), fc.nat(5000), (size, chunkBytes, from) => {
        const ranges: { start: number; end: number }[] = [];
        let offset = Math.min(from, size);
        for (let range = nextChunk(offset, size, chunkBytes); range; range = nextChunk(offset, size, chunkBytes)) {
          ranges.push(range);
          offset = range.end;
        }
        expect(offset).toBe(Math.max(size, Math.min(from, size)));
        for (const [i, r] of ranges.entries()) {
          expect(r.end - r.start).toBeGreaterThan(0);
          expect(r.end - r.start).toBeLessThanOrEqual(chunkBytes);
          expect(r.start).toBe(i === 0 ? Math.min(from, size) : ranges[i - 1]?.end);
        }
      }),
    );
  });

  it('send at most 1 MiB at once, or less when the server says so', () => {
    expect(chunkBytesFor({ chunkBytes: 10 * 1024 * 1024 })).toBe(1024 * 1024);
    expect(chunkBytesFor({ chunkBytes: 1000 })).toBe(1000);
  });

  it('wait longer after each failure, up to 8 s, or as long as the server asks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (attempt) => {
        expect(retryDelayMs(attempt + 1)).toBeGreaterThanOrEqual(retryDelayMs(attempt));
        expect(retryDelayMs(attempt)).toBeLessThanOrEqual(8_000);
      }),
    );
    expect(retryDelayMs(1)).toBe(500);
    expect(retryDelayMs(3, 7)).toBe(7_000);
  });

  it('retry a lost connection, a 5xx and a 429, never a refusal', () => {
    expect(isTransient({ status: 0, code: 'NETWORK_ERROR' })).toBe(true);
    expect(isTransient({ status: 503, code: 'UNKNOWN_ERROR' })).toBe(true);
    expect(isTransient({ status: 429, code: 'RATE_LIMITED' })).toBe(true);
    for (const code of ['UPLOAD_CHECKSUM_MISMATCH', 'DOSSIER_FILE_TYPE_NOT_ALLOWED', 'BODY_TOO_LARGE', 'PORTAL_FILE_LIMIT']) {
      expect(isTransient({ status: 422, code })).toBe(false);
    }
  });
});

describe('sending a file', () => {
  it('arrives whole, in order and checked, whatever connections drop on the way, as long as some requests get through', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 64 }), survivableFates, async (bytes, chunkBytes, fates) => {
        const server = simulatedServer(fates);
        const progress: number[] = [];
        const upload = await sendFile(server.transport, pdf(bytes), { ...LIMITS, chunkBytes }, { onProgress: (sent) => progress.push(sent) });
        expect(upload.status).toBe('complete');
        const held = server.uploads.get(upload.id);
        expect(held && Uint8Array.from(held.bytes)).toEqual(bytes);
        expect(upload.sha256).toBe(await sha256Hex(new Blob([new Uint8Array(bytes)])));
        expect(progress.at(-1)).toBe(bytes.length);
        // A lost answer to the announcement leaves an unfinished upload behind, never a second complete one.
        expect([...server.uploads.values()].filter((u) => u.upload.status === 'complete')).toHaveLength(1);
      }),
      { numRuns: 200 },
    );
  });

  it('gives up after a few failures in a row, and a retry with the same upload resumes where the server stopped', async () => {
    const bytes = Uint8Array.from({ length: 50 }, (_, i) => i);
    const fates: Fate[] = ['ok', 'ok', 'ok', ...Array<Fate>(MAX_ATTEMPTS).fill('drop')];
    const server = simulatedServer(fates);
    let created: Upload | undefined;
    const error = await sendFile(server.transport, pdf(bytes), { ...LIMITS, chunkBytes: 10 }, { onCreated: (u) => (created = u) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpFailure);
    expect((error as HttpFailure).failure.code).toBe('NETWORK_ERROR');
    expect(server.sleeps).toEqual([500, 1000, 2000, 4000]);
    if (!created) throw new Error('not created');
    expect(server.uploads.get(created.id)?.bytes).toHaveLength(20);

    const resumed = await sendFile(server.transport, pdf(bytes), { ...LIMITS, chunkBytes: 10 }, {}, created);
    expect(resumed.id).toBe(created.id);
    expect(resumed.status).toBe('complete');
    expect(server.uploads.size).toBe(1);
  });

  it('stops at once when the server refuses the file', async () => {
    const server = simulatedServer([]);
    const bytes = Uint8Array.from([1, 2, 3, 4]);
    const transport: UploadTransport = { ...server.transport, create: (a) => server.transport.create({ ...a, sha256: '0'.repeat(64) }) };
    const error = await sendFile(transport, pdf(bytes), LIMITS).catch((e: unknown) => e);
    expect((error as HttpFailure).failure.code).toBe('UPLOAD_CHECKSUM_MISMATCH');
    expect(server.sleeps).toEqual([]);
    expect(server.uploads.size).toBe(0);
  });
});
