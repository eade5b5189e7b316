import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Indonesia's official administrative areas with their Kemendagri codes, from the `idn-area-data` package
 * (data © its contributors, Open Database License). Files are read on first use only: the kabupaten/kota
 * list (15 KB) for order destinations, and the 3 MB desa file only while a program is being set up, so
 * public pages never pay for them.
 */
export interface Area {
  code: string;
  name: string;
}
export interface Kabupaten extends Area {
  provinceCode: string;
  provinceName: string;
}
export interface KabupatenAreas {
  kabupaten: Kabupaten;
  kecamatan: (Area & { desa: Area[] })[];
}

function dataDir(): string {
  const pkg = createRequire(import.meta.url).resolve('idn-area-data/package.json');
  return path.join(path.dirname(pkg), 'data');
}

/** RFC 4180 fields of one line (the files quote names holding commas or quotes). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          v += '"';
          i += 2;
        } else if (line[i] === '"') break;
        else v += line[i++];
      }
      out.push(v);
      i += 2; // closing quote and comma
    } else {
      const end = line.indexOf(',', i);
      out.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length + 1 : end + 1;
    }
  }
  return out;
}

/** Rows of a data file (header dropped), optionally only those whose line starts with `prefix`. */
function rows(file: string, prefix = ''): string[][] {
  const text = fs.readFileSync(path.join(dataDir(), file), 'utf8');
  const out: string[][] = [];
  for (const line of text.split(/\r?\n/).slice(1)) if (line && line.startsWith(prefix)) out.push(csvFields(line));
  return out;
}

let kabupatenCache: Kabupaten[] | null = null;

/** Every kabupaten and kota of Indonesia (514), by code. */
export function listKabupaten(): readonly Kabupaten[] {
  if (!kabupatenCache) {
    const provinces = new Map(rows('provinces.csv').map(([code, name]) => [code!, name!]));
    kabupatenCache = rows('regencies.csv').map(([code, provinceCode, name]) => ({
      code: code!,
      name: name!,
      provinceCode: provinceCode!,
      provinceName: provinces.get(provinceCode!) ?? '',
    }));
  }
  return kabupatenCache;
}

export function findKabupaten(code: string): Kabupaten | undefined {
  return listKabupaten().find((k) => k.code === code);
}

/** A kabupaten's kecamatan and their desa/kelurahan, in code order; undefined for an unknown code. */
export function kabupatenAreas(code: string): KabupatenAreas | undefined {
  const kabupaten = findKabupaten(code);
  if (!kabupaten) return undefined;
  const kecamatan = rows('districts.csv', `${code}.`).map(([c, , name]) => ({ code: c!, name: name!, desa: [] as Area[] }));
  const byCode = new Map(kecamatan.map((k) => [k.code, k]));
  for (const [c, districtCode, name] of rows('villages.csv', `${code}.`)) byCode.get(districtCode!)?.desa.push({ code: c!, name: name! });
  return { kabupaten, kecamatan };
}
