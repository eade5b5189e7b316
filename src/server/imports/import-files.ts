import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config.ts';
import type { ImportFile } from './marketplace-file.ts';

/** Uploaded exports wait here between preview and commit: on disk, so a 10 MB file is never held in memory twice. */
function importDir(): string {
  return path.join(config().dataDir, 'imports');
}

/** A preview that was never committed is forgotten after a day. */
const STALE_MS = 24 * 60 * 60 * 1000;

export function importFilePath(shopId: string, importId: string): string {
  // Both ids are newId() base32, so the name cannot climb out of the folder.
  return path.join(importDir(), `${shopId}-${importId}`);
}

/** XLSX is a ZIP archive; anything else is read as CSV (a wrong guess is reported as an unreadable file). */
export function sniffFormat(bytes: Buffer): 'csv' | 'xlsx' {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50 ? 'xlsx' : 'csv';
}

export async function storeImportFile(file: string, bytes: Buffer): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.writeFile(file, bytes, { mode: 0o600 });
}

export function storedImportFile(file: string, format: 'csv' | 'xlsx'): ImportFile {
  return { format, open: () => fs.createReadStream(file) };
}

export async function removeImportFile(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true });
}

/** Removes uploads left by previews nobody committed (and by a server stopped mid-import). */
export async function sweepStaleImportFiles(now = Date.now()): Promise<void> {
  let names: string[];
  try {
    names = await fs.promises.readdir(importDir());
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(importDir(), name);
    const st = await fs.promises.stat(file).catch(() => null);
    if (st && now - st.mtimeMs > STALE_MS) await removeImportFile(file);
  }
}
