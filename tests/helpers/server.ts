import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createTestDatabase, DEMO_PASSWORD, type TestDatabase } from './db.ts';
import { templateFits } from './template.ts';

const root = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface TestServer {
  url: string;
  db: TestDatabase;
  proc: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Start the built app (dist/, built once by scripts/test.ts) on a free loopback port with a fresh
 * database, migrated and seeded with the demo program (demo password DEMO_PASSWORD), without its months of
 * trading unless `history` asks for them. The standard seed is a copy of the run's template
 * (tests/helpers/template.ts), which the app's start then finds migrated and seeded; a server given its own `db`,
 * `seed: false`, `history` or a setting that changes seeding migrates and seeds on its first start, as in production.
 */
export async function startServer(
  opts: { env?: Record<string, string>; seed?: boolean; history?: boolean; db?: TestDatabase; keepDb?: boolean } = {},
): Promise<TestServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const db =
    opts.db ??
    (await createTestDatabase({
      seeded: opts.seed !== false && !opts.history && templateFits(opts.env),
      publicUrl: opts.env?.PUBLIC_URL ?? url,
    }));
  let out = '';
  const proc = spawn(process.execPath, [path.join(root, 'scripts/start.ts')], {
    cwd: root,
    env: {
      ...process.env,
      ...db.env,
      // As the app's own role on PostgreSQL (row-level security); scripts/prepare-db.ts migrates and seeds as DATABASE_OWNER_URL.
      ...db.appEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      ETALASE_SKIP_BUILD: '1',
      DEMO_PASSWORD,
      ETALASE_SEED: opts.seed === false ? '0' : '1',
      // Six months of demo trading per fresh database would multiply the suite's time; the tests that read it ask for it.
      ETALASE_SEED_HISTORY: opts.history ? '1' : '0',
      ASTRO_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => {
    out += d;
  });
  proc.stderr!.on('data', (d) => {
    out += d;
  });
  // Seeding renders demo photos and a brand: allow for a slow, busy machine.
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited ${proc.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${url}/robots.txt`);
      if (r.status < 500) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    db,
    proc,
    output: () => out,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
      if (!opts.keepDb) await db.drop();
    },
  };
}
