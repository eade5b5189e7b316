import fs from 'node:fs';
import path from 'node:path';
import { db, closeDb, dialect } from '../src/server/db/index.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { config, resetConfig } from '../src/server/config.ts';
import { seedDemo, type DemoCredentials } from '../db/seed.ts';

/**
 * Migrate, then seed the demo program on first run only. Returns the demo credentials when it seeded. With
 * DATABASE_OWNER_URL (PostgreSQL, the app connecting as a role of its own under row-level security) both run as
 * the owner, and DATABASE_URL is the app's again afterwards.
 */
export async function prepareDatabase(opts: { seed?: boolean; log?: boolean } = {}): Promise<DemoCredentials[] | null> {
  const ownerUrl = process.env.DATABASE_OWNER_URL;
  const appUrl = process.env.DATABASE_URL;
  if (!ownerUrl || ownerUrl === appUrl) return prepare(opts);
  process.env.DATABASE_URL = ownerUrl;
  resetConfig();
  try {
    return await prepare(opts);
  } finally {
    process.env.DATABASE_URL = appUrl;
    resetConfig();
  }
}

async function prepare(opts: { seed?: boolean; log?: boolean }): Promise<DemoCredentials[] | null> {
  const log = opts.log ?? true;
  const applied = await migrateToLatest(db());
  if (log && applied.length) console.log(`[etalase] ${dialect()}: applied migrations ${applied.join(', ')}`);
  let creds: DemoCredentials[] | null = null;
  if (opts.seed ?? true) {
    creds = await seedDemo(db(), { password: process.env.DEMO_PASSWORD || undefined, history: process.env.ETALASE_SEED_HISTORY !== '0' });
    if (creds && log) {
      const lines = creds.map((c) => `  ${c.role.padEnd(8)} ${c.email.padEnd(24)} ${c.phone}  password: ${c.password}`);
      const text = `Demo accounts (sign in at ${config().publicUrl}/masuk with the email or phone number):\n${lines.join('\n')}\n`;
      console.log(`\n[etalase] Seeded the demo program "OVOP Kabupaten Gowa".\n${text}`);
      fs.mkdirSync(config().dataDir, { recursive: true });
      fs.writeFileSync(path.join(config().dataDir, 'demo-credentials.txt'), text, { mode: 0o600 });
      console.log(`[etalase] (also written to ${path.join(config().dataDir, 'demo-credentials.txt')})\n`);
    }
  }
  await closeDb();
  return creds;
}
