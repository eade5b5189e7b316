import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** `npm test`: build the app once (HTTP and browser tests run the real build), then the whole Vitest suite. */
const root = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
if (!process.env.ETALASE_SKIP_BUILD) {
  const b = spawnSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { stdio: 'inherit', cwd: root, env });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const args = process.argv.slice(2);
const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...args], { stdio: 'inherit', cwd: root, env });
process.exit(r.status ?? 1);
