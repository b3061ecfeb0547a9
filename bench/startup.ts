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
import { groupAlive, serverPid, spawnGroup, STOP_TIMEOUT_MS } from './lib/process.js';
import { envInt, fmtMs, fmtRatio, freePort, log, median, sleep, table, tempDir, waitFor, type Benchmark } from './lib/util.js';

const RUNS = envInt('BENCH_STARTUP_RUNS', 5, 1, 20);
const AIM_MS = 3_000;
const START_TIMEOUT_MS = 90_000;

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
