/**
 * `npm run audit:verify` — recomputes the audit log's hash chain and says
 * whether it is intact. Exit code 0 when intact, 1 when broken, 2 on error.
 * Uses DATABASE_URL, or starts the embedded PostgreSQL of MOTCUA_DATA_DIR.
 * Keep the printed head hash somewhere else (a signed report, a ticket): a
 * later run that no longer reaches it shows that the newest rows were removed.
 */
import { loadConfig } from '../server/config.js';
import { startDatabase } from '../server/db/start.js';
import { verifyAuditChain } from '../server/modules/audit/service.js';

const database = await startDatabase(loadConfig());
let code = 2;
try {
  const report = await verifyAuditChain(database.db);
  if (report.ok) {
    process.stdout.write(`audit log intact: ${report.rows} rows; head ${report.head ?? '(empty)'}\n`);
    code = 0;
  } else {
    process.stdout.write(`AUDIT LOG BROKEN at seq ${report.brokenAtSeq} (${report.reason}); ${report.rows} rows verified before it\n`);
    code = 1;
  }
} catch (err) {
  process.stderr.write(`audit:verify failed: ${String(err)}\n`);
} finally {
  await database.shutdown();
}
process.exit(code);
