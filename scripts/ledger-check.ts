/**
 * npm run ledger:check — verifies every shop's books (src/server/ledger/check-ledger.ts) against the
 * database the app is configured for (SQLITE_PATH or DATABASE_URL); exits 1 on any break.
 */
import { db, closeDb } from '../src/server/db/index.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { checkAllLedgers } from '../src/server/ledger/check-all-ledgers.ts';

await migrateToLatest(db());
const { shops, problems } = await checkAllLedgers();
await closeDb();
for (const p of problems) console.error(`[ledger] shop ${p.shopId}: ${p.kind} — ${p.detail}`);
if (problems.length) {
  console.error(`[ledger] ${problems.length} problem(s) in ${shops} shop(s)`);
  process.exit(1);
}
console.log(`[ledger] ${shops} shop(s) checked: every entry balances, totals match postings, stock matches its movements`);
