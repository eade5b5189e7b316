import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileMigrationProvider, Migrator } from 'kysely/migration';
import { PostgresAdapter } from 'kysely';
import type { Db } from './index.ts';
import { ensureShopIsolation } from './row-security.ts';

/**
 * db/migrations, read when migrating. Only Node (scripts/prepare-db.ts, run by `npm start` and the test
 * server) and Vitest run the migrator; the built server never imports it, so the folder is not bundled.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../db/migrations/', import.meta.url));

/** Every module in the folder, named by its file name without extension; Kysely applies them in name order. */
function folderProvider(folder: string) {
  return new FileMigrationProvider({
    fs,
    path,
    migrationFolder: folder,
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
  // A shop table added by a later migration gets the shop_isolation policy too (0058 did it for the tables then).
  if (database.getExecutor().adapter instanceof PostgresAdapter) await ensureShopIsolation(database);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
