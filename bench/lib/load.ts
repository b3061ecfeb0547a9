/** Runs the load generator (`load-worker.ts`) in a child process and returns what it measured. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LoadOptions, LoadResult } from './load-worker.js';
import { onCleanup, ROOT } from './util.js';

export type { LoadOptions, LoadResult };

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(options)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const forget = onCleanup('stop the load generator', () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    // The worker stops by itself; this is only a backstop against a hung child.
    const limit = options.warmupMs + options.durationMs + options.responseTimeoutMs + 30_000;
    const killer = setTimeout(() => child.kill('SIGKILL'), limit);
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', (e) => {
      clearTimeout(killer);
      forget();
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      forget();
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`load generator exited with ${code ?? signal}: ${err.trim() || out.trim()}`));
        return;
      }
      resolve(JSON.parse(last) as LoadResult);
    });
  });
}
