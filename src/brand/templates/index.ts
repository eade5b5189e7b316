import type { DesignDoc } from '../schema.ts';
import anyamanTag from './anyaman-tag.json' with { type: 'json' };
import keripikPouch from './keripik-pouch.json' with { type: 'json' };
import kopiPouch from './kopi-pouch.json' with { type: 'json' };
import kueKotak from './kue-kotak.json' with { type: 'json' };
import logoCap from './logo-cap.json' with { type: 'json' };
import logoDaun from './logo-daun.json' with { type: 'json' };
import logoLencana from './logo-lencana.json' with { type: 'json' };
import maduJar from './madu-jar.json' with { type: 'json' };
import postProdukBaru from './post-produk-baru.json' with { type: 'json' };
import rotiBulat from './roti-bulat.json' with { type: 'json' };
import telurAsin from './telur-asin.json' with { type: 'json' };

/** The starter templates, in the order the studio offers them. Made by scripts/brand-templates.ts. */
export interface Template {
  id: string;
  name: string;
  nameEn: string;
  category: string;
  kind: 'logo' | 'label' | 'social';
  doc: DesignDoc;
}
export const TEMPLATES: Template[] = [
  telurAsin as Template,
  rotiBulat as Template,
  kopiPouch as Template,
  keripikPouch as Template,
  maduJar as Template,
  anyamanTag as Template,
  kueKotak as Template,
  logoLencana as Template,
  logoDaun as Template,
  logoCap as Template,
  postProdukBaru as Template,
];

export function findTemplate(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** A template layer name's message key: the studio shows template layers in the UI language (brand.layer.*). */
export function layerNameKey(name: string): string {
  const words = name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return `brand.layer.${words.map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1) : w)).join('')}`;
}

/** Every layer name the templates use (what `layerNameKey` must cover). */
export function templateLayerNames(): string[] {
  const out = new Set<string>();
  const walk = (list: readonly Record<string, unknown>[]) => {
    for (const o of list) {
      if (typeof o.name === 'string') out.add(o.name);
      if (Array.isArray(o.objects)) walk(o.objects as Record<string, unknown>[]);
    }
  };
  for (const t of TEMPLATES) walk(t.doc.objects as unknown as Record<string, unknown>[]);
  return [...out];
}

const CATEGORY_KEYS: Record<string, string> = {
  Kerajinan: 'brand.category.craft',
  Logo: 'brand.category.logo',
  Makanan: 'brand.category.food',
  'Media sosial': 'brand.category.social',
  Minuman: 'brand.category.drink',
};
/** A template category's message key. */
export function categoryKey(category: string): string {
  return CATEGORY_KEYS[category] ?? 'brand.category.other';
}
