/**
 * startup: how long `npm start` takes on an existing data directory, from
 * spawning the command to the "running at" banner and to the first 200 from
 * /api/health, against the cost of starting Node with tsx alone (and Node
 * alone) measured in the same run, interleaved. The Node process `npm start`
 * ends up running (`node --import tsx server/main.ts`) is timed too, to show
 * what the npm, sh and tsx CLI wrappers add.
 *
 * The data directory is prepared by one first start (initdb, migrations, the
 * first admin), whose time is shown too. Every start runs with
 * MOTCUA_SERVE_WEB=false (the API alone: no web build check) and LOG_LEVEL=warn,
 * on fresh ports, and is stopped with SIGTERM to the server process before the
 * next one, as an operator would; its orderly shutdown is timed as well.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { envInt, fmtMs, fmtRatio, freePort, log, median, onCleanup, ROOT, sleep, table, tempDir, waitFor, type Benchmark } from './lib/util.js';

const RUNS = envInt('BENCH_STARTUP_RUNS', 5, 1, 20);
const AIM_MS = 3_000;
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------- processes

/** The process and its descendants (Linux /proc), each with its command line and depth. */
function processTree(rootPid: number): { pid: number; cmd: string; depth: number }[] {
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
function serverPid(rootPid: number): number {
  try {
    const candidates = processTree(rootPid).filter((p) => p.cmd.includes('server/main.ts'));
    const deepest = candidates.sort((a, b) => b.depth - a.depth)[0];
    return deepest?.pid ?? rootPid;
  } catch {
    return rootPid; // no /proc: signal the command itself
  }
}

/** Whether a process (`target` > 0) or a process group (`target` < 0) still exists. */
function exists(target: number): boolean {
  try {
    process.kill(target, 0);
    return true;
  } catch {
    return false;
  }
}

const groupAlive = (pgid: number) => exists(-pgid);

/** Spawns a command in a process group of its own, so that it can be ended whole if need be. */
function spawnGroup(command: string, args: string[], env: Record<string, string>): { child: ChildProcess; pgid: number; forget: () => void } {
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

/** Milliseconds from spawn to a clean exit of a short command. */
async function timeToExit(command: string, args: string[], env: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const { child, pgid, forget } = spawnGroup(command, args, env);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  const ms = performance.now() - t0;
  if (!groupAlive(pgid)) forget();
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
  return ms;
}

type Start = { readyMs: number; healthMs: number; inMainMs: number; stopMs: number };

/** The commands timed: `npm start` itself, and the Node process it ends up running, without the wrappers. */
const NPM_START = { label: 'npm start', command: 'npm', args: ['start'] };
const DIRECT = { label: 'node --import tsx server/main.ts', command: process.execPath, args: ['--import', 'tsx', 'server/main.ts'] };
type Command = typeof NPM_START;

/** One start: spawn → banner → health 200, then SIGTERM → every process of the group gone. */
async function timeStart(how: Command, dataDir: string, baseEnv: Record<string, string>): Promise<Start> {
  const port = await freePort();
  const env = { ...baseEnv, MOTCUA_DATA_DIR: dataDir, PORT: String(port), MOTCUA_EMBEDDED_PG_PORT: String(await freePort()) };
  const t0 = performance.now();
  const { child, pgid, forget } = spawnGroup(how.command, how.args, env);
  let output = '';
  let readyAt: number | undefined;
  let exitCode: number | null | undefined;
  const onOutput = (c: Buffer) => {
    output += c.toString();
    if (readyAt === undefined && output.includes('running at')) readyAt = performance.now();
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  child.on('exit', (code) => (exitCode = code));
  const fail = (why: string) => new Error(`${how.label}: ${why}\n--- output ---\n${output}`);

  try {
    await waitFor(() => readyAt !== undefined || exitCode !== undefined, START_TIMEOUT_MS, '"running at"');
  } catch {
    throw fail(`no "running at" within ${START_TIMEOUT_MS} ms`);
  }
  if (readyAt === undefined) throw fail(`exited with ${exitCode} before listening`);
  let healthAt: number | undefined;
  const deadline = Date.now() + 10_000;
  while (healthAt === undefined && Date.now() < deadline) {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined);
    if (res?.status === 200) healthAt = performance.now();
    else await sleep(20);
  }
  if (healthAt === undefined) throw fail('/api/health did not answer 200');
  const inMainMs = Number(/started in (\d+) ms/.exec(output)?.[1] ?? Number.NaN);

  const stopAt = performance.now();
  process.kill(serverPid(pgid), 'SIGTERM');
  try {
    await waitFor(() => exitCode !== undefined && !groupAlive(pgid), STOP_TIMEOUT_MS, 'shutdown');
  } catch {
    throw fail(`still running ${STOP_TIMEOUT_MS} ms after SIGTERM`);
  }
  forget();
  if (exitCode !== 0) throw fail(`exited with ${exitCode} after SIGTERM`);
  return { readyMs: readyAt - t0, healthMs: healthAt - t0, inMainMs, stopMs: performance.now() - stopAt };
}

export const startup: Benchmark = {
  name: 'startup',
  title: '`npm start` on an existing data directory vs. starting Node (+ tsx) alone',
  run: async () => {
    const dataDir = tempDir('motcua-bench-start-');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'warn',
      MOTCUA_SERVE_WEB: 'false',
      // npm must not look anything up on the network while being timed.
      NO_UPDATE_NOTIFIER: '1',
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    };

    log('first start on an empty data directory (initdb, migrations, first admin)…');
    const first = await timeStart(NPM_START, dataDir, env);

    const runs: { start: Start; direct: Start; tsx: number; node: number }[] = [];
    for (let i = 1; i <= RUNS; i++) {
      log(`start ${i}/${RUNS} on the existing data directory…`);
      // Each round times all four; the order rotates so that none always follows the same one.
      const steps = [
        async () => ({ start: await timeStart(NPM_START, dataDir, env) }),
        async () => ({ tsx: await timeToExit(process.execPath, ['--import', 'tsx', '-e', '0'], env) }),
        async () => ({ direct: await timeStart(DIRECT, dataDir, env) }),
        async () => ({ node: await timeToExit(process.execPath, ['-e', '0'], env) }),
      ];
      let got: Partial<(typeof runs)[number]> = {};
      for (let k = 0; k < steps.length; k++) got = { ...got, ...(await steps[(k + i - 1) % steps.length]?.()) };
      const { start, direct, tsx, node } = got;
      if (!start || !direct || tsx === undefined || node === undefined) throw new Error('a step did not run');
      runs.push({ start, direct, tsx, node });
    }

    const col = (pick: (r: (typeof runs)[number]) => number) => runs.map(pick);
    const summary = (label: string, values: number[]) => [
      label,
      fmtMs(Math.min(...values), 0),
      fmtMs(median(values), 0),
      fmtMs(Math.max(...values), 0),
    ];
    const ready = col((r) => r.start.readyMs);
    const ratios = runs.map((r) => r.start.readyMs / r.tsx);
    const med = median(ready);

    console.log('');
    console.log(`  command: npm start, MOTCUA_SERVE_WEB=false LOG_LEVEL=warn, embedded PostgreSQL, ${RUNS} starts`);
    console.log(`  first start on an empty data directory: ${fmtMs(first.readyMs, 0)} ms to "running at" (not in the figures below)`);
    console.log('');
    console.log(
      table(
        ['run', 'npm start ms', 'health 200 ms', 'in main.ts ms', 'stop ms', 'direct ms', 'node+tsx ms', 'node ms'],
        runs.map((r, i) => [
          String(i + 1),
          fmtMs(r.start.readyMs, 0),
          fmtMs(r.start.healthMs, 0),
          fmtMs(r.start.inMainMs, 0),
          fmtMs(r.start.stopMs, 0),
          fmtMs(r.direct.readyMs, 0),
          fmtMs(r.tsx, 0),
          fmtMs(r.node, 0),
        ]),
      ),
    );
    console.log('');
    console.log(
      table(
        ['ms', 'min', 'median', 'max'],
        [
          summary('npm start → "running at"', ready),
          summary('npm start → health 200', col((r) => r.start.healthMs)),
          summary('  of which in main.ts ("started in")', col((r) => r.start.inMainMs)),
          summary('npm start: SIGTERM → all processes gone', col((r) => r.start.stopMs)),
          summary(`${DIRECT.label} → "running at"`, col((r) => r.direct.readyMs)),
          summary('node --import tsx -e 0', col((r) => r.tsx)),
          summary('node -e 0', col((r) => r.node)),
        ],
      ),
    );
    console.log('');
    console.log(`  ratio npm start ("running at") / node --import tsx -e 0: ${fmtRatio(median(ratios))} (median of per-run ratios)`);
    console.log(
      `  ratio npm start / ${DIRECT.label} (the npm, sh and tsx CLI wrappers): ` +
        `${fmtRatio(median(runs.map((r) => r.start.readyMs / r.direct.readyMs)))}`,
    );
    console.log(
      `  aim: "running at" under ${AIM_MS / 1000} s — median ${(med / 1000).toFixed(2)} s: ` +
        `${med < AIM_MS ? 'met' : 'NOT met'} on this machine (information, not a test)`,
    );
    // "in main.ts" counts from main.ts's first line: after every import has loaded.
    console.log('  ("in main.ts": from main.ts\'s first line, once its imports are loaded, to listening; "direct": no npm, sh or tsx CLI)');
  },
};
