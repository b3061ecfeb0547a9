/**
 * Which attachments storage to use, read from the environment in the style of
 * server/config.ts (one zod schema, every problem listed with its variable):
 *
 * | variable | meaning |
 * |---|---|
 * | `MOTCUA_STORAGE` | `local` (default): files under `<MOTCUA_DATA_DIR>/files/`; `s3`: an S3-compatible store |
 * | `MOTCUA_S3_ENDPOINT` | with `s3`, required: `http(s)://host[:port]`, no credentials in it |
 * | `MOTCUA_S3_BUCKET` | with `s3`, required: an existing bucket |
 * | `MOTCUA_S3_REGION` | default `us-east-1` (MinIO's default region) |
 * | `MOTCUA_S3_ACCESS_KEY_ID`, `MOTCUA_S3_SECRET_ACCESS_KEY` | with `s3`, required |
 * | `MOTCUA_S3_FORCE_PATH_STYLE` | `true` (default: `endpoint/bucket/key`, as MinIO serves) or `false` (`bucket.endpoint/key`) |
 *
 * An empty variable counts as unset. Error messages name variables, never values.
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { localStorage } from './local.js';
import { isBucketName, parseS3Endpoint, s3Storage, type S3StorageOptions } from './s3.js';
import { type FileStorage } from './storage.js';

export type StorageConfig = { kind: 'local' } | { kind: 's3'; s3: S3StorageOptions };

/** '' → undefined, so `MOTCUA_S3_BUCKET=` reads as missing. */
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

const S3_REQUIRED = ['MOTCUA_S3_ENDPOINT', 'MOTCUA_S3_BUCKET', 'MOTCUA_S3_ACCESS_KEY_ID', 'MOTCUA_S3_SECRET_ACCESS_KEY'] as const;

const StorageEnv = z
  .object({
    MOTCUA_STORAGE: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['local', 's3'], { error: 'must be "local" or "s3"' }).default('local')),
    MOTCUA_S3_ENDPOINT: optionalText,
    MOTCUA_S3_BUCKET: optionalText,
    MOTCUA_S3_REGION: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'must be a region name such as us-east-1' }).default('us-east-1'),
    ),
    MOTCUA_S3_ACCESS_KEY_ID: optionalText,
    MOTCUA_S3_SECRET_ACCESS_KEY: optionalText,
    MOTCUA_S3_FORCE_PATH_STYLE: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false'], { error: 'must be "true" or "false"' }).default('true')),
  })
  .superRefine((e, ctx) => {
    if (e.MOTCUA_STORAGE !== 's3') return;
    for (const name of S3_REQUIRED) {
      if (e[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'required when MOTCUA_STORAGE=s3' });
    }
    if (e.MOTCUA_S3_ENDPOINT !== undefined) {
      try {
        parseS3Endpoint(e.MOTCUA_S3_ENDPOINT);
      } catch (err) {
        const why = err instanceof Error ? err.message.replace(/^s3 storage: the endpoint /, '') : 'is invalid';
        ctx.addIssue({ code: 'custom', path: ['MOTCUA_S3_ENDPOINT'], message: why });
      }
    }
    if (e.MOTCUA_S3_BUCKET !== undefined && !isBucketName(e.MOTCUA_S3_BUCKET)) {
      ctx.addIssue({ code: 'custom', path: ['MOTCUA_S3_BUCKET'], message: 'must be an S3 bucket name (3–63 lowercase letters, digits, dots, hyphens)' });
    }
  });

/** The storage choice in `env`; throws `Invalid configuration:` with one line per wrong or missing variable. */
export function storageConfigFrom(env: NodeJS.ProcessEnv = process.env): StorageConfig {
  const parsed = StorageEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.MOTCUA_STORAGE === 'local') return { kind: 'local' };
  // superRefine guarantees these when MOTCUA_STORAGE=s3.
  const required = (v: string | undefined): string => {
    if (v === undefined) throw new Error('unreachable: checked by the schema');
    return v;
  };
  return {
    kind: 's3',
    s3: {
      endpoint: required(e.MOTCUA_S3_ENDPOINT),
      bucket: required(e.MOTCUA_S3_BUCKET),
      region: e.MOTCUA_S3_REGION,
      accessKeyId: required(e.MOTCUA_S3_ACCESS_KEY_ID),
      secretAccessKey: required(e.MOTCUA_S3_SECRET_ACCESS_KEY),
      forcePathStyle: e.MOTCUA_S3_FORCE_PATH_STYLE === 'true',
    },
  };
}

/** The directory the local storage uses: `<dataDir>/files`. */
export function localFilesDir(dataDir: string): string {
  return join(resolve(dataDir), 'files');
}

/** The storage `config` describes; `dataDir` is Config.dataDir (MOTCUA_DATA_DIR), used by `local` only. */
export function createStorage(config: StorageConfig, dataDir: string): FileStorage {
  return config.kind === 's3' ? s3Storage(config.s3) : localStorage(localFilesDir(dataDir));
}
