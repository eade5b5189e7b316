import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { prepareDatabase } from './prepare-db.ts';
import { lingeringClose } from '../src/server/http/lingering-close.ts';

/** `npm start`: build when the sources are newer than the build, migrate, seed once, serve. */
const root = path.resolve(import.meta.dirname, '..');
const entry = path.join(root, 'dist/server/entry.mjs');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = ['src', 'public', 'db', 'astro.config.mjs', 'package.json']
  .map((p) => path.join(root, p))
  .filter((p) => fs.existsSync(p))
  .map((p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs));
const stale = !fs.existsSync(entry) || Math.max(...sources) > fs.statSync(entry).mtimeMs;
if (!process.env.ETALASE_SKIP_BUILD && (stale || process.env.ETALASE_FORCE_BUILD)) {
  console.log('[etalase] Building…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

await prepareDatabase({ seed: process.env.ETALASE_SEED !== '0' });

process.env.PORT ??= '4321';
process.env.HOST ??= '0.0.0.0';
process.env.NODE_ENV ??= 'production';
// Started here rather than by the adapter, to add the lingering close on the server it creates.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const { startServer } = (await import(entry)) as { startServer: () => { server: { server: import('node:http').Server } } };
const server = startServer().server.server;
lingeringClose(server);
// A client that reuses an idle keep-alive connection just as the server closes it gets "other side closed"
// on a request it already sent. Clients (undici, browsers) drop idle connections on their own timer, set
// from the server's Keep-Alive hint less a margin; Node's 5 s default leaves that margin to a busy event
// loop, so the server keeps idle connections long enough that the client's timer fires first by a wide margin.
server.keepAliveTimeout = 65_000;
