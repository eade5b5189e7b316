import { db, closeDb } from '../src/server/db/index.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { addDemoCatalog } from '../db/demo-catalog.ts';

/** `node scripts/demo-catalog.ts [shopSlug] [count]`: fill a demo shop with products and photos (same DATA_DIR/DATABASE_URL as the server). */
const [slug = 'hk05', count = '40'] = process.argv.slice(2);
await migrateToLatest(db());
const r = await addDemoCatalog(db(), { shopSlug: slug, count: Number(count) });
console.log(`[etalase] ${slug}: added ${r.added} products (shop ${r.shopId}); photos for all`);
await closeDb();
