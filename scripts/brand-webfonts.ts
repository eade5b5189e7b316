/**
 * Latin subsets of the bundled fonts for public shop pages (public/brand/fonts-web/*.woff), so a brand
 * font costs ~10–20 KB instead of a 150–320 KB TTF. fontkit (already in the tree through Astro) cuts
 * the glyphs; it writes no cmap/name/OS/2/post, so this script adds them and wraps the result as WOFF.
 * Run: node scripts/brand-webfonts.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { FONT_FACES } from '../src/brand/fonts.ts';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fontkit ships no types
const fontkit = require('fontkit') as { openSync(p: string): any };
const root = path.resolve(import.meta.dirname, '..');
const outDir = path.join(root, 'public/brand/fonts-web');

const CODEPOINTS: number[] = [];
for (let c = 0x20; c <= 0x7e; c++) CODEPOINTS.push(c);
for (let c = 0xa0; c <= 0xff; c++) CODEPOINTS.push(c);
CODEPOINTS.push(0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2026, 0x20ac, 0x2122);

function cmapTable(map: [number, number][]): Buffer {
  const segs = map.map(([code, gid]) => ({ start: code, end: code, delta: (gid - code) & 0xffff }));
  segs.push({ start: 0xffff, end: 0xffff, delta: 1 });
  const n = segs.length;
  const len = 16 + n * 8;
  const sub = Buffer.alloc(len);
  sub.writeUInt16BE(4, 0);
  sub.writeUInt16BE(len, 2);
  sub.writeUInt16BE(0, 4);
  sub.writeUInt16BE(n * 2, 6);
  const sr = 2 * 2 ** Math.floor(Math.log2(n));
  sub.writeUInt16BE(sr, 8);
  sub.writeUInt16BE(Math.log2(sr / 2), 10);
  sub.writeUInt16BE(n * 2 - sr, 12);
  let o = 14;
  for (const s of segs) {
    sub.writeUInt16BE(s.end, o);
    o += 2;
  }
  sub.writeUInt16BE(0, o);
  o += 2;
  for (const s of segs) {
    sub.writeUInt16BE(s.start, o);
    o += 2;
  }
  for (const s of segs) {
    sub.writeUInt16BE(s.delta, o);
    o += 2;
  }
  for (let i = 0; i < n; i++) {
    sub.writeUInt16BE(0, o);
    o += 2;
  }
  const head = Buffer.alloc(12);
  head.writeUInt16BE(0, 0);
  head.writeUInt16BE(1, 2);
  head.writeUInt16BE(3, 4);
  head.writeUInt16BE(1, 6);
  head.writeUInt32BE(12, 8);
  return Buffer.concat([head, sub]);
}

function readTables(buf: Buffer): Map<string, Buffer> {
  const n = buf.readUInt16BE(4);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < n; i++) {
    const r = 12 + i * 16;
    const tag = buf.toString('latin1', r, r + 4);
    const off = buf.readUInt32BE(r + 8);
    const len = buf.readUInt32BE(r + 12);
    out.set(tag, buf.subarray(off, off + len));
  }
  return out;
}

function checksum(b: Buffer): number {
  const p = Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  let s = 0;
  for (let i = 0; i < p.length; i += 4) s = (s + p.readUInt32BE(i)) >>> 0;
  return s;
}

function woff(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const dir = Buffer.alloc(n * 20);
  const datas: Buffer[] = [];
  let offset = 44 + n * 20;
  let sfntSize = 12 + n * 16;
  tags.forEach((tag, i) => {
    const orig = tables.get(tag)!;
    const z = zlib.deflateSync(orig, { level: 9 });
    const data = z.length < orig.length ? z : orig;
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    const r = i * 20;
    dir.write(tag, r, 'latin1');
    dir.writeUInt32BE(offset, r + 4);
    dir.writeUInt32BE(data.length, r + 8);
    dir.writeUInt32BE(orig.length, r + 12);
    dir.writeUInt32BE(checksum(orig), r + 16);
    datas.push(padded);
    offset += padded.length;
    sfntSize += orig.length + ((4 - (orig.length % 4)) % 4);
  });
  const header = Buffer.alloc(44);
  header.write('wOFF', 0, 'latin1');
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(offset, 8);
  header.writeUInt16BE(n, 12);
  header.writeUInt32BE(sfntSize, 16);
  header.writeUInt16BE(1, 20);
  return Buffer.concat([header, dir, ...datas]);
}

fs.mkdirSync(outDir, { recursive: true });
let total = 0;
for (const face of FONT_FACES) {
  const src = path.join(root, 'node_modules', face.pkg, face.path);
  const font = fontkit.openSync(src);
  const subset = font.createSubset();
  const map: [number, number][] = [];
  for (const cp of CODEPOINTS) {
    const g = font.glyphForCodePoint(cp);
    if (g && g.id) map.push([cp, subset.includeGlyph(g)]);
  }
  const tables = readTables(Buffer.from(subset.encode()));
  const orig = readTables(fs.readFileSync(src));
  tables.set('cmap', cmapTable(map));
  tables.set('name', orig.get('name')!);
  tables.set('OS/2', orig.get('OS/2')!);
  const post = Buffer.from(orig.get('post')!.subarray(0, 32));
  post.writeUInt32BE(0x00030000, 0);
  tables.set('post', post);
  // maxp/head from the subset are already consistent with its glyph count and loca format.
  const out = woff(tables);
  const file = face.file.replace(/\.ttf$/, '.woff');
  fs.writeFileSync(path.join(outDir, file), out);
  total += out.length;
  console.log(file, out.length);
}
console.log('total', total);
