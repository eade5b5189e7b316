/**
 * `npm run bench`: every benchmark, one after the other (never in parallel: they would measure each other), each in
 * its own process writing rows (scripts/bench-lib.ts BenchRow) to one JSON file; then one markdown table, and
 * bench-results/latest.json (the machine, the conditions and the rows) and bench-results/latest.md.
 *   storefront  scripts/bench-storefront.ts  catalog page weight, Lighthouse, catalog vs a static file (req/s, p50/p99)
 *   ledger      scripts/bench-ledger.ts      order ingest with postings, reports over 1,000,000 postings, a 50,000-row import
 *   images      scripts/bench-images.ts      a 12-megapixel photo through the upload pipeline, time and peak memory
 *   program     scripts/bench-program.ts     the program dashboard at 1,000 shops with two years of orders
 * Options: --only GROUP[,GROUP] (one or more of the above), --quick (small counts: a smoke run, not a measurement),
 * --out DIR (bench-results). Every other argument goes to each benchmark as it is (each ignores what it does not know),
 * e.g. `npm run bench -- --only storefront --no-lighthouse` or `npm run bench -- --only program --shops 500`.
 * A benchmark that fails is reported in the table as failed; the runner exits non-zero after writing the results.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { argValue, loadAverage, markdownTable, root, type BenchRow } from './bench-lib.ts';

const args = process.argv.slice(2);
const OWN_VALUES = ['--only', '--out'];
const OWN_FLAGS = ['--quick', '--ledger-only'];
const own: string[] = [];
const passThrough: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (OWN_VALUES.includes(args[i]!)) own.push(args[i]!, args[++i] ?? '');
  else if (OWN_FLAGS.includes(args[i]!)) own.push(args[i]!);
  else passThrough.push(args[i]!);
}
const QUICK = own.includes('--quick');
const OUT = path.resolve(root, argValue(own, '--out') ?? 'bench-results');
// Before the runner existed, `npm run bench -- --ledger-only` ran the ledger benchmark alone.
const only = own.includes('--ledger-only') ? 'ledger' : argValue(own, '--only');

const GROUPS: Record<string, { script: string; always?: string[]; quick: string[] }> = {
  storefront: { script: 'bench-storefront.ts', quick: ['--duration', '3', '--rounds', '1', '--lighthouse-runs', '1'] },
  // Issue 10's import target (50,000 rows in under a minute) belongs with the ledger's other speed targets.
  ledger: {
    script: 'bench-ledger.ts',
    always: ['--import'],
    quick: ['--seconds', '3', '--flows', '10', '--postings', '100000', '--import-rows', '5000', '--import-baseline-rows', '500'],
  },
  images: { script: 'bench-images.ts', quick: ['--quick'] },
  program: { script: 'bench-program.ts', quick: ['--quick'] },
};
type Group = keyof typeof GROUPS;
const chosen = (only ? only.split(',') : Object.keys(GROUPS)) as Group[];
for (const g of chosen)
  if (!(g in GROUPS)) {
    console.error(`unknown group ${g}: one of ${Object.keys(GROUPS).join(', ')}`);
    process.exit(2);
  }

function machine() {
  const cpus = os.cpus();
  const df = spawnSync('df', ['-h', '--output=source,fstype,size,avail', os.tmpdir()], { encoding: 'utf8' })
    .stdout?.trim()
    .split('\n')[1]
    ?.replace(/\s+/g, ' ');
  const dev = df
    ?.split(/\s+/)[0]
    ?.replace('/dev/', '')
    .replace(/p?\d+$/, '');
  const rotFile = dev ? `/sys/block/${dev}/queue/rotational` : '';
  const rotational = rotFile && fs.existsSync(rotFile) ? fs.readFileSync(rotFile, 'utf8').trim() : '';
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    ramGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    // A virtual disk (virtio) reports rotational=1 whatever backs it: given as read, not interpreted.
    disk: `${df ?? 'unknown'}${rotational ? ` (${dev}, rotational flag ${rotational})` : ''}`,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

const safeMachine = () => {
  try {
    return machine();
  } catch {
    const cpus = os.cpus();
    return {
      cpu: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      ramGb: Math.round(os.totalmem() / 1024 ** 3),
      disk: 'unknown',
      node: process.version,
    };
  }
};

fs.mkdirSync(OUT, { recursive: true });
const started = new Date();
const loadBefore = loadAverage();
const rows: BenchRow[] = [];
const runs: { group: Group; status: number | null; seconds: number; loadBefore: string; loadAfter: string }[] = [];
for (const group of chosen) {
  const { script, quick, always = [] } = GROUPS[group]!;
  const jsonFile = path.join(OUT, `.${group}-${process.pid}.json`);
  fs.rmSync(jsonFile, { force: true });
  const before = loadAverage();
  const t0 = performance.now();
  console.log(`\n##### ${group} (${script}${QUICK ? ', quick' : ''}) — load ${before}\n`);
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', script), '--json', jsonFile, ...always, ...(QUICK ? quick : []), ...passThrough],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  const got = fs.existsSync(jsonFile) ? (JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as BenchRow[]) : [];
  fs.rmSync(jsonFile, { force: true });
  rows.push(...got);
  if (r.status !== 0 || got.length === 0)
    rows.push({
      group,
      name: `${script}`,
      unit: '',
      median: Number.NaN,
      pass: r.status === 0 ? undefined : false,
      notes: r.status === 0 ? 'ran, but wrote no rows (it does not support --json yet)' : `failed (exit ${r.status ?? r.signal})`,
    });
  runs.push({
    group,
    status: r.status,
    seconds: Math.round((performance.now() - t0) / 1000),
    loadBefore: before,
    loadAfter: loadAverage(),
  });
}

const result = {
  started: started.toISOString(),
  finished: new Date().toISOString(),
  quick: QUICK,
  machine: safeMachine(),
  load: { before: loadBefore, after: loadAverage(), note: 'os.loadavg() 1, 5 and 15 min' },
  runs,
  rows,
};
const table = markdownTable(rows);
const md = [
  `# Benchmark results (${result.finished}${QUICK ? ', --quick: smoke run, small counts' : ''})`,
  '',
  `Machine: ${result.machine.cpu}, ${result.machine.cores} cores, ${result.machine.ramGb} GB RAM, disk ${result.machine.disk}, Node ${result.machine.node}.`,
  `Load average before ${result.load.before}, after ${result.load.after}.`,
  '',
  ...runs.map((r) => `- ${r.group}: exit ${r.status}, ${r.seconds} s, load ${r.loadBefore} -> ${r.loadAfter}`),
  '',
  table,
  '',
].join('\n');
fs.writeFileSync(path.join(OUT, 'latest.json'), JSON.stringify(result, null, 2));
fs.writeFileSync(path.join(OUT, 'latest.md'), md);
console.log(`\n${md}\nwritten: ${path.relative(root, path.join(OUT, 'latest.json'))}, ${path.relative(root, path.join(OUT, 'latest.md'))}`);
process.exit(runs.every((r) => r.status === 0) ? 0 : 1);
