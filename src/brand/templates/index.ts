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
