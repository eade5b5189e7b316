/**
 * Where an order goes, by kabupaten/kota: it feeds the program's "new markets" figure (orders delivered
 * outside the shop's own kabupaten). Every kabupaten and kota of Indonesia, coded by Kemendagri (`73.06`)
 * from idn-area-data (the same data as program areas), plus `lainnya` for anywhere else.
 * Orders placed before that carry the hand-kept codes of the old list (BPS numbers such as `7306`, `31` for
 * DKI Jakarta as a whole, `x-…` for unverified ones); they still validate and display, mapped below.
 */
import { listKabupaten } from '../areas/official-areas.ts';

export interface Destination {
  code: string;
  name: string;
  /** Province code (`73`); '' for `lainnya`. */
  province: string;
  provinceName: string;
  /** Kemendagri code of the kabupaten/kota; null for `lainnya` and DKI Jakarta as a whole. */
  kabupatenCode: string | null;
}

/** The old list's codes, by the official name they stood for (names are what both lists agree on). */
const LEGACY_BY_NAME: [string, string][] = [
  ['7301', 'Kabupaten Kepulauan Selayar'],
  ['7302', 'Kabupaten Bulukumba'],
  ['7303', 'Kabupaten Bantaeng'],
  ['7304', 'Kabupaten Jeneponto'],
  ['7305', 'Kabupaten Takalar'],
  ['7306', 'Kabupaten Gowa'],
  ['7307', 'Kabupaten Sinjai'],
  ['7308', 'Kabupaten Maros'],
  ['7309', 'Kabupaten Pangkajene dan Kepulauan'],
  ['7310', 'Kabupaten Barru'],
  ['7311', 'Kabupaten Bone'],
  ['7312', 'Kabupaten Soppeng'],
  ['7313', 'Kabupaten Wajo'],
  ['7314', 'Kabupaten Sidenreng Rappang'],
  ['7315', 'Kabupaten Pinrang'],
  ['7316', 'Kabupaten Enrekang'],
  ['7317', 'Kabupaten Luwu'],
  ['7318', 'Kabupaten Tana Toraja'],
  ['7322', 'Kabupaten Luwu Utara'],
  ['7325', 'Kabupaten Luwu Timur'],
  ['7326', 'Kabupaten Toraja Utara'],
  ['7371', 'Kota Makassar'],
  ['7372', 'Kota Parepare'],
  ['7373', 'Kota Palopo'],
  ['1171', 'Kota Banda Aceh'],
  ['1275', 'Kota Medan'],
  ['1371', 'Kota Padang'],
  ['1471', 'Kota Pekanbaru'],
  ['2171', 'Kota Batam'],
  ['2172', 'Kota Tanjung Pinang'],
  ['1571', 'Kota Jambi'],
  ['1671', 'Kota Palembang'],
  ['1771', 'Kota Bengkulu'],
  ['1871', 'Kota Bandar Lampung'],
  ['1971', 'Kota Pangkal Pinang'],
  ['3671', 'Kota Tangerang'],
  ['3674', 'Kota Tangerang Selatan'],
  ['3673', 'Kota Serang'],
  ['3271', 'Kota Bogor'],
  ['3276', 'Kota Depok'],
  ['3275', 'Kota Bekasi'],
  ['3273', 'Kota Bandung'],
  ['3374', 'Kota Semarang'],
  ['3372', 'Kota Surakarta'],
  ['3471', 'Kota Yogyakarta'],
  ['3578', 'Kota Surabaya'],
  ['3573', 'Kota Malang'],
  ['5171', 'Kota Denpasar'],
  ['5271', 'Kota Mataram'],
  ['5371', 'Kota Kupang'],
  ['6171', 'Kota Pontianak'],
  ['6271', 'Kota Palangkaraya'],
  ['6371', 'Kota Banjarmasin'],
  ['6471', 'Kota Balikpapan'],
  ['6472', 'Kota Samarinda'],
  ['6571', 'Kota Tarakan'],
  ['x-tanjung-selor', 'Kabupaten Bulungan'],
  ['7171', 'Kota Manado'],
  ['7172', 'Kota Bitung'],
  ['7571', 'Kota Gorontalo'],
  ['7271', 'Kota Palu'],
  ['x-mamuju', 'Kabupaten Mamuju'],
  ['7471', 'Kota Kendari'],
  ['7472', 'Kota Bau Bau'],
  ['8171', 'Kota Ambon'],
  ['8271', 'Kota Ternate'],
  ['8272', 'Kota Tidore Kepulauan'],
  ['x-manokwari', 'Kabupaten Manokwari'],
  ['9171', 'Kota Sorong'],
  ['9471', 'Kota Jayapura'],
  ['x-nabire', 'Kabupaten Nabire'],
  ['x-wamena', 'Kabupaten Jayawijaya'],
  ['x-merauke', 'Kabupaten Merauke'],
];

export const OTHER_DESTINATION = 'lainnya';
/** The region the app serves first: its kabupaten/kota head the destination picker. */
export const HOME_PROVINCE = '73';

let cache: { list: Destination[]; byCode: Map<string, Destination> } | null = null;

function load() {
  if (cache) return cache;
  const list: Destination[] = listKabupaten().map((k) => ({
    code: k.code,
    name: k.name,
    province: k.provinceCode,
    provinceName: k.provinceName,
    kabupatenCode: k.code,
  }));
  const byCode = new Map(list.map((d) => [d.code, d]));
  const byName = new Map(list.map((d) => [d.name, d]));
  for (const [old, name] of LEGACY_BY_NAME) {
    const d = byName.get(name);
    if (d) byCode.set(old, d);
  }
  byCode.set('31', { code: '31', name: 'DKI Jakarta', province: '31', provinceName: 'DKI Jakarta', kabupatenCode: null });
  byCode.set(OTHER_DESTINATION, { code: OTHER_DESTINATION, name: 'Lainnya', province: '', provinceName: '', kabupatenCode: null });
  cache = { list, byCode };
  return cache;
}

/** Every kabupaten/kota, by province: the home province first, then the others in code order. */
export function destinationGroups(): { province: string; provinceName: string; items: Destination[] }[] {
  const groups = new Map<string, { province: string; provinceName: string; items: Destination[] }>();
  for (const d of load().list) {
    const g = groups.get(d.province) ?? { province: d.province, provinceName: d.provinceName, items: [] };
    g.items.push(d);
    groups.set(d.province, g);
  }
  const all = [...groups.values()];
  return [...all.filter((g) => g.province === HOME_PROVINCE), ...all.filter((g) => g.province !== HOME_PROVINCE)];
}

/** Old codes resolve to the kabupaten/kota they named (its new code); unknown codes to undefined. */
export function findDestination(code: string | null | undefined): Destination | undefined {
  return code ? load().byCode.get(code) : undefined;
}

/** Whether every old code of the hand-kept list still resolves (a test asserts it). */
export function legacyDestinationCodes(): string[] {
  return [...LEGACY_BY_NAME.map(([c]) => c), '31'];
}

/** Shown to people; "Lainnya" follows the reader's language. */
export function destinationName(code: string | null | undefined, locale: 'id' | 'en'): string {
  const d = findDestination(code);
  if (!d) return '';
  if (d.code === OTHER_DESTINATION) return locale === 'en' ? 'Elsewhere' : 'Lainnya';
  return d.name;
}
