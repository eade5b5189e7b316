import { NotFound } from '../errors.ts';
import { nowIso } from '../util.ts';
import { absoluteUrl } from '../config.ts';
import { inShop, type ShopScope } from '../tenant/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { EMPTY_FACTS, missingFacts, type LabelFacts } from '../../brand/facts.ts';
import type { LabelFactsInput } from './schemas.ts';
import type { z } from 'zod';
import type { certificationsInput } from './schemas.ts';

/** The permanent short link a label's QR code points at (catalog serves /q/{id}). */
export function productShortUrl(productId: string): string {
  return absoluteUrl(`/q/${productId}`);
}

/** Shop-level facts every label shares: name, address, halal number, tagline. */
async function shopFacts(scope: ShopScope) {
  const { tx, shopId } = scope;
  const shop = await tx.selectFrom('shops').select(['name', 'address']).where('id', '=', shopId).executeTakeFirstOrThrow();
  const cert = await tx.selectFrom('shop_certifications').selectAll().where('shop_id', '=', shopId).executeTakeFirst();
  const kit = await tx.selectFrom('brand_kits').select(['tagline']).where('shop_id', '=', shopId).executeTakeFirst();
  return { shop, cert, tagline: kit?.tagline ?? '' };
}

/** The facts a label of this product prints: product row, its label facts, the shop's certification. */
export async function labelFactsIn(scope: ShopScope, productId: string | null): Promise<LabelFacts> {
  const { tx, shopId } = scope;
  const { shop, cert, tagline } = await shopFacts(scope);
  const base: LabelFacts = {
    ...EMPTY_FACTS, producerName: shop.name, producerAddress: shop.address, halalNumber: cert?.halal_number ?? '',
    shopName: shop.name, tagline,
  };
  if (!productId) return base;
  const product = await tx.selectFrom('products').select(['id', 'name', 'net_content'])
    .where('shop_id', '=', shopId).where('id', '=', productId).executeTakeFirst();
  if (!product) return base;
  const f = await tx.selectFrom('product_label_facts').selectAll()
    .where('shop_id', '=', shopId).where('product_id', '=', productId).executeTakeFirst();
  return {
    ...base,
    productName: product.name,
    netWeight: f?.net_weight || product.net_content,
    composition: f?.composition ?? '',
    producerName: f?.producer_name || shop.name,
    producerAddress: f?.producer_address || shop.address,
    registrationKind: f?.registration_kind ?? '',
    registrationNumber: f?.registration_number ?? '',
    productionCode: f?.production_code ?? '',
    expiryDate: f?.expiry_date ?? '',
    shortUrl: productShortUrl(product.id),
  };
}

/** Products with their label facts and what is still missing, for the studio's facts panel. */
export async function listLabelFacts(opts: { shopId: string }) {
  return inShop(opts.shopId, async (scope) => {
    const products = await scope.tx.selectFrom('products').select(['id', 'name', 'slug'])
      .where('shop_id', '=', scope.shopId).orderBy('sort_order').orderBy('name').execute();
    const out = [];
    for (const p of products) {
      const facts = await labelFactsIn(scope, p.id);
      out.push({ productId: p.id, slug: p.slug, name: p.name, facts, missing: missingFacts(facts) });
    }
    const cert = await scope.tx.selectFrom('shop_certifications').selectAll().where('shop_id', '=', scope.shopId).executeTakeFirst();
    return { products: out, certifications: { halalNumber: cert?.halal_number ?? '', nib: cert?.nib ?? '' } };
  });
}

export async function saveLabelFacts(opts: { shopId: string; userId: string; productId: string; input: LabelFactsInput; ip?: string }) {
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const product = await tx.selectFrom('products').select('id').where('shop_id', '=', shopId).where('id', '=', opts.productId).executeTakeFirst();
    if (!product) throw new NotFound();
    const i = opts.input;
    const values = {
      net_weight: i.netWeight, composition: i.composition, producer_name: i.producerName, producer_address: i.producerAddress,
      registration_kind: i.registrationKind, registration_number: i.registrationNumber, production_code: i.productionCode,
      expiry_date: i.expiryDate, updated_by: opts.userId, updated_at: nowIso(),
    };
    await tx.insertInto('product_label_facts').values({ shop_id: shopId, product_id: opts.productId, ...values })
      .onConflict((oc) => oc.columns(['shop_id', 'product_id']).doUpdateSet(values)).execute();
    await recordAudit({ tx, shopId, userId: opts.userId, action: 'brand.factsUpdated', ip: opts.ip, details: { productId: opts.productId } });
    const facts = await labelFactsIn(scope, opts.productId);
    return { facts, missing: missingFacts(facts) };
  });
}

export async function saveCertifications(opts: { shopId: string; userId: string; input: z.output<typeof certificationsInput>; ip?: string }) {
  return inShop(opts.shopId, async ({ tx, shopId }) => {
    const values = { halal_number: opts.input.halalNumber, nib: opts.input.nib, updated_at: nowIso() };
    await tx.insertInto('shop_certifications').values({ shop_id: shopId, ...values })
      .onConflict((oc) => oc.column('shop_id').doUpdateSet(values)).execute();
    await recordAudit({ tx, shopId, userId: opts.userId, action: 'brand.certificationsUpdated', ip: opts.ip, details: { halal: !!opts.input.halalNumber } });
    return { halalNumber: values.halal_number, nib: values.nib };
  });
}
