/**
 * Child processes in process groups of their own (Linux): spawning a command so
 * that it can be ended whole, finding the Node process that runs
 * server/main.ts under npm/sh/tsx wrappers, and telling whether they are gone.
 * Used by the startup benchmark and scripts/crash-intake.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { onCleanup, ROOT, waitFor } from './util.js';

/** How long an orderly shutdown (SIGTERM) may take. */
export const STOP_TIMEOUT_MS = 30_000;

/** The process and its descendants (Linux /proc), each with its command line and depth. */
export function processTree(rootPid: number): { pid: number; cmd: string; depth: number }[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(name), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const out: { pid: number; cmd: string; depth: number }[] = [];
  const visit = (pid: number, depth: number) => {
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      return;
    }
    out.push({ pid, cmd, depth });
    for (const [child, parent] of parentOf) if (parent === pid) visit(child, depth + 1);
  };
  visit(rootPid, 0);
  return out;
}

/**
 * The Node process that runs server/main.ts under the wrappers (`npm` → `sh` →
 * `tsx` CLI → `node`): the deepest one whose command line names it. The
 * wrappers exit by themselves when it does.
 */
export function serverPid(rootPid: number): number {
  try {
    const candidates = processTree(rootPid).filter((p) => p.cmd.includes('server/main.ts'));
    const deepest = candidates.sort((a, b) => b.depth - a.depth)[0];
    return deepest?.pid ?? rootPid;
  } catch {
    return rootPid; // no /proc: signal the command itself
  }
}

/** Whether a process (`target` > 0) or a process group (`target` < 0) still exists. */
export function exists(target: number): boolean {
  try {
    process.kill(target, 0);
    return true;
  } catch {
    return false;
  }
}

export const groupAlive = (pgid: number) => exists(-pgid);

/** Spawns a command in a process group of its own, so that it can be ended whole if need be. */
export function spawnGroup(command: string, args: string[], env: Record<string, string>): { child: ChildProcess; pgid: number; forget: () => void } {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.on('error', () => undefined); // a failed spawn leaves pid undefined, handled below
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`could not spawn ${command}`);
  const forget = onCleanup(`end process group ${pgid}`, async () => {
    if (!groupAlive(pgid)) return;
    // The server first (orderly shutdown). Killed before its handlers are installed, it
    // leaves PostgreSQL behind: then the whole group, and at last SIGKILL.
    const pid = serverPid(pgid);
    try {
      process.kill(pid, 'SIGTERM');
      await waitFor(() => !groupAlive(pgid) || !exists(pid), STOP_TIMEOUT_MS, 'the server to exit').catch(() => undefined);
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGTERM');
      await waitFor(() => !groupAlive(pgid), 5_000, `process group ${pgid} to exit`);
    } catch {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
    }
  });
  return { child, pgid, forget };
}

/** Processes whose command line contains `text` (a unique temporary path: the ones we started). */
export function processesWith(text: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(text)) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Collects a child's stdout and stderr; `waitFor(text)` resolves once it appeared, rejects if the child exits first. */
export function outputOf(child: ChildProcess): { text: () => string; waitFor: (text: string, timeoutMs: number) => Promise<void> } {
  let output = '';
  let exited: number | null | undefined;
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  child.on('exit', (code) => (exited = code));
  return {
    text: () => output,
    waitFor: async (text, timeoutMs) => {
      await waitFor(() => output.includes(text) || exited !== undefined, timeoutMs, `"${text}"`);
      if (!output.includes(text)) throw new Error(`exited with ${exited} before "${text}":\n${output}`);
    },
  };
}
