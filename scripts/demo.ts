/**
 * `npm run demo`: starts the server as `npm start` does, with demo data — a
 * province, two commune-level units, a service centre with counters and one
 * staff account per role (scripts/demo-data.ts) — and prints the demo accounts
 * with their passwords.
 *
 * Usage:
 *   npm run demo
 *   MOTCUA_DATA_DIR=/tmp/motcua-demo PORT=3100 npm run demo
 *
 * Decisions:
 * - the data directory defaults to ./data-demo, not ./data, so the demo never
 *   writes into the data of a normal start; MOTCUA_DATA_DIR overrides it;
 *   DATABASE_URL, when set, is used as by `npm start` (and the demo data goes
 *   into that database); refused when NODE_ENV=production;
 * - on an empty database the root unit is the demo province
 *   (MOTCUA_ROOT_UNIT_CODE/NAME override it); the bootstrap admin is created
 *   and printed once as on a normal first start;
 * - the demo data is loaded before the server listens, so the printed URL never
 *   shows a half-loaded demo; re-runs keep what exists (see demo-data.ts);
 * - start-up, the banner and the ordered shutdown are `npm start`'s own
 *   (server/serve.ts); the demo data comes in through its `prepare` step.
 */
import pino from 'pino';
import { loadConfig, type Config } from '../server/config.js';
import type { ServiceContext } from '../server/http/context.js';
import { serve } from '../server/serve.js';
import { DEMO_ROOT_UNIT, loadDemoData, type DemoData } from './demo-data.js';

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length))) ?? [];
  return rows.map((r) => '    ' + r.map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)).join('  ').trimEnd());
}

function describeDemo(config: Config, demo: DemoData): string[] {
  const lines = [
    '',
    `  Demo data${demo.created === 0 ? ' (already loaded)' : ''}:`,
    `    province: ${demo.province.name}`,
    `    communes: ${demo.communes.map((u) => u.name).join(', ')}`,
    `    service centre: ${demo.centre.name} — ${demo.counters.map((c) => c.name).join(', ')}`,
    `    signing certificates: self-signed test certificates for every demo unit${demo.certificates === 0 ? '' : ` (${String(demo.certificates)} made now)`} — for trying the sign action, never for real documents`,
    '',
    '  Demo accounts:',
    ...table([
      ['username', 'role', 'unit', 'password'],
      ...demo.accounts.map((a) => [a.username, a.role, a.unitName, a.password ?? '(unchanged)']),
    ]),
    '',
  ];
  if (demo.accounts.some((a) => a.password === null)) {
    lines.push(
      '  (unchanged): the account existed already and keeps its password, shown when it was created.',
      `  To start over with new passwords, stop the demo and delete ${config.databaseUrl ? 'the demo data' : config.dataDir}.`,
    );
  }
  if (demo.accounts.some((a) => a.password !== null)) {
    lines.push('  These passwords are shown only once.');
  }
  lines.push('  admin and leader accounts enrol a TOTP authenticator at their first sign-in.');
  return lines;
}

const config = loadConfig({
  ...process.env,
  MOTCUA_DATA_DIR: process.env.MOTCUA_DATA_DIR ?? './data-demo',
  MOTCUA_ROOT_UNIT_CODE: process.env.MOTCUA_ROOT_UNIT_CODE ?? DEMO_ROOT_UNIT.code,
  MOTCUA_ROOT_UNIT_NAME: process.env.MOTCUA_ROOT_UNIT_NAME ?? DEMO_ROOT_UNIT.name,
});

try {
  if (config.production) throw new Error('npm run demo refuses to run with NODE_ENV=production');
  await serve(config, {
    label: 'demo',
    prepare: async (deps) => {
      const ctx: ServiceContext = { database: deps.database, clock: deps.clock, actor: { kind: 'system' }, ip: null };
      return describeDemo(config, await loadDemoData(ctx, deps));
    },
  });
} catch (err) {
  pino().fatal({ err }, 'demo start-up failed');
  process.exit(1);
}
