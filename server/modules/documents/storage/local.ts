/**
 * Attachments on the local disk, under `<MOTCUA_DATA_DIR>/files/` by default:
 * one file per key (`files/documents/2026/12/<uuid>`), directories 0700 and
 * files 0600, readable by the server's user only.
 *
 * A write goes to a temporary file in the target's directory (same file
 * system), is fsynced, then renamed over the final name, and the directory is
 * fsynced: a crash leaves either the old bytes or the new ones under a key,
 * never a half-written file. A crash can leave a `.<hex>.tmp` file behind;
 * such names never match a key, so they are never served.
 */
/* eslint-disable security/detect-non-literal-fs-filename --
   every path below comes from pathOf(), which accepts only keys that pass
   assertKey (server-generated, ASCII, no `..`) and checks the resolved path
   stays inside the root the operator configured. */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { assertKey, InvalidStorageKeyError, StorageError, StorageNotFoundError, type FileStorage } from './storage.js';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

function errno(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

const ABSENT = new Set(['ENOENT', 'ENOTDIR']);

function failed(operation: string, key: string, err: unknown): StorageError {
  return new StorageError(`local storage: ${operation} ${key} failed (${errno(err) ?? 'error'})`, { cause: err });
}

/** Makes the rename durable: on Linux a rename is only on disk once its directory is fsynced. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    // Some platforms and file systems cannot open or fsync a directory; the file itself is synced.
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EACCES'].includes(errno(err) ?? '')) throw err;
  } finally {
    await handle?.close();
  }
}

/** Storage in `rootDir` (made absolute against the working directory; created 0700 on the first write). */
export function localStorage(rootDir: string): FileStorage {
  const root = resolve(rootDir);
  const inside = root.endsWith(sep) ? root : root + sep;

  /** The file of a key; refuses anything that is not a key or would leave the root. */
  function pathOf(key: string): string {
    assertKey(key);
    const path = resolve(root, ...key.split('/'));
    if (!path.startsWith(inside)) throw new InvalidStorageKeyError();
    return path;
  }

  return {
    kind: 'local',

    async put(key, content) {
      // The content type is metadata the caller keeps in the database; the file holds the bytes only.
      const target = pathOf(key);
      const dir = dirname(target);
      const temp = join(dir, `.${randomBytes(12).toString('hex')}.tmp`);
      let handle: FileHandle | undefined;
      try {
        await mkdir(dir, { recursive: true, mode: DIR_MODE });
        handle = await open(temp, 'wx', FILE_MODE);
        await handle.writeFile(content);
        await handle.sync();
        await handle.close();
        handle = undefined;
        await rename(temp, target);
        await syncDirectory(dir);
      } catch (err) {
        await handle?.close().catch(() => undefined);
        await rm(temp, { force: true }).catch(() => undefined);
        throw failed('put', key, err);
      }
    },

    async get(key) {
      const path = pathOf(key);
      try {
        return await readFile(path);
      } catch (err) {
        if (ABSENT.has(errno(err) ?? '')) throw new StorageNotFoundError(key);
        throw failed('get', key, err);
      }
    },

    async delete(key) {
      const path = pathOf(key);
      try {
        await unlink(path);
      } catch (err) {
        if (ABSENT.has(errno(err) ?? '')) return;
        throw failed('delete', key, err);
      }
    },

    async exists(key) {
      const path = pathOf(key);
      try {
        return (await stat(path)).isFile();
      } catch (err) {
        if (ABSENT.has(errno(err) ?? '')) return false;
        throw failed('exists', key, err);
      }
    },
  };
}
