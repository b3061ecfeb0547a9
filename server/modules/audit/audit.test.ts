import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../../test/harness.js';
import { recordAudit, verifyAuditChain } from './service.js';

let t: TestApp;

beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

describe('audit log', () => {
  it('chains every row to the previous one, so the chain verifies', async () => {
    const ctx = t.systemCtx();
    for (let i = 0; i < 5; i += 1) await recordAudit(t.db.db, ctx, { action: 'test.event', objectType: 'thing', objectId: String(i), details: { i, note: 'Đăng ký khai sinh' } });
    const report = await verifyAuditChain(t.db.db);
    expect(report.ok).toBe(true);
    if (report.ok) {
      expect(report.rows).toBeGreaterThanOrEqual(5);
      expect(report.head).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('keeps the chain intact when many transactions append at once', async () => {
    const ctx = t.systemCtx();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.db.db.transaction(async (tx) => {
          await recordAudit(tx, ctx, { action: 'test.concurrent', objectId: String(i) });
          await recordAudit(tx, ctx, { action: 'test.concurrent', objectId: `${i}b` });
        }),
      ),
    );
    expect((await verifyAuditChain(t.db.db)).ok).toBe(true);
    expect((await verifyAuditChain(t.db.db, 7)).ok).toBe(true); // across batch boundaries
    const seqs = await t.db.pool.query(`SELECT count(*)::int AS n, max(seq)::int AS max FROM audit_log`);
    expect(seqs.rows[0].n).toBe(seqs.rows[0].max);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await expect(t.db.pool.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.db.pool.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.pool.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('detects a row edited behind the triggers’ back, and where', async () => {
    const client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    try {
      // A superuser can switch triggers off; the chain still tells.
      await client.query(`SET session_replication_role = replica`);
      await client.query(`UPDATE audit_log SET details = '{"i": 99}' WHERE seq = 3`);
      const report = await verifyAuditChain(t.db.db);
      expect(report).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'hash_mismatch' });

      await client.query(`DELETE FROM audit_log WHERE seq = 3`);
      const afterDelete = await verifyAuditChain(t.db.db);
      expect(afterDelete).toMatchObject({ ok: false, brokenAtSeq: 3, reason: 'sequence_gap' });
    } finally {
      await client.end();
    }
  });
});
