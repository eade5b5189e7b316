import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `npm test`: build the app once (HTTP and browser tests run the real build), then the whole Vitest suite. */
const root = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
if (!process.env.ETALASE_SKIP_BUILD) {
  const b = spawnSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    stdio: 'inherit',
    cwd: root,
    env,
  });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-vitest-')), 'report.json');
const args = process.argv.slice(2);
const r = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...args,
  ],
  { stdio: 'inherit', cwd: root, env },
);
try {
  const j = JSON.parse(fs.readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  const db = process.env.DATABASE_URL ? 'postgresql' : 'sqlite';
  // One plain summary line that any CI log reader understands.
  console.log(`\n${db}: ${j.numPassedTests} passed, ${j.numFailedTests} failed, ${j.numPendingTests + j.numTodoTests} skipped`);
} catch {
  console.log('\nno test report was written');
}
process.exit(r.status ?? 1);
