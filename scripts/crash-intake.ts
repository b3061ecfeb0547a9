/**
 * `npm run crash:intake`: no acknowledged intake is lost, none is duplicated,
 * when the server dies in the middle of them.
 *
 * 1. Starts the real server (`node --import tsx server/main.ts`, the process
 *    `npm start` runs) on a fresh data directory (embedded PostgreSQL), the API
 *    only; sets up a ward, a counter and a receptionist over the API.
 * 2. Fires CRASH_INTAKES (1,000) intakes at once, each with an Idempotency-Key
 *    of its own (also written in the dossier's note, so that the database can
 *    be checked per key), and `kill -9`s the server's whole process group —
 *    the Node process and its PostgreSQL, as a power cut or the OOM killer
 *    would — once CRASH_AFTER (100) of them have been acknowledged (201).
 *    (Answers lag commits: at 100 answered, some hundreds have committed and
 *    the rest are in flight, which is what the check is about.)
 * 3. Restarts the server on the same data directory (PostgreSQL recovers from
 *    its write-ahead log) and compares the acknowledged codes with the
 *    database: lost (acknowledged, missing) and duplicated (a key with more
 *    than one dossier, a code twice, an acknowledged code under another key)
 *    must both be 0.
 * 4. Sends every unacknowledged intake again with the same key and body (201:
 *    created now; 200: it had been committed, its answer lost in the crash),
 *    and again a sample of acknowledged ones (200, same code), then checks
 *    again: one dossier per key, nothing else; and the audit chain.
 *
 * Exit code 0 when all holds, 1 otherwise. Everything it starts is stopped and
 * its directory removed at the end, also on failure or Ctrl-C.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../server/db/schema.js';
import { verifyAuditChain } from '../server/modules/audit/service.js';
import { adminSession, call, createCounter, createUnit, officerSession, type Session } from '../bench/lib/api.js';
import { groupAlive, outputOf, processesWith, spawnGroup } from '../bench/lib/process.js';
import { envInt, fmtInt, freePort, onCleanup, runCleanups, table, tempDir, waitFor } from '../bench/lib/util.js';

const INTAKES = envInt('CRASH_INTAKES', 1_000, 10, 10_000);
const CRASH_AFTER = envInt('CRASH_AFTER', 100, 1, 10_000);
const START_TIMEOUT_MS = 120_000;
const WARD = 'H55.242';
const ADMIN_PASSWORD = `Crash-${randomBytes(12).toString('base64url')}`;

const say = (line: string) => console.log(`  · ${line}`);

function intakeBody(i: number, key: string) {
  return {
    procedureCode: '1.000893',
    counterCode: 'Q1',
    applicant: {
      kind: 'person',
      fullName: `Nguyễn Thị Thử ${i}`,
      idNumber: `0011900${String(i).padStart(5, '0')}`,
      birthDate: '1990-05-17',
      address: 'Số 5 ngõ 12 phố Huế, Hà Nội',
    },
    documents: [
      { index: 0, received: true, form: 'original', count: 1 },
      { index: 1, received: true, form: 'original', count: 1 },
    ],
    outcome: 'accepted',
    note: key,
  };
}

type Server = { base: string; pgid: number };

/** `node --import tsx server/main.ts` on `dataDir`, in a process group of its own; resolves once it listens. */
async function startServer(dataDir: string, pgPort: number): Promise<Server> {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    MOTCUA_DATA_DIR: dataDir,
    PORT: String(port),
    MOTCUA_EMBEDDED_PG_PORT: String(pgPort),
    MOTCUA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    MOTCUA_SERVE_WEB: 'false',
    LOG_LEVEL: 'warn',
  };
  const { child, pgid } = spawnGroup(process.execPath, ['--import', 'tsx', 'server/main.ts'], env);
  await outputOf(child).waitFor('running at', START_TIMEOUT_MS);
  return { base: `http://127.0.0.1:${port}`, pgid };
}

type Sent = { i: number; key: string; status: number | 'error'; code?: string };

async function intake(base: string, session: Session, i: number, key: string): Promise<Sent> {
  try {
    const reply = await call(base, 'POST', '/api/v1/dossiers', { ...session, body: intakeBody(i, key), headers: { 'idempotency-key': key } });
    return { i, key, status: reply.status, code: (reply.body as { dossier?: { code: string } } | null)?.dossier?.code };
  } catch {
    return { i, key, status: 'error' };
  }
}

/** The dossiers the receptionist created, with the key each carries in its note. */
async function dossiersInDatabase(client: pg.Client, staffId: string): Promise<{ code: string; key: string }[]> {
  return (await client.query<{ code: string; key: string }>('SELECT code, note AS key FROM dossiers WHERE created_by = $1', [staffId])).rows;
}

type Check = { inDatabase: number; lost: string[]; duplicated: string[]; missingKeys: number };

/** Lost: acknowledged, not in the database. Duplicated: a key twice, a code twice, an acknowledged code under another key. */
function compare(acknowledged: readonly Sent[], rows: readonly { code: string; key: string }[], keys: readonly string[]): Check {
  const byCode = new Map<string, string[]>();
  const byKey = new Map<string, number>();
  for (const r of rows) {
    byCode.set(r.code, [...(byCode.get(r.code) ?? []), r.key]);
    byKey.set(r.key, (byKey.get(r.key) ?? 0) + 1);
  }
  const lost = acknowledged.filter((a) => a.code === undefined || !byCode.has(a.code)).map((a) => a.code ?? `(no code, key ${a.key})`);
  const duplicated = [
    ...[...byKey].filter(([, n]) => n > 1).map(([key, n]) => `key ${key}: ${n} dossiers`),
    ...[...byCode].filter(([, ks]) => ks.length > 1).map(([code]) => `code ${code} twice`),
    ...acknowledged.filter((a) => a.code !== undefined && byCode.get(a.code)?.[0] !== undefined && byCode.get(a.code)?.[0] !== a.key).map((a) => `code ${a.code} under another key`),
  ];
  return { inDatabase: rows.length, lost, duplicated, missingKeys: keys.filter((k) => !byKey.has(k)).length };
}

/** Runs `work` over items with at most `limit` at once. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let k = next++; k < items.length; k = next++) out[k] = await work(items[k] as T);
    }),
  );
  return out;
}

const count = (sent: readonly Sent[], status: Sent['status']) => sent.filter((s) => s.status === status).length;

async function main(): Promise<boolean> {
  const began = performance.now();
  const dataDir = tempDir('motcua-crash-');
  const pgPort = await freePort();
  console.log(`crash:intake — ${INTAKES} concurrent intakes, kill -9 after ${CRASH_AFTER} acknowledged, restart, compare`);

  say('starting the server on a fresh data directory…');
  let server = await startServer(dataDir, pgPort);
  const admin = await adminSession(server.base, ADMIN_PASSWORD);
  const wardId = await createUnit(server.base, admin, { code: WARD, name: 'Ủy ban nhân dân phường Hoàn Kiếm', kind: 'ward', parentId: admin.rootUnitId });
  await createCounter(server.base, admin, wardId, 'Q1');
  const reception = await officerSession(server.base, admin, { username: 'crash.reception', fullName: 'Trần Văn Tiếp', unitId: wardId, roles: [{ role: 'receptionist', unitId: wardId }] });

  // ------------------------------------------------------------ the crash

  const keys = Array.from({ length: INTAKES }, (_, i) => `crash-${String(i).padStart(5, '0')}`);
  const crashed = server;
  let acked = 0;
  let killedAt: number | undefined;
  say(`firing ${fmtInt(INTAKES)} intakes at once…`);
  const t0 = performance.now();
  const first = await Promise.all(
    keys.map(async (key, i) => {
      const sent = await intake(crashed.base, reception, i, key);
      if (sent.status === 201 && ++acked >= CRASH_AFTER && killedAt === undefined) {
        killedAt = performance.now() - t0;
        process.kill(-crashed.pgid, 'SIGKILL');
      }
      return sent;
    }),
  );
  if (killedAt === undefined) throw new Error(`only ${acked} intakes were acknowledged: the server was never killed (lower CRASH_AFTER)`);
  // Whatever of the group outlived the signal (PostgreSQL in another group) gets the same end.
  for (const pid of processesWith(dataDir)) process.kill(pid, 'SIGKILL');
  await waitFor(() => !groupAlive(crashed.pgid) && processesWith(dataDir).length === 0, 10_000, 'the killed processes to be gone');
  const acknowledged = first.filter((s) => s.status === 201);
  const other = first.filter((s) => s.status !== 201 && s.status !== 'error');
  say(`killed (SIGKILL to the process group) ${(killedAt / 1000).toFixed(1)} s in, at ${fmtInt(acked)} acknowledged; ${fmtInt(count(first, 'error'))} requests cut off`);

  // ------------------------------------------------------------ after the restart

  say('restarting on the same data directory…');
  const restartAt = performance.now();
  server = await startServer(dataDir, pgPort);
  say(`listening again after ${((performance.now() - restartAt) / 1000).toFixed(1)} s`);
  const password = readFileSync(join(dataDir, 'pg-password'), 'utf8').trim();
  const client = new pg.Client({ host: '127.0.0.1', port: pgPort, user: 'motcua', password, database: 'motcua' });
  await client.connect();
  onCleanup('close the database connection', () => client.end());

  const afterCrash = compare(acknowledged, await dossiersInDatabase(client, reception.staffId), keys);

  // The session lives in the database: it survived the crash, as a browser's would.
  const unacknowledged = first.filter((s) => s.status !== 201);
  say(`retrying the ${fmtInt(unacknowledged.length)} unacknowledged intakes with the same keys…`);
  const retried = await pool(unacknowledged, 50, (s) => intake(server.base, reception, s.i, s.key));
  const sampleAcked = acknowledged.slice(0, 50);
  const replayed = await pool(sampleAcked, 50, (s) => intake(server.base, reception, s.i, s.key));
  const replayMismatch = replayed.filter((r, k) => r.status !== 200 || r.code !== sampleAcked[k]?.code).length;
  const answered = [...acknowledged, ...retried.filter((r) => r.status === 201 || r.status === 200)];
  const final = compare(answered, await dossiersInDatabase(client, reception.staffId), keys);
  const chain = await verifyAuditChain(drizzle(client, { schema }));

  // ------------------------------------------------------------ report

  console.log('');
  console.log(
    table(
      ['after the crash', 'count'],
      [
        ['intakes sent', fmtInt(INTAKES)],
        ['acknowledged (201) before the kill', fmtInt(acknowledged.length)],
        ['other answers before the kill', fmtInt(other.length)],
        ['cut off (no answer)', fmtInt(count(first, 'error'))],
        ['dossiers in the database after restart', fmtInt(afterCrash.inDatabase)],
        ['  of them committed, answer lost', fmtInt(afterCrash.inDatabase - acknowledged.length)],
        ['lost (acknowledged, missing) — must be 0', fmtInt(afterCrash.lost.length)],
        ['duplicated — must be 0', fmtInt(afterCrash.duplicated.length)],
      ],
    ),
  );
  console.log('');
  console.log(
    table(
      ['retries after restart (same keys)', 'count'],
      [
        ['unacknowledged sent again', fmtInt(retried.length)],
        ['  201 created now', fmtInt(count(retried, 201))],
        ['  200 already there (committed before the crash)', fmtInt(count(retried, 200))],
        ['  other answers or errors', fmtInt(retried.length - count(retried, 201) - count(retried, 200))],
        ['acknowledged sent again', fmtInt(replayed.length)],
        ['  not 200 with the same code', fmtInt(replayMismatch)],
        ['  their answers', JSON.stringify(Object.fromEntries(['201', '200', 'error'].map((st) => [st, replayed.filter((r) => String(r.status) === st).length])))],
        ['dossiers in the database', fmtInt(final.inDatabase)],
        ['keys without a dossier', fmtInt(final.missingKeys)],
        ['lost — must be 0', fmtInt(final.lost.length)],
        ['duplicated — must be 0', fmtInt(final.duplicated.length)],
      ],
    ),
  );
  console.log('');
  if (afterCrash.inDatabase === INTAKES) console.log('  note: every intake had committed before the kill, so none was in flight: lower CRASH_AFTER for a harder check');
  console.log(`  audit chain: ${chain.ok ? `intact over ${fmtInt(chain.rows)} rows` : `BROKEN at seq ${chain.brokenAtSeq} (${chain.reason})`}`);
  for (const line of [...final.lost, ...final.duplicated].slice(0, 10)) console.log(`  ✗ ${line}`);

  const ok =
    afterCrash.lost.length === 0 &&
    afterCrash.duplicated.length === 0 &&
    final.lost.length === 0 &&
    final.duplicated.length === 0 &&
    final.missingKeys === 0 &&
    final.inDatabase === INTAKES &&
    replayMismatch === 0 &&
    chain.ok;
  console.log('');
  console.log(`${ok ? '✓' : '✗'} crash:intake ${ok ? 'passed' : 'FAILED'} in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  return ok;
}

/** When a signal first came; npm and tsx may each relay the same one, so a repeat within a second is ignored. */
let interruptedAt: number | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interruptedAt !== undefined) {
      if (performance.now() - interruptedAt > 1_000) process.exit(130);
      return;
    }
    interruptedAt = performance.now();
    console.error(`\n${signal}: cleaning up…`);
    void runCleanups().finally(() => process.exit(130));
  });
}

main().then(
  async (ok) => {
    await runCleanups();
    process.exit(ok ? 0 : 1);
  },
  async (err: unknown) => {
    console.error(`✗ crash:intake failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    await runCleanups();
    process.exit(1);
  },
);
