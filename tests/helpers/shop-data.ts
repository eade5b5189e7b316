import sharp from 'sharp';
import type { TestServer } from './server.ts';

/**
 * Reach into a running test server's database from the test process (the same SQLite file or PostgreSQL
 * database, and the same DATA_DIR for media), to set up catalog rows the catalog slice's screens would make.
 */
export async function useServerDatabase(server: TestServer) {
  Object.assign(process.env, server.db.env);
  if (!server.db.env.DATABASE_URL) delete process.env.DATABASE_URL;
  const { resetConfig } = await import('#server/config.ts');
  resetConfig();
  const { db, closeDb } = await import('#server/db/index.ts');
  return { db, close: closeDb };
}

export async function shopId(slug: string): Promise<string> {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  return (await db().selectFrom('shops').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

export async function bumpVersion(slug: string): Promise<void> {
  const { inShop, bumpShopVersion } = await import('#server/tenant/index.ts');
  await inShop(await shopId(slug), (scope) => bumpShopVersion(scope));
}

export async function testPhoto(color = '#c06030', width = 480, height = 360): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } })
    .jpeg()
    .toBuffer();
}

export interface NewProduct {
  slug: string;
  name: string;
  price: number;
  description?: string;
  category?: string;
  stock?: number | null;
  status?: 'draft' | 'published';
  compareAt?: number | null;
  variants?: { name: string; price: number; stock?: number | null }[];
  photos?: number;
  sortOrder?: number;
}

/** Insert a product (with photos through the real media pipeline) and bump the shop version, as catalog edits do. */
export async function addProduct(shopSlug: string, p: NewProduct): Promise<string> {
  const { inShop, bumpShopVersion } = await import('#server/tenant/index.ts');
  const { saveMedia } = await import('#server/media/save-media.ts');
  const { newId, nowIso } = await import('#server/util.ts');
  const id = await shopId(shopSlug);
  const media: string[] = [];
  for (let i = 0; i < (p.photos ?? 1); i++) {
    const data = await testPhoto(['#c06030', '#3070c0', '#30a060'][i % 3], 480, 360);
    media.push((await inShop(id, (scope) => saveMedia(scope, { data, purpose: 'product_photo', visibility: 'public', userId: null }))).id);
  }
  const productId = newId();
  await inShop(id, async (scope) => {
    const { tx, shopId: sid } = scope;
    const now = nowIso();
    await tx
      .insertInto('products')
      .values({
        shop_id: sid,
        id: productId,
        slug: p.slug,
        name: p.name,
        description: p.description ?? '',
        price: p.price,
        compare_at_price: p.compareAt ?? null,
        unit_cost: Math.round(p.price / 2),
        unit: 'pcs',
        net_content: '100 g',
        sku: null,
        category: p.category ?? 'Lain-lain',
        stock: p.stock === undefined ? 10 : p.stock,
        status: p.status ?? 'published',
        sort_order: p.sortOrder ?? 50,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const [j, v] of (p.variants ?? []).entries()) {
      await tx
        .insertInto('product_variants')
        .values({
          shop_id: sid,
          id: newId(),
          product_id: productId,
          name: v.name,
          sku: null,
          price: v.price,
          compare_at_price: null,
          unit_cost: 1,
          stock: v.stock === undefined ? 5 : v.stock,
          sort_order: j,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    for (const [k, m] of media.entries()) {
      await tx.insertInto('product_photos').values({ shop_id: sid, product_id: productId, media_id: m, alt: '', sort_order: k }).execute();
    }
    await bumpShopVersion(scope);
  });
  return productId;
}
