/**
 * Image pipeline benchmark (issue 14): a 12-megapixel phone-like JPEG (4000 x 3000, generated with sharp) through
 * the real upload pipeline (src/server/media/save-media.ts prepareMedia: content check, auto-rotate, EXIF strip,
 * AVIF/WebP/JPEG at 320/640/1280 px, placeholder, files written to local storage), --runs N (7) times after one
 * warm-up, in a child process of its own whose peak memory (process.resourceUsage().maxRSS) is the pipeline's.
 * Baseline, in the same run and the same way: sharp's plain decode and resize to 1280 px, encoded once as JPEG.
 * Options: --json FILE (appends rows for scripts/bench.ts), --quick (3 runs).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { argNumber, argValue, loadAverage, markdownTable, median, percentile, round, writeRows, type BenchRow } from './bench-lib.ts';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const RUNS = argNumber(args, '--runs', QUICK ? 3 : 7);
const JSON_FILE = argValue(args, '--json');
const WIDTH = 4000;
const HEIGHT = 3000;

interface ChildResult {
  times: number[];
  maxRssMb: number;
  /** Peak RSS once sharp is loaded and the photo read, before any processing: what the work adds is the rest. */
  idleRssMb: number;
  outputs: number;
}

const child = argValue(args, '--child');
if (child) {
  const file = argValue(args, '--file')!;
  const sharp = (await import('sharp')).default;
  const input = fs.readFileSync(file);
  const idleRssMb = process.resourceUsage().maxRSS / 1024;
  let outputs = 0;
  const once =
    child === 'pipeline'
      ? await (async () => {
          const { prepareMedia } = await import('../src/server/media/save-media.ts');
          return async () => {
            const row = await prepareMedia('benchshop', { data: input, purpose: 'product_photo', visibility: 'public', userId: null });
            outputs = JSON.parse(row.widths).length;
          };
        })()
      : async () => {
          await sharp(input).rotate().resize({ width: 1280 }).jpeg({ quality: 78 }).toBuffer();
          outputs = 1;
        };
  await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await once();
    times.push(performance.now() - t);
  }
  const result: ChildResult = { times, maxRssMb: process.resourceUsage().maxRSS / 1024, idleRssMb, outputs };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'etalase-bench-images-'));
try {
  const sharp = (await import('sharp')).default;
  // Smooth colour fields with grain, like a photo: a flat or pure-noise image would compress unrealistically.
  const raw = Buffer.alloc(WIDTH * HEIGHT * 3);
  let seed = 7;
  for (let y = 0; y < HEIGHT; y++)
    for (let x = 0; x < WIDTH; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = (seed % 17) - 8;
      const i = (y * WIDTH + x) * 3;
      raw[i] = Math.max(0, Math.min(255, 128 + 100 * Math.sin(x / 300) + grain));
      raw[i + 1] = Math.max(0, Math.min(255, 128 + 90 * Math.cos(y / 200) + grain));
      raw[i + 2] = Math.max(0, Math.min(255, 128 + 80 * Math.sin((x + y) / 500) + grain));
    }
  const photo = path.join(dir, 'photo-12mp.jpg');
  await sharp(raw, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 1 })
    .toFile(photo);
  const size = fs.statSync(photo).size;
  console.log(
    `[bench:images] ${WIDTH} x ${HEIGHT} JPEG (${(size / 1024 / 1024).toFixed(1)} MB), ${RUNS} runs after 1 warm-up each; load ${loadAverage()}`,
  );

  const run = (mode: 'pipeline' | 'baseline'): ChildResult => {
    const r = spawnSync(process.execPath, [import.meta.filename, '--child', mode, '--file', photo, '--runs', String(RUNS)], {
      env: { ...process.env, DATA_DIR: path.join(dir, `data-${mode}`), DATABASE_URL: '' },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`${mode} child failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
  };
  const loadBefore = loadAverage();
  const baseline = run('baseline');
  const pipeline = run('pipeline');
  const loadAfter = loadAverage();
  const conditions = `${RUNS} runs after 1 warm-up; load ${loadBefore} -> ${loadAfter}`;
  const bMed = median(baseline.times);
  const rows: BenchRow[] = [
    {
      group: 'images',
      name: `upload pipeline, 12 MP JPEG (${pipeline.outputs} widths x 3 formats + placeholder, stored)`,
      unit: 'ms',
      median: round(median(pipeline.times)),
      p99: round(percentile(pipeline.times, 99)),
      baseline: round(bMed),
      ratio: round(median(pipeline.times) / bMed, 1),
      notes: `baseline: sharp decode + resize to 1280 px + one JPEG; ${conditions}`,
    },
    {
      group: 'images',
      name: 'upload pipeline peak memory (maxRSS of its process)',
      unit: 'MB',
      median: round(pipeline.maxRssMb),
      baseline: round(baseline.maxRssMb),
      ratio: round(pipeline.maxRssMb / baseline.maxRssMb, 2),
      notes: `before processing ${round(pipeline.idleRssMb)} MB (node, sharp, the photo read); baseline process ${round(baseline.maxRssMb)} MB`,
    },
    {
      group: 'images',
      name: 'baseline: sharp decode + resize to 1280 px, one JPEG',
      unit: 'ms',
      median: round(bMed),
      p99: round(percentile(baseline.times, 99)),
      notes: conditions,
    },
  ];
  console.log(`\n${markdownTable(rows)}`);
  writeRows(JSON_FILE, rows);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
