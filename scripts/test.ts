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
// ETALASE_TEST_REPORT=dir keeps the reports there (vitest's JSON: report.json; per-file times: timings.json).
const reportDir = process.env.ETALASE_TEST_REPORT ?? fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-vitest-'));
fs.mkdirSync(reportDir, { recursive: true });
const report = path.join(reportDir, 'report.json');
const timings = path.join(reportDir, 'timings.json');
const args = process.argv.slice(2);
const r = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    `--reporter=${path.join(root, 'tests/helpers/timing-reporter.ts')}`,
    ...args,
  ],
  { stdio: 'inherit', cwd: root, env: { ...env, ETALASE_TEST_TIMINGS: timings } },
);
try {
  // Where a slow CI run spent its time: the files that took longest, import and hooks (servers, browsers) included.
  const rows = JSON.parse(fs.readFileSync(timings, 'utf8')) as { file: string; total: number; tests: number; hooks: number }[];
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
  console.log(`\nslowest test files (whole file, of it tests, of it hooks); all in ${reportDir}:`);
  for (const x of rows.slice(0, 12)) console.log(`${s(x.total)}${s(x.tests)}${s(x.hooks)}  ${x.file}`);
} catch {
  /* no timings: the run stopped early; the summary below says so */
}
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
