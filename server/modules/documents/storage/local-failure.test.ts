/**
 * The local storage's write under failure: a write that fails part-way (disk
 * full, I/O error, failed rename) and a process killed (SIGKILL) in the middle
 * of a write. Neither may leave a partial file under the key.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { localStorage } from './local.js';
import { newStorageKey, StorageError } from './storage.js';

type Failure = 'write' | 'sync' | 'rename' | undefined;
const inject = vi.hoisted(() => ({ failure: undefined as Failure, partialSeen: -1 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const { statSync } = await import('node:fs');
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args);
      // Only the temporary file is opened 'wx'.
      if (args[1] === 'wx' && inject.failure === 'write') {
        handle.writeFile = async (data) => {
          const bytes = data as Buffer;
          await handle.write(bytes.subarray(0, bytes.length >> 1));
          inject.partialSeen = statSync(String(args[0])).size;
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        };
      }
      if (args[1] === 'wx' && inject.failure === 'sync') {
        handle.sync = () => Promise.reject(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
      }
      return handle;
    },
    rename: async (...args: Parameters<typeof real.rename>) => {
      if (inject.failure === 'rename') throw Object.assign(new Error('EXDEV: cross-device link not permitted, rename'), { code: 'EXDEV' });
      return real.rename(...args);
    },
  };
});

const base = mkdtempSync(join(tmpdir(), 'motcua-local-failure-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
afterEach(() => {
  inject.failure = undefined;
  inject.partialSeen = -1;
});

let n = 0;
const freshRoot = () => join(base, `root-${++n}`);
const now = new Date('2026-12-15T08:00:00Z');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe('local storage when a write fails', () => {
  for (const failure of ['write', 'sync', 'rename'] as const) {
    it(`a failed ${failure} leaves no file under a new key and no temporary file`, async () => {
      const root = freshRoot();
      const storage = localStorage(root);
      const key = newStorageKey('documents', now);
      inject.failure = failure;
      await expect(storage.put(key, randomBytes(64 * 1024), 'application/pdf')).rejects.toBeInstanceOf(StorageError);
      if (failure === 'write') expect(inject.partialSeen).toBe(32 * 1024); // the failure really was half-way
      inject.failure = undefined;
      expect(await storage.exists(key)).toBe(false);
      expect(filesUnder(root)).toEqual([]);
    });

    it(`a failed ${failure} keeps the previous bytes of an existing key whole`, async () => {
      const root = freshRoot();
      const storage = localStorage(root);
      const key = newStorageKey('documents', now);
      const before = randomBytes(50_000);
      await storage.put(key, before, 'application/pdf');
      inject.failure = failure;
      await expect(storage.put(key, randomBytes(80_000), 'application/pdf')).rejects.toThrow(/local storage: put .* failed \((ENOSPC|EIO|EXDEV)\)/);
      inject.failure = undefined;
      expect((await storage.get(key)).equals(before)).toBe(true);
      expect(filesUnder(root)).toEqual([key]);
    });
  }

  it('the error keeps the file system error as its cause', async () => {
    const storage = localStorage(freshRoot());
    inject.failure = 'write';
    const err: unknown = await storage.put(newStorageKey('scans', now), Buffer.from('abcdef'), 'image/png').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).cause).toMatchObject({ code: 'ENOSPC' });
  });
});

const run = promisify(execFile);
const localModule = fileURLToPath(new URL('./local.ts', import.meta.url));

/**
 * A child process that writes `key` and is killed with SIGKILL after half of
 * the new bytes are on disk (its fs/promises is patched to do so), as a crash
 * or `kill -9` would.
 */
async function putAndGetKilled(root: string, key: string, content: Buffer): Promise<void> {
  const script = join(base, `crash-${++n}.mjs`);
  writeFileSync(
    script,
    `
import { createRequire, syncBuiltinESMExports } from 'node:module';
const fsp = createRequire(import.meta.url)('node:fs/promises');
const realOpen = fsp.open;
fsp.open = async (...args) => {
  const handle = await realOpen(...args);
  if (args[1] === 'wx') {
    handle.writeFile = async (data) => {
      await handle.write(data.subarray(0, data.length >> 1));
      await handle.sync();
      process.kill(process.pid, 'SIGKILL');
      await new Promise(() => {});
    };
  }
  return handle;
};
syncBuiltinESMExports();
const { localStorage } = await import(${JSON.stringify(localModule)});
await localStorage(${JSON.stringify(root)}).put(${JSON.stringify(key)}, Buffer.from(${JSON.stringify(content.toString('base64'))}, 'base64'), 'application/pdf');
console.log('finished');
`,
  );
  const outcome = await run(process.execPath, ['--import', 'tsx', script], { cwd: fileURLToPath(new URL('../../../..', import.meta.url)) }).then(
    () => 'finished',
    (err: { signal?: string }) => err.signal,
  );
  expect(outcome).toBe('SIGKILL');
}

describe('local storage when the process is killed during a write', () => {
  it('leaves nothing under a new key: only a temporary file that is never served', async () => {
    const root = freshRoot();
    const key = newStorageKey('documents', now);
    await putAndGetKilled(root, key, randomBytes(40_000));
    const storage = localStorage(root);
    expect(await storage.exists(key)).toBe(false);
    const left = filesUnder(root);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^documents\/2026\/12\/\.[0-9a-f]{24}\.tmp$/);
    expect(readFileSync(join(root, left[0] ?? '')).length).toBe(20_000); // the half-written bytes are in the temporary file only
  });

  it('leaves the previous bytes of an existing key whole', async () => {
    const root = freshRoot();
    const key = newStorageKey('documents', now);
    const before = randomBytes(30_000);
    await localStorage(root).put(key, before, 'application/pdf');
    await putAndGetKilled(root, key, randomBytes(60_000));
    expect((await localStorage(root).get(key)).equals(before)).toBe(true);
  });
});
