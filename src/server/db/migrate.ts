import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileMigrationProvider, Migrator } from 'kysely/migration';
import type { Db } from './index.ts';
<<<<<<< HEAD

/**
 * db/migrations, read when migrating. Only Node (scripts/prepare-db.ts, run by `npm start` and the test
 * server) and Vitest run the migrator; the built server never imports it, so the folder is not bundled.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../db/migrations/', import.meta.url));
=======
import * as m0001 from '../../../db/migrations/0001_foundation.ts';
import * as m0002 from '../../../db/migrations/0002_catalog.ts';
import * as m0003 from '../../../db/migrations/0003_orders.ts';
import * as m0004 from '../../../db/migrations/0004_catalog_more.ts';
import * as m0005 from '../../../db/migrations/0005_order_replay.ts';
import * as m0006 from '../../../db/migrations/0006_stripe.ts';
import * as m0008 from '../../../db/migrations/0008_brand.ts';
import * as m0009 from '../../../db/migrations/0009_order_holds.ts';
import * as m0010 from '../../../db/migrations/0010_reset_notice.ts';
import * as m0020 from '../../../db/migrations/0020_ledger.ts';
import * as m0023 from '../../../db/migrations/0023_reports.ts';

/** Migrations are imported statically so the same list works in the server bundle and in plain Node. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_catalog': m0002,
  '0003_orders': m0003,
  '0004_catalog_more': m0004,
  '0005_order_replay': m0005,
  '0006_stripe': m0006,
  '0008_brand': m0008,
  '0009_order_holds': m0009,
  '0010_reset_notice': m0010,
  '0020_ledger': m0020,
  '0023_reports': m0023,
};
>>>>>>> h14

/** Every module in the folder, named by its file name without extension; Kysely applies them in name order. */
function folderProvider(folder: string) {
  return new FileMigrationProvider({
    fs, path, migrationFolder: folder,
    import: (file) => import(pathToFileURL(file).href),
    // A .ts file without `up` is a mistake, not something to skip silently.
    onFileIgnored: (file, reason) => {
      if (reason === 'NotMigration') throw new Error(`${path.join(folder, file)} exports no up() migration`);
    },
  });
}

export async function migrateToLatest(database: Db, folder = MIGRATIONS_DIR): Promise<string[]> {
  // Branches add migrations independently; none depends on another's order beyond 0001.
  const migrator = new Migrator({ db: database, provider: folderProvider(folder), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
