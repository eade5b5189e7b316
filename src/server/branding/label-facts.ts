import { absoluteUrl } from '../config.ts';
import type { ShopScope } from '../tenant/index.ts';
import { EMPTY_FACTS, type LabelFacts } from '#brand/facts.ts';

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
    ...EMPTY_FACTS,
    producerName: shop.name,
    producerAddress: shop.address,
    halalNumber: cert?.halal_number ?? '',
    shopName: shop.name,
    tagline,
  };
  if (!productId) return base;
  const product = await tx
    .selectFrom('products')
    .select(['id', 'name', 'net_content'])
    .where('shop_id', '=', shopId)
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!product) return base;
  const f = await tx
    .selectFrom('product_label_facts')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
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
