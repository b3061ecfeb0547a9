/**
 * `npm run bench`: runs the benchmarks in order and prints their tables.
 * `npm run bench -- startup` runs only the named ones; `province` runs only
 * when named (it needs a generated database, see bench/generate-province.ts). Every benchmark cleans
 * up (processes, temporary directories) before the next one starts, also when
 * it fails; Ctrl-C cleans up too. Nothing here asserts a speed: the figures
 * and their ratios are printed for people to read (see bench/README.md).
 */
import { cpus, loadavg } from 'node:os';
import { apiRead } from './api-read.js';
import { catalogSearch } from './catalog-search.js';
import { documentsBench } from './documents.js';
import { dossiersBench } from './dossiers.js';
import { dueDateBench } from './due-date.js';
import { portalBench } from './portal.js';
import { provinceBench } from './province.js';
import { runCleanups, type Benchmark } from './lib/util.js';
import { startup } from './startup.js';

const ALL: Benchmark[] = [apiRead, catalogSearch, startup, dueDateBench, documentsBench, dossiersBench, portalBench];
/** Run only when named: `province` needs a database generated beforehand (npm run bench:generate). */
const ON_REQUEST: Benchmark[] = [provinceBench];

/** Set on Ctrl-C (or SIGTERM): clean up, run nothing more, exit 130. */
let interrupted = false;

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((a) => a !== '--');
  const known = [...ALL, ...ON_REQUEST];
  const unknown = wanted.filter((w) => !known.some((b) => b.name === w));
  if (unknown.length > 0) {
    console.error(`unknown benchmark: ${unknown.join(', ')} (known: ${known.map((b) => b.name).join(', ')})`);
    return 2;
  }
  const selected = wanted.length === 0 ? ALL : known.filter((b) => wanted.includes(b.name));

  const cpu = cpus();
  console.log(`Motcua benchmarks — ${new Date().toISOString()}`);
  console.log(
    `  node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log('  Absolute numbers depend on the machine and its other load: compare the ratios, taken within this run.');

  const began = performance.now();
  let failed = 0;
  for (const bench of selected) {
    if (interrupted) break;
    console.log('');
    console.log(`▶ ${bench.name}: ${bench.title}`);
    const t0 = performance.now();
    try {
      await bench.run();
      console.log(`  (${bench.name} took ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (err) {
      failed += 1;
      if (interrupted) continue; // the failure is the interruption itself
      console.error(`✗ ${bench.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    } finally {
      await runCleanups();
    }
  }
  console.log('');
  console.log(`${selected.length - failed} of ${selected.length} benchmarks ran in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  return failed > 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${signal}: cleaning up…`);
    void runCleanups().finally(() => process.exit(130));
  });
}

main().then(
  (code) => process.exit(code),
  async (err: unknown) => {
    console.error(err);
    await runCleanups();
    process.exit(1);
  },
);
