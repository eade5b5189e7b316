import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { config } from '../config.ts';

/**
 * Online backup of the database together with the files the app stored under DATA_DIR (uploaded media and
 * staged marketplace imports), and the restore of both. SQLite goes through its backup API, so a copy taken
 * while the server writes is consistent; PostgreSQL through pg_dump (one snapshot). The database is copied
 * before the files: files are written before the rows that name them and are never rewritten under the same
 * key, so every file the copied database refers to already exists when the files are copied.
 */
export const BACKUP_FORMAT = 1;
const FILE_TREES = ['media', 'imports'] as const;

export interface BackupManifest {
  format: number;
  createdAt: string;
  dialect: 'sqlite' | 'postgres';
  database: { file: string; bytes: number; sha256: string };
  files: { path: string; bytes: number; sha256: string }[];
}

const require = createRequire(import.meta.url);

function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function walk(root: string, rel = ''): string[] {
  const dir = path.join(root, rel);
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(root, r));
    // A half-written upload (LocalStorage writes `name.<pid>.tmp`, then renames) is not a stored file.
    else if (e.isFile() && !e.name.endsWith('.tmp')) out.push(r);
  }
  return out.sort();
}

/** pg_dump/pg_restore from PATH, or from the newest PostgreSQL in /usr/lib/postgresql (Debian puts them there). */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return path.join(fromEnv, name);
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const p = path.join(base, v, 'bin', name);
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`${name} not found: install the PostgreSQL client or set PG_BIN`);
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${path.basename(cmd)} failed: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' ')}`);
}

export async function backupTo(dir: string): Promise<BackupManifest> {
  const { databaseUrl, sqlitePath, dataDir } = config();
  if (fs.existsSync(dir) && fs.readdirSync(dir).length) throw new Error(`${dir} is not empty`);
  fs.mkdirSync(dir, { recursive: true });
  let dbFile: string;
  if (databaseUrl) {
    dbFile = 'database.pgdump';
    run(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${path.join(dir, dbFile)}`, databaseUrl]);
  } else {
    if (!fs.existsSync(sqlitePath)) throw new Error(`no database at ${sqlitePath}`);
    dbFile = 'etalase.sqlite';
    const Sqlite = require('better-sqlite3') as typeof import('better-sqlite3');
    const source = new Sqlite(sqlitePath, { fileMustExist: true });
    try {
      source.pragma('busy_timeout = 5000');
      await source.backup(path.join(dir, dbFile));
    } finally {
      source.close();
    }
  }
  const files: BackupManifest['files'] = [];
  for (const tree of FILE_TREES) {
    for (const rel of walk(path.join(dataDir, tree))) {
      const from = path.join(dataDir, tree, rel);
      const to = path.join(dir, tree, rel);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(from, to);
      files.push({ path: `${tree}/${rel}`, bytes: fs.statSync(to).size, sha256: sha256File(to) });
    }
  }
  const dbPath = path.join(dir, dbFile);
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    dialect: databaseUrl ? 'postgres' : 'sqlite',
    database: { file: dbFile, bytes: fs.statSync(dbPath).size, sha256: sha256File(dbPath) },
    files,
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** Checks every byte of a backup against its manifest before anything is replaced. */
export function verifyBackup(dir: string): BackupManifest {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${dir} has no manifest.json: not an Etalase backup`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`backup format ${manifest.format} is not ${BACKUP_FORMAT}`);
  for (const f of [{ ...manifest.database, path: manifest.database.file }, ...manifest.files]) {
    const p = path.join(dir, f.path);
    if (path.relative(dir, p).startsWith('..')) throw new Error(`manifest path leaves the backup: ${f.path}`);
    if (!fs.existsSync(p) || sha256File(p) !== f.sha256) throw new Error(`${f.path} is missing or damaged in the backup`);
  }
  return manifest;
}

/**
 * Replaces the database and the stored files with a backup's. The server must be stopped first. A backup of
 * the other database kind is refused: restoring across kinds is a migration, not a restore.
 */
export async function restoreFrom(dir: string): Promise<BackupManifest> {
  const { databaseUrl, sqlitePath, dataDir } = config();
  const manifest = verifyBackup(dir);
  const dialect = databaseUrl ? 'postgres' : 'sqlite';
  if (manifest.dialect !== dialect) throw new Error(`this is a ${manifest.dialect} backup; the app is configured for ${dialect}`);
  const dbPath = path.join(dir, manifest.database.file);
  if (databaseUrl) {
    run(pgTool('pg_restore'), [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      `--dbname=${databaseUrl}`,
      dbPath,
    ]);
  } else {
    const Sqlite = require('better-sqlite3') as typeof import('better-sqlite3');
    const check = new Sqlite(dbPath, { readonly: true, fileMustExist: true });
    try {
      const ok = check.pragma('integrity_check', { simple: true });
      if (ok !== 'ok') throw new Error(`the backup's database fails its integrity check: ${String(ok)}`);
    } finally {
      check.close();
    }
    fs.mkdirSync(path.dirname(sqlitePath), { recursive: true });
    const tmp = `${sqlitePath}.restore-${process.pid}`;
    fs.copyFileSync(dbPath, tmp);
    // The old WAL belongs to the old database: left beside the new file, SQLite would replay it into it.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(sqlitePath + suffix, { force: true });
    fs.renameSync(tmp, sqlitePath);
  }
  for (const tree of FILE_TREES) {
    const target = path.join(dataDir, tree);
    const staged = `${target}.restore-${process.pid}`;
    fs.rmSync(staged, { recursive: true, force: true });
    for (const f of manifest.files.filter((x) => x.path.startsWith(`${tree}/`))) {
      const to = path.join(staged, f.path.slice(tree.length + 1));
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(path.join(dir, f.path), to);
    }
    fs.rmSync(target, { recursive: true, force: true });
    if (fs.existsSync(staged)) fs.renameSync(staged, target);
  }
  return manifest;
}
