/**
 * What the documents module needs beyond the database, built once per process
 * from the configuration: the file storage (local disk or S3) and the master
 * key that seals secrets at rest (certificate passwords).
 */
import type { Config } from '../../config.js';
import { loadMasterKey } from './signing/index.js';
import { createStorage } from './storage/config.js';
import type { FileStorage } from './storage/storage.js';

export type DocumentDeps = {
  storage: FileStorage;
  /** 32 bytes: MOTCUA_SECRET_KEY, else `<dataDir>/secret-key` (made on first use, mode 0600). */
  secretKey: Buffer;
};

export function documentDeps(config: Config): DocumentDeps {
  const env: NodeJS.ProcessEnv = config.secretKey === undefined ? {} : { MOTCUA_SECRET_KEY: config.secretKey };
  return { storage: createStorage(config.storage, config.dataDir), secretKey: loadMasterKey(env, config.dataDir) };
}
