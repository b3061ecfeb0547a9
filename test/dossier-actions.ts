/** Taking workflow actions through the API in tests, and counting rows to prove nothing was written. */
import { sql } from 'drizzle-orm';
import type { Dossier } from '../contracts/dossiers.js';
import type { Client, TestApp } from './harness.js';

export type ActAnswer = { status: number; body: Dossier & { error?: { code: string; details?: Record<string, unknown> } } };

/** POST …/actions/{action} with the version the officer saw; the answer, whatever its status. */
export async function act(who: Client, d: { code: string; version: number }, action: string, body: Record<string, unknown> = {}): Promise<ActAnswer> {
  const res = await who.request('POST', `/api/v1/dossiers/${d.code}/actions/${action}`, { version: d.version, ...body });
  return { status: res.status, body: res.json() as ActAnswer['body'] };
}

/** As `act`, and throws unless it answered 200: the dossier after the action. */
export async function ok(who: Client, d: { code: string; version: number }, action: string, body: Record<string, unknown> = {}): Promise<Dossier> {
  const r = await act(who, d, action, body);
  if (r.status !== 200) throw new Error(`${action}: ${String(r.status)} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Rows in a table of the test app's database (a name from the test itself, never from input). */
export async function countRows(t: TestApp, table: string): Promise<number> {
  const r = await t.db.db.execute<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
  return r.rows[0]?.n ?? 0;
}
