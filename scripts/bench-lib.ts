/**
 * What the benchmarks share: the row every benchmark writes (`--json FILE`, read by scripts/bench.ts's runner),
 * percentiles, the build check and starting the built server on a free loopback port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

/** One measured figure. `ratio` compares with `baseline` measured in the same run (how is said in `notes`). */
export interface BenchRow {
  group: 'storefront' | 'ledger' | 'images' | 'program' | (string & {});
  name: string;
  unit: string;
  median: number;
  p99?: number;
  baseline?: number;
  ratio?: number;
  target?: string;
  pass?: boolean;
  notes?: string;
}

export function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function argNumber(args: readonly string[], name: string, def: number): number {
  const v = argValue(args, name);
  return v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : def;
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);
export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Appends rows to the JSON array in `file` (created when missing), so several benchmarks can share one file. */
export function writeRows(file: string | undefined, rows: readonly BenchRow[]): void {
  if (!file) return;
  const prior = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as BenchRow[]) : [];
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, JSON.stringify([...prior, ...rows], null, 2));
}

export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function newest(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** Builds when the sources are newer than dist/ (as `npm start` does). */
export function ensureBuilt(env: NodeJS.ProcessEnv = process.env): void {
  const entry = path.join(root, 'dist/server/entry.mjs');
  const sources = ['src', 'db', 'astro.config.mjs'].map((p) => path.join(root, p)).filter((p) => fs.existsSync(p));
  if (fs.existsSync(entry) && Math.max(...sources.map(newest)) <= fs.statSync(entry).mtimeMs) return;
  console.log('[bench] building…');
  const b = spawnSync(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

export interface RunningServer {
  base: string;
  proc: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts the built server (scripts/start.ts, no build, no seeding) on the database `env` names, once it answers. */
export async function startBuiltServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(process.execPath, [path.join(root, 'scripts/start.ts')], {
    cwd: root,
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      NODE_ENV: 'production',
      ETALASE_SKIP_BUILD: '1',
      ETALASE_SEED: '0',
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited:\n${out}`);
    try {
      if ((await fetch(`${base}/robots.txt`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    proc,
    output: () => out,
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}

/** A markdown table of rows. */
export function markdownTable(rows: readonly BenchRow[]): string {
  const f = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? '' : String(round(n, n >= 100 ? 0 : 2)));
  const lines = [
    '| group | benchmark | unit | median | p99 | baseline | ratio | target | pass | notes |',
    '|---|---|---|---:|---:|---:|---:|---|---|---|',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.group} | ${r.name} | ${r.unit} | ${f(r.median)} | ${f(r.p99)} | ${f(r.baseline)} | ${f(r.ratio)} | ${r.target ?? ''} | ${
        r.pass === undefined ? '' : r.pass ? 'yes' : 'NO'
      } | ${(r.notes ?? '').replace(/\|/g, '/')} |`,
    );
  return lines.join('\n');
}
