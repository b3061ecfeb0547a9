import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localStorage } from './local.js';
import { InvalidStorageKeyError, newStorageKey, StorageNotFoundError } from './storage.js';

const base = mkdtempSync(join(tmpdir(), 'motcua-local-storage-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let n = 0;
/** A fresh root per test, not yet created (the storage creates it). */
const freshRoot = () => join(base, `root-${++n}`, 'files');
const now = new Date('2026-12-15T08:00:00Z');

/** Every file under dir, relative, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe('local storage', () => {
  it('puts, gets, tells whether a key exists, and deletes', async () => {
    const root = freshRoot();
    const storage = localStorage(root);
    expect(storage.kind).toBe('local');
    const key = newStorageKey('documents', now);
    const content = randomBytes(100_000);

    expect(await storage.exists(key)).toBe(false);
    await storage.put(key, content, 'application/pdf');
    expect(await storage.exists(key)).toBe(true);
    expect((await storage.get(key)).equals(content)).toBe(true);
    // The file is where the key says, and nothing else is there.
    expect(readFileSync(join(root, ...key.split('/'))).equals(content)).toBe(true);
    expect(filesUnder(root)).toEqual([key]);

    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StorageNotFoundError);
    // Deleting again is not an error.
    await storage.delete(key);
  });

  it('replaces the bytes under a key', async () => {
    const storage = localStorage(freshRoot());
    const key = newStorageKey('scans', now);
    await storage.put(key, Buffer.from('first version, longer than the second'), 'application/pdf');
    await storage.put(key, Buffer.from('second'), 'application/pdf');
    expect((await storage.get(key)).toString()).toBe('second');
  });

  it('stores an empty buffer and large binary content byte for byte', async () => {
    const storage = localStorage(freshRoot());
    const empty = newStorageKey('forms', now);
    const large = newStorageKey('forms', now);
    const bytes = randomBytes(10 * 1024 * 1024);
    await storage.put(empty, Buffer.alloc(0), 'application/pdf');
    await storage.put(large, bytes, 'application/pdf');
    expect((await storage.get(empty)).length).toBe(0);
    expect((await storage.get(large)).equals(bytes)).toBe(true);
  });

  it('a missing key is a StorageNotFoundError naming the key, also when its folders do not exist', async () => {
    const storage = localStorage(freshRoot());
    const key = newStorageKey('certificates', now);
    await expect(storage.get(key)).rejects.toThrow(StorageNotFoundError);
    await expect(storage.get(key)).rejects.toMatchObject({ key });
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('creates directories 0700 and files 0600', async () => {
    const root = freshRoot();
    const storage = localStorage(root);
    const key = newStorageKey('documents', now);
    await storage.put(key, Buffer.from('x'), 'application/pdf');
    const [prefix, year, month] = key.split('/') as [string, string, string];
    for (const dir of [root, join(root, prefix), join(root, prefix, year), join(root, prefix, year, month)]) {
      expect(statSync(dir).mode & 0o777, dir).toBe(0o700);
    }
    expect(statSync(join(root, ...key.split('/'))).mode & 0o777).toBe(0o600);
  });

  it('leaves no temporary file behind after writes', async () => {
    const root = freshRoot();
    const storage = localStorage(root);
    const keys = Array.from({ length: 20 }, () => newStorageKey('scans', now));
    await Promise.all(keys.map((key, i) => storage.put(key, Buffer.from(`file ${i}`), 'image/png')));
    expect(filesUnder(root).sort()).toEqual([...keys].sort());
  });

  it('does not serve a stray temporary file or anything that is not a key', async () => {
    const root = freshRoot();
    const storage = localStorage(root);
    const key = newStorageKey('scans', now);
    await storage.put(key, Buffer.from('kept'), 'image/png');
    const dir = join(root, ...key.split('/').slice(0, 3));
    writeFileSync(join(dir, '.0123456789abcdef.tmp'), 'half a file');
    for (const stray of [`${key.split('/').slice(0, 3).join('/')}/.0123456789abcdef.tmp`, `${key}.tmp`]) {
      await expect(storage.get(stray)).rejects.toThrow(InvalidStorageKeyError);
    }
  });

  it('refuses traversal, absolute paths and client file names before touching the disk', async () => {
    const root = freshRoot();
    const outside = join(root, '..', 'outside.txt');
    mkdirSync(join(root, '..'), { recursive: true });
    writeFileSync(outside, 'secret');
    const storage = localStorage(root);
    const bad = ['../outside.txt', '../x', '/etc/passwd', outside, 'Giấy khai sinh.pdf', 'documents/2026/12/../../../outside.txt', 'documents\\..\\..\\outside.txt'];
    for (const key of bad) {
      await expect(storage.get(key), key).rejects.toThrow(InvalidStorageKeyError);
      await expect(storage.put(key, Buffer.from('x'), 'application/pdf'), key).rejects.toThrow(InvalidStorageKeyError);
      await expect(storage.delete(key), key).rejects.toThrow(InvalidStorageKeyError);
      await expect(storage.exists(key), key).rejects.toThrow(InvalidStorageKeyError);
    }
    expect(readFileSync(outside, 'utf8')).toBe('secret');
    // Nothing was created: the root does not even exist yet.
    expect(() => statSync(root)).toThrow();
  });

  it('normalises the root it is given', async () => {
    const storage = localStorage(join(base, 'rel', '..', 'rel2', 'files'));
    const key = newStorageKey('documents', now);
    await storage.put(key, Buffer.from('x'), 'application/pdf');
    expect(readFileSync(join(base, 'rel2', 'files', ...key.split('/')), 'utf8')).toBe('x');
  });
});
