/**
 * Label facts: what an Indonesian food label must say (BPOM 31/2018 as amended by 20/2021), bound to
 * text objects in a design by their `factKey`. The same functions run in the editor and the renderer.
 */
export const FACT_KEYS = [
  'productName',
  'netWeight',
  'composition',
  'producer',
  'registration',
  'productionCode',
  'expiry',
  'halal',
  'qr',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];
/** Optional brand texts a design may also bind. */
export const EXTRA_BIND_KEYS = ['shopName', 'tagline'] as const;
export const BIND_KEYS = [...FACT_KEYS, ...EXTRA_BIND_KEYS] as const;
export type BindKey = (typeof BIND_KEYS)[number];

export type RegistrationKind = 'pirt' | 'bpom_md' | '';

export interface LabelFacts {
  productName: string;
  netWeight: string;
  composition: string;
  producerName: string;
  producerAddress: string;
  registrationKind: RegistrationKind;
  registrationNumber: string;
  productionCode: string;
  /** YYYY-MM-DD */
  expiryDate: string;
  /** From the shop's certifications; the halal mark shows only when this is set. */
  halalNumber: string;
  /** Absolute permanent short link of the product (/q/{id}), for the QR code. */
  shortUrl: string;
  shopName: string;
  tagline: string;
}

export const EMPTY_FACTS: LabelFacts = {
  productName: '',
  netWeight: '',
  composition: '',
  producerName: '',
  producerAddress: '',
  registrationKind: '',
  registrationNumber: '',
  productionCode: '',
  expiryDate: '',
  halalNumber: '',
  shortUrl: '',
  shopName: '',
  tagline: '',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];

/** "2026-12-30" -> "30 Des 2026" (fixed month names so browser and server print the same). */
export function formatLabelDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

export function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

/** P-IRT numbers have at least 15 digits; BPOM MD numbers 12. */
export function registrationValid(kind: RegistrationKind, number: string): boolean {
  const d = digitsOf(number);
  if (kind === 'pirt') return d.length >= 15 && d.length <= 20;
  if (kind === 'bpom_md') return d.length >= 12 && d.length <= 16;
  return false;
}

export function registrationText(f: LabelFacts): string {
  if (!f.registrationNumber) return '';
  return f.registrationKind === 'bpom_md' ? `BPOM RI MD ${f.registrationNumber}` : `P-IRT No. ${f.registrationNumber}`;
}

/** The text a bound object shows for the facts (the template's sample text when the fact is empty). */
export function factText(key: BindKey, f: LabelFacts): string | null {
  switch (key) {
    case 'productName':
      return f.productName || null;
    case 'netWeight':
      return f.netWeight ? `Berat bersih ${f.netWeight}` : null;
    case 'composition':
      return f.composition ? `Komposisi: ${f.composition}` : null;
    case 'producer': {
      if (!f.producerName && !f.producerAddress) return null;
      return `Diproduksi oleh: ${[f.producerName, f.producerAddress].filter(Boolean).join(', ')}`;
    }
    case 'registration':
      return registrationText(f) || null;
    case 'productionCode':
      return f.productionCode ? `Kode produksi: ${f.productionCode}` : null;
    case 'expiry':
      return f.expiryDate ? `Baik digunakan sebelum ${formatLabelDate(f.expiryDate)}` : null;
    case 'shopName':
      return f.shopName || null;
    case 'tagline':
      return f.tagline || null;
    default:
      return null;
  }
}

/**
 * What a label shows where a fact is missing: a marked placeholder in red, never an invented value (the
 * template's sample text is never printed). Label text is Bahasa Indonesia whatever the UI language.
 */
export const PLACEHOLDER_FILL = '#d32f2f';
export function factPlaceholder(key: BindKey, f: LabelFacts): string | null {
  switch (key) {
    case 'productName':
      return '[nama produk]';
    case 'netWeight':
      return '[berat bersih]';
    case 'composition':
      return '[komposisi]';
    case 'producer':
      return '[nama & alamat produsen]';
    case 'registration':
      return f.registrationKind === 'bpom_md' ? '[nomor BPOM MD]' : '[nomor P-IRT]';
    case 'productionCode':
      return '[kode produksi]';
    case 'expiry':
      return '[tanggal kedaluwarsa]';
    default:
      return null;
  }
}

/**
 * The text a bound text object shows: the fact, a placeholder for a missing label fact, or nothing for a
 * missing optional brand text (a shop without a tagline shows no tagline, never the template's sample).
 */
export function boundText(key: BindKey, f: LabelFacts): { text: string; placeholder: boolean } | null {
  const text = factText(key, f);
  if (text !== null) return { text, placeholder: false };
  const ph = factPlaceholder(key, f);
  if (ph) return { text: ph, placeholder: true };
  if (key === 'shopName' || key === 'tagline') return { text: '', placeholder: false };
  return null;
}

/** Mandatory facts that are missing or malformed, as i18n keys (shown as warnings before printing). */
export function missingFacts(f: LabelFacts): string[] {
  const out: string[] = [];
  if (!f.productName.trim()) out.push('brand.missing.productName');
  if (!f.composition.trim()) out.push('brand.missing.composition');
  if (!f.netWeight.trim()) out.push('brand.missing.netWeight');
  if (!f.producerName.trim()) out.push('brand.missing.producerName');
  if (!f.producerAddress.trim()) out.push('brand.missing.producerAddress');
  if (!f.registrationNumber.trim()) out.push('brand.missing.registration');
  else if (!registrationValid(f.registrationKind, f.registrationNumber)) out.push('brand.missing.registrationFormat');
  if (!f.productionCode.trim()) out.push('brand.missing.productionCode');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.expiryDate)) out.push('brand.missing.expiry');
  return out;
}

/** The form field where each missing fact is filled in (the studio links the missing list to it). */
export const MISSING_FIELD: Record<string, string> = {
  'brand.missing.productName': 'productId',
  'brand.missing.composition': 'composition',
  'brand.missing.netWeight': 'netWeight',
  'brand.missing.producerName': 'producerName',
  'brand.missing.producerAddress': 'producerAddress',
  'brand.missing.registration': 'registrationNumber',
  'brand.missing.registrationFormat': 'registrationNumber',
  'brand.missing.productionCode': 'productionCode',
  'brand.missing.expiry': 'expiryDate',
};

/** Sample facts: what templates show before a product is chosen, and what tests print. */
export const SAMPLE_FACTS: LabelFacts = {
  productName: 'Telur Asin Bakar',
  netWeight: '10 butir (± 650 g)',
  composition: 'telur itik, garam, abu gosok, sabut kelapa',
  producerName: 'HK05 Telur Asin Bakar',
  producerAddress: 'Dusun Romang Lompoa, Kec. Bontomarannu, Kab. Gowa, Sulawesi Selatan',
  registrationKind: 'pirt',
  registrationNumber: '2067371010123-29',
  productionCode: 'HK0526A',
  expiryDate: '2026-12-30',
  halalNumber: 'ID73110000123450525',
  shortUrl: 'https://etalase.example/q/sample',
  shopName: 'HK05',
  tagline: 'Masir, gurih, dibakar sabut kelapa',
};
