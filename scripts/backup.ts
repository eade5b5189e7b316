/**
 * npm run backup [-- <folder>] — an online, consistent backup of the configured database (SQLite backup API,
 * or pg_dump with DATABASE_URL) together with DATA_DIR's stored files, into <folder> (default
 * backups/etalase-<time>); safe while the server runs. `npm run restore -- <folder>` brings both back.
 */
import path from 'node:path';
import { backupTo } from '../src/server/db/backup.ts';

const arg = process.argv[2];
const dir = path.resolve(
  arg ?? path.join(process.env.BACKUP_DIR ?? 'backups', `etalase-${new Date().toISOString().replace(/[:.]/g, '-')}`),
);
try {
  const m = await backupTo(dir);
  const bytes = m.files.reduce((s, f) => s + f.bytes, m.database.bytes);
  console.log(`[backup] ${m.dialect} database and ${m.files.length} file(s), ${(bytes / 1e6).toFixed(1)} MB, in ${dir}`);
} catch (e) {
  console.error(`[backup] failed: ${(e as Error).message}`);
  process.exit(1);
}
