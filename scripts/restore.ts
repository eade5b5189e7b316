/**
 * npm run restore -- <folder> [--yes] — replaces the configured database and DATA_DIR's stored files with a
 * backup made by `npm run backup`, after checking every file against the backup's manifest. Stop the
 * server first. Replacing an existing database needs --yes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { restoreFrom } from '../src/server/db/backup.ts';
import { config } from '../src/server/config.ts';

const args = process.argv.slice(2);
const dirArg = args.find((a) => !a.startsWith('--'));
if (!dirArg) {
  console.error('[restore] usage: npm run restore -- <backup folder> [--yes]');
  process.exit(2);
}
const { databaseUrl, sqlitePath } = config();
if (!args.includes('--yes') && (databaseUrl || fs.existsSync(sqlitePath))) {
  console.error(
    `[restore] this replaces ${databaseUrl ? 'the PostgreSQL database' : sqlitePath} and the stored files; run again with --yes`,
  );
  process.exit(2);
}
try {
  const m = await restoreFrom(path.resolve(dirArg));
  console.log(`[restore] ${m.dialect} database of ${m.createdAt} and ${m.files.length} file(s) restored`);
} catch (e) {
  console.error(`[restore] failed: ${(e as Error).message}`);
  process.exit(1);
}
