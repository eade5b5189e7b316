import type { Db } from '../src/server/db/index.ts';
import { saveCertifications } from '../src/server/branding/save-certifications.ts';
import { saveLabelFacts } from '../src/server/branding/save-label-facts.ts';
import { createDesign } from '../src/server/branding/create-design.ts';
import { saveDesign } from '../src/server/branding/save-design.ts';
import { publishBrandKit } from '../src/server/branding/publish-brand-kit.ts';
import { saveBrandKit } from '../src/server/branding/save-brand-kit.ts';
import { findTemplate } from '../src/brand/templates/index.ts';

/**
 * The demo brand: HK05 gets its certificates, label facts for "Telur Asin Bakar isi 10", a logo and a
 * label made from the starter templates, and a published brand kit, so a first start already shows a
 * branded shop. One logo render and one share image (~1 s).
 */
export async function seedBrand(db: Db): Promise<void> {
  const shop = await db.selectFrom('shops').select('id').where('slug', '=', 'hk05').executeTakeFirst();
  if (!shop) return;
  const owner = await db
    .selectFrom('shop_members')
    .select('user_id')
    .where('shop_id', '=', shop.id)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  const product = await db
    .selectFrom('products')
    .select('id')
    .where('shop_id', '=', shop.id)
    .where('slug', '=', 'telur-asin-bakar-isi-10')
    .executeTakeFirst();
  const base = { shopId: shop.id, userId: owner.user_id };
  await saveCertifications({ ...base, input: { halalNumber: 'ID73110000123450525', nib: '9120001234567' } });
  if (product) {
    await saveLabelFacts({
      ...base,
      productId: product.id,
      input: {
        netWeight: '10 butir (± 650 g)',
        composition: 'telur itik, garam, abu gosok, sabut kelapa (untuk membakar)',
        producerName: 'HK05 Telur Asin Bakar',
        producerAddress: 'Dusun Romang Lompoa, Kec. Bontomarannu, Kab. Gowa, Sulawesi Selatan',
        registrationKind: 'pirt',
        registrationNumber: '2067371010123-29',
        productionCode: 'HK0526A',
        expiryDate: '2026-12-30',
      },
    });
  }
  // The badge template was drawn for HK05: keep its own texts rather than the full shop name.
  const logo = await createDesign({ ...base, locale: 'id', input: { kind: 'logo', name: 'Logo HK05', templateId: 'logo-lencana' } });
  const badge = structuredClone(findTemplate('logo-lencana')!.doc);
  for (const o of badge.objects as { factKey?: string }[]) delete o.factKey;
  await saveDesign({ ...base, designId: logo.id, locale: 'id', input: { doc: badge, note: 'seed' } });
  await createDesign({
    ...base,
    locale: 'id',
    input: { kind: 'label', name: 'Label Telur Asin Bakar isi 10', templateId: 'telur-asin', productId: product?.id ?? null },
  });
  await saveBrandKit({
    ...base,
    input: {
      logoDesignId: logo.id,
      colors: ['#7a2e0e', '#f08a24', '#c8902e', '#fbf3e4', '#3b2418'],
      headingFont: 'Lora',
      bodyFont: 'Poppins',
      tagline: 'Telur asin bakar khas Romang Lompoa',
    },
  });
  await publishBrandKit({ ...base, role: 'owner' });
}
