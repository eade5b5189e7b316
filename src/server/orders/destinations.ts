/**
 * Where an order goes, by kabupaten/kota: it feeds the program's "new markets" figure (orders delivered
 * outside the shop's own kabupaten). Codes are stable and never reused:
 * - four digits: the BPS (Badan Pusat Statistik) code of the kabupaten/kota (note BPS and Kemendagri
 *   numbering differ inside Sulawesi Selatan, e.g. Kab. Bone is BPS 7311 but Kemendagri 73.08);
 * - `31`: DKI Jakarta as a whole (BPS province code), since buyers do not pick a kota administrasi;
 * - `x-…`: places whose BPS code we have not verified (mostly regencies that host a provincial capital);
 * - `lainnya`: anywhere else.
 */
export interface Destination {
  code: string;
  name: string;
  group: 'sulsel' | 'indonesia' | 'other';
}

const SULSEL: [string, string][] = [
  ['7301', 'Kab. Kepulauan Selayar'],
  ['7302', 'Kab. Bulukumba'],
  ['7303', 'Kab. Bantaeng'],
  ['7304', 'Kab. Jeneponto'],
  ['7305', 'Kab. Takalar'],
  ['7306', 'Kab. Gowa'],
  ['7307', 'Kab. Sinjai'],
  ['7308', 'Kab. Maros'],
  ['7309', 'Kab. Pangkajene dan Kepulauan'],
  ['7310', 'Kab. Barru'],
  ['7311', 'Kab. Bone'],
  ['7312', 'Kab. Soppeng'],
  ['7313', 'Kab. Wajo'],
  ['7314', 'Kab. Sidenreng Rappang'],
  ['7315', 'Kab. Pinrang'],
  ['7316', 'Kab. Enrekang'],
  ['7317', 'Kab. Luwu'],
  ['7318', 'Kab. Tana Toraja'],
  ['7322', 'Kab. Luwu Utara'],
  ['7325', 'Kab. Luwu Timur'],
  ['7326', 'Kab. Toraja Utara'],
  ['7371', 'Kota Makassar'],
  ['7372', 'Kota Parepare'],
  ['7373', 'Kota Palopo'],
];

/** Every provincial capital and the larger cities buyers commonly ship to, west to east. */
const INDONESIA: [string, string][] = [
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
  ['31', 'DKI Jakarta'],
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
  ['6271', 'Kota Palangka Raya'],
  ['6371', 'Kota Banjarmasin'],
  ['6471', 'Kota Balikpapan'],
  ['6472', 'Kota Samarinda'],
  ['6571', 'Kota Tarakan'],
  ['x-tanjung-selor', 'Tanjung Selor (Kab. Bulungan)'],
  ['7171', 'Kota Manado'],
  ['7172', 'Kota Bitung'],
  ['7571', 'Kota Gorontalo'],
  ['7271', 'Kota Palu'],
  ['x-mamuju', 'Mamuju (Kab. Mamuju)'],
  ['7471', 'Kota Kendari'],
  ['7472', 'Kota Baubau'],
  ['8171', 'Kota Ambon'],
  ['8271', 'Kota Ternate'],
  ['8272', 'Kota Tidore Kepulauan (Sofifi)'],
  ['x-manokwari', 'Manokwari (Kab. Manokwari)'],
  ['9171', 'Kota Sorong'],
  ['9471', 'Kota Jayapura'],
  ['x-nabire', 'Nabire (Kab. Nabire)'],
  ['x-wamena', 'Wamena (Kab. Jayawijaya)'],
  ['x-merauke', 'Merauke (Kab. Merauke)'],
];

export const OTHER_DESTINATION = 'lainnya';

export const DESTINATIONS: readonly Destination[] = [
  ...SULSEL.map(([code, name]) => ({ code, name, group: 'sulsel' as const })),
  ...INDONESIA.map(([code, name]) => ({ code, name, group: 'indonesia' as const })),
  { code: OTHER_DESTINATION, name: 'Lainnya', group: 'other' },
];

const byCode = new Map(DESTINATIONS.map((d) => [d.code, d]));

export function findDestination(code: string | null | undefined): Destination | undefined {
  return code ? byCode.get(code) : undefined;
}

/** Shown to people; "Lainnya" follows the reader's language. */
export function destinationName(code: string | null | undefined, locale: 'id' | 'en'): string {
  const d = findDestination(code);
  if (!d) return '';
  if (d.code === OTHER_DESTINATION) return locale === 'en' ? 'Elsewhere' : 'Lainnya';
  return d.name;
}
