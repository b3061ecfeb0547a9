import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStorage, localFilesDir, storageConfigFrom } from './config.js';

const S3_ENV = {
  MOTCUA_STORAGE: 's3',
  MOTCUA_S3_ENDPOINT: 'https://minio.example.gov.vn:9000',
  MOTCUA_S3_BUCKET: 'motcua-files',
  MOTCUA_S3_ACCESS_KEY_ID: 'motcua-app',
  MOTCUA_S3_SECRET_ACCESS_KEY: 'very-secret-value-123',
};

/** The message storageConfigFrom throws for env. */
function problem(env: NodeJS.ProcessEnv): string {
  try {
    storageConfigFrom(env);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an invalid configuration');
}

describe('storage configuration', () => {
  it('is local by default, also with MOTCUA_STORAGE empty, and ignores S3 variables then', () => {
    expect(storageConfigFrom({})).toEqual({ kind: 'local' });
    expect(storageConfigFrom({ MOTCUA_STORAGE: '' })).toEqual({ kind: 'local' });
    expect(storageConfigFrom({ MOTCUA_STORAGE: 'local', MOTCUA_S3_BUCKET: 'Not A Bucket' })).toEqual({ kind: 'local' });
  });

  it('reads s3 with its defaults: region us-east-1, path-style addressing', () => {
    expect(storageConfigFrom(S3_ENV)).toEqual({
      kind: 's3',
      s3: {
        endpoint: 'https://minio.example.gov.vn:9000',
        bucket: 'motcua-files',
        region: 'us-east-1',
        accessKeyId: 'motcua-app',
        secretAccessKey: 'very-secret-value-123',
        forcePathStyle: true,
      },
    });
    const custom = storageConfigFrom({ ...S3_ENV, MOTCUA_S3_REGION: 'ap-southeast-1', MOTCUA_S3_FORCE_PATH_STYLE: 'false' });
    expect(custom).toMatchObject({ s3: { region: 'ap-southeast-1', forcePathStyle: false } });
  });

  it('names each variable that s3 needs and is missing or empty', () => {
    const message = problem({ MOTCUA_STORAGE: 's3', MOTCUA_S3_BUCKET: '' });
    expect(message).toMatch(/^Invalid configuration:\n/);
    for (const name of ['MOTCUA_S3_ENDPOINT', 'MOTCUA_S3_BUCKET', 'MOTCUA_S3_ACCESS_KEY_ID', 'MOTCUA_S3_SECRET_ACCESS_KEY']) {
      expect(message).toContain(`  ${name}: required when MOTCUA_STORAGE=s3`);
    }
    for (const name of Object.keys(S3_ENV).filter((k) => k.startsWith('MOTCUA_S3_'))) {
      const { [name]: _dropped, ...rest } = S3_ENV as Record<string, string>;
      expect(problem(rest)).toBe(`Invalid configuration:\n  ${name}: required when MOTCUA_STORAGE=s3`);
    }
  });

  it('names the variable with a wrong value, and never repeats a value', () => {
    const cases: [Record<string, string>, string][] = [
      [{ MOTCUA_STORAGE: 'minio' }, 'MOTCUA_STORAGE: must be "local" or "s3"'],
      [{ MOTCUA_S3_FORCE_PATH_STYLE: 'yes' }, 'MOTCUA_S3_FORCE_PATH_STYLE: must be "true" or "false"'],
      [{ MOTCUA_S3_REGION: 'Hà Nội' }, 'MOTCUA_S3_REGION: must be a region name'],
      [{ MOTCUA_S3_BUCKET: 'Motcua_Files' }, 'MOTCUA_S3_BUCKET: must be an S3 bucket name'],
      [{ MOTCUA_S3_ENDPOINT: 'minio:9000' }, 'MOTCUA_S3_ENDPOINT: must be an http or https URL'],
      [{ MOTCUA_S3_ENDPOINT: 'not a url' }, 'MOTCUA_S3_ENDPOINT: is not a URL'],
      [{ MOTCUA_S3_ENDPOINT: 'https://motcua-app:very-secret-value-123@minio:9000' }, 'MOTCUA_S3_ENDPOINT: must not carry credentials'],
      [{ MOTCUA_S3_ENDPOINT: 'https://minio:9000/?x=1' }, 'MOTCUA_S3_ENDPOINT: must not have a query'],
    ];
    for (const [change, expected] of cases) {
      const message = problem({ ...S3_ENV, ...change });
      expect(message).toContain(expected);
      expect(message).not.toContain('very-secret-value-123');
      for (const value of Object.values(change)) expect(message).not.toContain(value);
    }
  });

  it('createStorage gives a local storage under <dataDir>/files, or an s3 storage', () => {
    expect(localFilesDir('./data')).toBe(join(resolve('./data'), 'files'));
    expect(createStorage({ kind: 'local' }, './data').kind).toBe('local');
    const s3 = createStorage(storageConfigFrom(S3_ENV), './data');
    expect(s3.kind).toBe('s3');
    // Nothing reachable from the storage object leads to the secret.
    expect(JSON.stringify(s3)).not.toContain('very-secret-value-123');
    expect(Object.values(s3).some((v) => typeof v === 'string' && v.includes('secret'))).toBe(false);
  });
});
