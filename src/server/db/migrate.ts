import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Db } from './index.ts';
import * as m0001 from '../../../db/migrations/0001_foundation.ts';
import * as m0002 from '../../../db/migrations/0002_catalog.ts';
import * as m0003 from '../../../db/migrations/0003_orders.ts';
import * as m0008 from '../../../db/migrations/0008_brand.ts';

/** Migrations are imported statically so the same list works in the server bundle and in plain Node. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_catalog': m0002,
  '0003_orders': m0003,
  '0008_brand': m0008,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(database: Db): Promise<string[]> {
  const migrator = new Migrator({ db: database, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
