import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { useTestDatabase } from '../helpers/db.ts';

/** The catalog's domain functions on a fresh seeded database (SQLite, or PostgreSQL with DATABASE_URL). */
let env: Awaited<ReturnType<typeof useTestDatabase>>;
let hk05: { id: string; slug: string };
let roti: { id: string; slug: string };
let ownerId: string;
let staffId: string;

type Catalog = typeof import('#server/catalog/create-product.ts') &
  typeof import('#server/catalog/update-product.ts') &
  typeof import('#server/catalog/delete-product.ts') &
  typeof import('#server/catalog/get-product.ts') &
  typeof import('#server/catalog/add-product-photos.ts') &
  typeof import('#server/catalog/move-product-photo.ts') &
  typeof import('#server/catalog/set-product-photo-alt.ts') &
  typeof import('#server/catalog/delete-product-photo.ts') &
  typeof import('#server/catalog/list-public-products.ts') &
  typeof import('#server/catalog/list-products.ts');
let c: Catalog;
let db: typeof import('#server/db/index.ts').db;

beforeAll(async () => {
  env = await useTestDatabase({ seed: true });
  db = (await import('#tests/helpers/db.ts')).ownerDb;
  c = Object.assign(
    {},
    await import('#server/catalog/create-product.ts'),
    await import('#server/catalog/update-product.ts'),
    await import('#server/catalog/delete-product.ts'),
    await import('#server/catalog/get-product.ts'),
    await import('#server/catalog/add-product-photos.ts'),
    await import('#server/catalog/move-product-photo.ts'),
    await import('#server/catalog/set-product-photo-alt.ts'),
    await import('#server/catalog/delete-product-photo.ts'),
    await import('#server/catalog/list-public-products.ts'),
    await import('#server/catalog/list-products.ts'),
  );
  hk05 = await db().selectFrom('shops').select(['id', 'slug']).where('slug', '=', 'hk05').executeTakeFirstOrThrow();
  roti = await db().selectFrom('shops').select(['id', 'slug']).where('slug', '=', 'roti-balang').executeTakeFirstOrThrow();
  ownerId = (await db().selectFrom('users').select('id').where('email', '=', 'pemilik@hk05.test').executeTakeFirstOrThrow()).id;
  staffId = (await db().selectFrom('users').select('id').where('email', '=', 'staf@hk05.test').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await env.close();
});

const version = async (shopId = hk05.id) =>
  (await db().selectFrom('shops').select('version').where('id', '=', shopId).executeTakeFirstOrThrow()).version;
const count = async (table: 'products' | 'product_variants' | 'product_photos' | 'media', shopId = hk05.id) =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('shop_id', '=', shopId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const mediaDir = (shopId = hk05.id) => path.join(env.dir, 'media', shopId);
const storedFiles = (shopId = hk05.id) => (fs.existsSync(mediaDir(shopId)) ? fs.readdirSync(mediaDir(shopId)).sort() : []);
const jpeg = (w = 900, h = 700, color = '#c06030') =>
  sharp({ create: { width: w, height: h, channels: 3, background: color } })
    .jpeg()
    .toBuffer();
async function rejected(p: Promise<unknown>): Promise<{ status: number; fields: Record<string, string[]>; messageKey: string }> {
  try {
    await p;
  } catch (e) {
    return e as never;
  }
  throw new Error('expected a rejection');
}

const base = { name: 'Abon Ikan Cakalang', price: 27000, unit: 'toples', stock: 10 };

describe(`catalog domain (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('the seed gives HK05 a realistic catalog with a variant product, photos and a profile', async () => {
    const items = await c.listPublicProducts(hk05);
    expect(items.length).toBeGreaterThanOrEqual(5);
    const egg = items.find((p) => p.slug === 'telur-asin-bakar')!;
    expect(egg.variants.map((v) => v.name)).toEqual(['Isi 6', 'Isi 10', 'Isi 30']);
    expect([egg.priceMin, egg.priceMax]).toEqual([21000, 99000]);
    for (const p of items) expect(p.photos.length, p.name).toBe(1);
    expect(items.find((p) => p.slug === 'telur-itik-segar-isi-10')!.stockStatus).toBe('low_stock');
    expect(items.some((p) => p.slug === 'keripik-putih-telur')).toBe(false); // a draft
    const json = JSON.stringify(items);
    expect(json).not.toMatch(/unitCost|unit_cost|"sku"/);
    const photo = items[0]!.photos[0]!;
    expect(fs.existsSync(path.join(env.dir, 'media', hk05.id, photo.id, '640.avif'))).toBe(true);
    const { parseShopProfile, deliveryChoices } = await import('#server/shops/profile.ts');
    const row = await db().selectFrom('shops').select('profile').where('id', '=', hk05.id).executeTakeFirstOrThrow();
    const profile = parseShopProfile(row.profile);
    expect(deliveryChoices(profile).map((d) => [d.method, d.fee])).toEqual([
      ['pickup', 0],
      ['local', 10000],
      ['courier', null],
    ]);
    expect(profile.social.instagram).toBeTruthy();
    expect(profile.hours.mon.open).toBe('08:00');
  });

  it('creates a product with variants, an automatic slug and costs (owner), bumping the version', async () => {
    const v0 = await version();
    const p = await c.createProduct({
      shopId: hk05.id,
      userId: ownerId,
      role: 'owner',
      input: {
        ...base,
        unitCost: 15000,
        variants: [
          { name: 'Pedas', price: 27000, unitCost: 15500, stock: 5 },
          { name: 'Original', price: 25000, compareAtPrice: 28000, stock: null },
        ],
      },
    });
    expect(p.slug).toBe('abon-ikan-cakalang');
    expect(p.status).toBe('draft');
    expect(p.unitCost).toBe(15000);
    expect(p.variants.map((v) => [v.name, v.price, v.unitCost, v.stock])).toEqual([
      ['Pedas', 27000, 15500, 5],
      ['Original', 25000, null, null],
    ]);
    expect(await version()).toBe(v0 + 1);
    const again = await c.createProduct({ shopId: hk05.id, userId: ownerId, role: 'owner', input: base });
    expect(again.slug).toBe('abon-ikan-cakalang-2');
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('shop_id', '=', hk05.id)
      .where('action', '=', 'product.created')
      .execute();
    expect(audit.length).toBe(2);
    await c.deleteProduct({ shopId: hk05.id, userId: ownerId, role: 'owner', productId: again.id });
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = [await count('products'), await count('product_variants'), await version()];
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, compareAtPrice: 27000 }, 'compareAtPrice'],
      [{ ...base, compareAtPrice: 1000 }, 'compareAtPrice'],
      [{ ...base, slug: 'abon-ikan-cakalang' }, 'slug'],
      [{ ...base, slug: 'sambal-telur-asin' }, 'slug'],
      [{ ...base, name: 'Abon Lain', variants: [{ name: 'A', price: 100, compareAtPrice: 100 }] }, 'variants.0.compareAtPrice'],
      [
        {
          ...base,
          name: 'Abon Lain',
          variants: [
            { name: 'A', price: 100 },
            { name: 'a', price: 200 },
          ],
        },
        'variants.1.name',
      ],
    ];
    for (const [input, field] of cases) {
      const e = await rejected(c.createProduct({ shopId: hk05.id, userId: ownerId, role: 'owner', input: input as never }));
      expect(e.status, field).toBe(400);
      expect(Object.keys(e.fields), JSON.stringify(input)).toEqual([field]);
    }
    expect([await count('products'), await count('product_variants'), await version()]).toEqual(before);
  });

  it('updates fields and replaces variants: edit, add, remove and swap names in one call', async () => {
    const p = (await c.listProducts({ shopId: hk05.id })).items.find((x) => x.slug === 'abon-ikan-cakalang')!;
    const full = await c.getProduct({ shopId: hk05.id, productId: p.id, role: 'owner' });
    const [pedas, original] = full.variants;
    const v0 = await version();
    const updated = await c.updateProduct({
      shopId: hk05.id,
      userId: ownerId,
      productId: p.id,
      role: 'owner',
      input: {
        price: 26000,
        status: 'published',
        variants: [
          { id: original!.id, name: 'Pedas', price: 25500 }, // takes the other variant's name
          { id: pedas!.id, name: 'Original', price: 27000, stock: 3 },
          { name: 'Manis', price: 26000, unitCost: 14000 },
        ],
      },
    });
    expect(await version()).toBe(v0 + 1);
    expect(updated.price).toBe(26000);
    expect(updated.description).toBe(full.description); // absent = unchanged
    expect(updated.unitCost).toBe(15000);
    expect(updated.variants.map((v) => [v.id, v.name, v.price, v.stock, v.unitCost, v.compareAtPrice])).toEqual([
      [original!.id, 'Pedas', 25500, null, null, 28000],
      [pedas!.id, 'Original', 27000, 3, 15500, null],
      [expect.any(String), 'Manis', 26000, null, 14000, null],
    ]);
    const removed = await c.updateProduct({
      shopId: hk05.id,
      userId: ownerId,
      productId: p.id,
      role: 'owner',
      input: { variants: [{ id: pedas!.id, name: 'Original', price: 27000 }] },
    });
    expect(removed.variants.map((v) => v.name)).toEqual(['Original']);
    expect(removed.variants[0]!.stock).toBe(3); // absent stock in a kept variant stays
  });

  it('refuses unknown or foreign variant ids, compare-at under a new price, and slug clashes on update', async () => {
    const p = (await c.listProducts({ shopId: hk05.id })).items.find((x) => x.slug === 'abon-ikan-cakalang')!;
    const egg = (await c.listPublicProducts(hk05)).find((x) => x.slug === 'telur-asin-bakar')!;
    const upd = (input: Record<string, unknown>) =>
      rejected(c.updateProduct({ shopId: hk05.id, userId: ownerId, productId: p.id, role: 'owner', input: input as never }));
    expect((await upd({ variants: [{ id: 'nope', name: 'X', price: 1 }] })).fields).toHaveProperty(['variants.0.id']);
    expect((await upd({ variants: [{ id: egg.variants[0]!.id, name: 'X', price: 1 }] })).fields).toHaveProperty(['variants.0.id']);
    await c.updateProduct({ shopId: hk05.id, userId: ownerId, productId: p.id, role: 'owner', input: { compareAtPrice: 30000 } });
    expect((await upd({ price: 30000 })).fields).toHaveProperty('price');
    expect((await upd({ slug: 'telur-asin-bakar' })).fields).toEqual({ slug: ['catalog.slugTaken'] });
    const after = await c.getProduct({ shopId: hk05.id, productId: p.id, role: 'owner' });
    expect([after.price, after.slug, after.variants.length]).toEqual([26000, 'abon-ikan-cakalang', 1]);
  });

  it('staff never see or change unit costs, whatever they send', async () => {
    const p = (await c.listProducts({ shopId: hk05.id })).items.find((x) => x.slug === 'abon-ikan-cakalang')!;
    const asStaff = await c.getProduct({ shopId: hk05.id, productId: p.id, role: 'staff' });
    expect(JSON.stringify(asStaff)).not.toContain('unitCost');
    const v = asStaff.variants[0]!;
    const res = await c.updateProduct({
      shopId: hk05.id,
      userId: staffId,
      productId: p.id,
      role: 'staff',
      input: {
        name: 'Abon Ikan Cakalang Gowa',
        unitCost: 1,
        variants: [
          { id: v.id, name: v.name, price: v.price, unitCost: 2 },
          { name: 'Baru', price: 9000, unitCost: 3 },
        ],
      },
    });
    expect(JSON.stringify(res)).not.toContain('unitCost');
    const costs = await db()
      .selectFrom('product_variants')
      .select(['name', 'unit_cost'])
      .where('shop_id', '=', hk05.id)
      .where('product_id', '=', p.id)
      .orderBy('sort_order')
      .execute();
    expect(costs).toEqual([
      { name: 'Original', unit_cost: 15500 },
      { name: 'Baru', unit_cost: null },
    ]);
    const row = await db().selectFrom('products').select(['name', 'unit_cost']).where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Abon Ikan Cakalang Gowa', unit_cost: 15000 });
    const created = await c.createProduct({
      shopId: hk05.id,
      userId: staffId,
      role: 'staff',
      input: { ...base, name: 'Dibuat Staf', unitCost: 5000 },
    });
    expect(
      (await db().selectFrom('products').select('unit_cost').where('id', '=', created.id).executeTakeFirstOrThrow()).unit_cost,
    ).toBeNull();
    await c.deleteProduct({ shopId: hk05.id, userId: staffId, role: 'staff', productId: created.id });
  });

  it("another shop's product is not found through a shop, and nothing of it changes", async () => {
    const rotiProduct = (await c.listPublicProducts(roti))[0]!;
    const rv = await version(roti.id);
    const image = await jpeg();
    const calls: (() => Promise<unknown>)[] = [
      () => c.getProduct({ shopId: hk05.id, productId: rotiProduct.id, role: 'owner' }),
      () => c.updateProduct({ shopId: hk05.id, userId: ownerId, productId: rotiProduct.id, role: 'owner', input: { name: 'Dibajak' } }),
      () => c.deleteProduct({ shopId: hk05.id, userId: ownerId, role: 'owner', productId: rotiProduct.id }),
      () => c.addProductPhotos({ shopId: hk05.id, userId: ownerId, role: 'owner', productId: rotiProduct.id, files: [image] }),
      () =>
        c.deleteProductPhoto({
          shopId: hk05.id,
          userId: ownerId,
          role: 'owner',
          productId: rotiProduct.id,
          mediaId: rotiProduct.photos[0]!.id,
        }),
      () =>
        c.moveProductPhoto({
          shopId: hk05.id,
          role: 'owner',
          productId: rotiProduct.id,
          mediaId: rotiProduct.photos[0]!.id,
          direction: 'down',
        }),
      () =>
        c.setProductPhotoAlt({ shopId: hk05.id, role: 'owner', productId: rotiProduct.id, mediaId: rotiProduct.photos[0]!.id, alt: 'x' }),
    ];
    for (const call of calls) expect(await rejected(call())).toMatchObject({ status: 404, messageKey: 'catalog.productNotFound' });
    // A photo of another shop through one's own product: also not found.
    const mine = (await c.listPublicProducts(hk05))[0]!;
    expect(
      await rejected(
        c.deleteProductPhoto({ shopId: hk05.id, userId: ownerId, role: 'owner', productId: mine.id, mediaId: rotiProduct.photos[0]!.id }),
      ),
    ).toMatchObject({ status: 404, messageKey: 'catalog.photoNotFound' });
    const still = (await c.listPublicProducts(roti))[0]!;
    expect(still).toEqual(rotiProduct);
    expect(await version(roti.id)).toBe(rv);
    expect(fs.existsSync(path.join(env.dir, 'media', roti.id, rotiProduct.photos[0]!.id, '640.jpg'))).toBe(true);
  });

  it('photos: upload several, reorder, caption, delete (files too), at most 8', async () => {
    const p = (await c.listProducts({ shopId: hk05.id })).items.find((x) => x.slug === 'abon-ikan-cakalang')!;
    let v = await version();
    const photos = await c.addProductPhotos({
      shopId: hk05.id,
      userId: ownerId,
      role: 'owner',
      productId: p.id,
      files: [await jpeg(900, 700, '#aa3300'), await jpeg(600, 900, '#0033aa')],
      alt: 'Toples abon',
    });
    expect(photos.map((x) => [x.width, x.height, x.alt])).toEqual([
      [900, 700, 'Toples abon'],
      [600, 900, 'Toples abon'],
    ]);
    expect(await version()).toBe(v + 1);
    const [a, b] = photos.map((x) => x.id);
    await c.moveProductPhoto({ shopId: hk05.id, role: 'owner', productId: p.id, mediaId: b!, direction: 'up' });
    await c.setProductPhotoAlt({ shopId: hk05.id, role: 'owner', productId: p.id, mediaId: a!, alt: '<b>tutup</b>' });
    expect(await version()).toBe(v + 3);
    let now = (await c.getProduct({ shopId: hk05.id, productId: p.id, role: 'staff' })).photos;
    expect(now.map((x) => [x.id, x.alt])).toEqual([
      [b, 'Toples abon'],
      [a, '<b>tutup</b>'],
    ]);
    await c.moveProductPhoto({ shopId: hk05.id, role: 'owner', productId: p.id, mediaId: b!, direction: 'up' }); // already first: no change
    expect((await c.getProduct({ shopId: hk05.id, productId: p.id, role: 'staff' })).photos.map((x) => x.id)).toEqual([b, a]);

    const six = await Promise.all(Array.from({ length: 6 }, (_, i) => jpeg(400, 300, `#10${i}0${i}0`)));
    expect((await c.addProductPhotos({ shopId: hk05.id, userId: ownerId, role: 'owner', productId: p.id, files: six })).length).toBe(8);
    const files = storedFiles();
    const [mediaRows, photoRows] = [await count('media'), await count('product_photos')];
    v = await version();
    const ninth = await rejected(
      c.addProductPhotos({ shopId: hk05.id, userId: ownerId, role: 'owner', productId: p.id, files: [await jpeg()] }),
    );
    expect(ninth).toMatchObject({ status: 400, fields: { file: ['catalog.photoLimit'] } });
    expect([storedFiles(), await count('media'), await count('product_photos'), await version()]).toEqual([files, mediaRows, photoRows, v]);

    await c.deleteProductPhoto({ shopId: hk05.id, userId: ownerId, role: 'owner', productId: p.id, mediaId: a! });
    expect(storedFiles()).not.toContain(a);
    expect(
      await db().selectFrom('media').select('id').where('shop_id', '=', hk05.id).where('id', '=', a!).executeTakeFirst(),
    ).toBeUndefined();
    now = (await c.getProduct({ shopId: hk05.id, productId: p.id, role: 'staff' })).photos;
    expect(now.length).toBe(7);
  });

  it('bad images and bombs are refused before anything is written', async () => {
    const p = (await c.listProducts({ shopId: hk05.id })).items.find((x) => x.slug === 'sambal-telur-asin')!;
    const files = storedFiles();
    const before = [await count('media'), await count('product_photos'), await version()];
    const bomb = await sharp({ create: { width: 12000, height: 12000, channels: 3, background: '#000' }, limitInputPixels: false })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const cases: [Buffer[], string][] = [
      [[Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')], 'media.notImage'],
      [[await jpeg(), Buffer.from('not an image')], 'media.notImage'],
      [[(await jpeg()).subarray(0, 100)], 'media.notImage'],
      [[Buffer.alloc(15 * 1024 * 1024 + 1, 0xff)], 'media.tooLarge'],
      [[bomb], 'media.tooManyPixels'],
      [[], 'catalog.photoMissing'],
    ];
    for (const [input, key] of cases) {
      const e = await rejected(c.addProductPhotos({ shopId: hk05.id, userId: ownerId, role: 'owner', productId: p.id, files: input }));
      expect(e, key).toMatchObject({ status: 400, fields: { file: [key] } });
    }
    expect([storedFiles(), await count('media'), await count('product_photos'), await version()]).toEqual([files, ...before]);
  });

  it('deleting a product removes its variants, photos and stored files', async () => {
    const p = (await c.listProducts({ shopId: hk05.id })).items.find((x) => x.slug === 'abon-ikan-cakalang')!;
    const full = await c.getProduct({ shopId: hk05.id, productId: p.id, role: 'staff' });
    expect(full.photos.length).toBe(7);
    const v = await version();
    await c.deleteProduct({ shopId: hk05.id, userId: ownerId, role: 'owner', productId: p.id });
    expect(await version()).toBe(v + 1);
    expect(await rejected(c.getProduct({ shopId: hk05.id, productId: p.id, role: 'staff' }))).toMatchObject({ status: 404 });
    expect(
      await db().selectFrom('product_variants').select('id').where('shop_id', '=', hk05.id).where('product_id', '=', p.id).execute(),
    ).toEqual([]);
    expect(
      await db().selectFrom('product_photos').select('media_id').where('shop_id', '=', hk05.id).where('product_id', '=', p.id).execute(),
    ).toEqual([]);
    const left = storedFiles();
    for (const ph of full.photos) expect(left).not.toContain(ph.id);
  });

  it('/q links: found by id for published products only, whatever the slugs become', async () => {
    const { findPublishedProductLink } = await import('#server/tenant/cross-shop.ts');
    const { updateShop } = await import('#server/shops/update-shop.ts');
    const p = (await c.listPublicProducts(hk05)).find((x) => x.slug === 'sambal-telur-asin')!;
    expect(await findPublishedProductLink(p.id)).toEqual({ shopSlug: 'hk05', productSlug: 'sambal-telur-asin' });
    await c.updateProduct({
      shopId: hk05.id,
      userId: ownerId,
      productId: p.id,
      role: 'owner',
      input: { slug: 'sambal-bawang-telur-asin' },
    });
    await updateShop({ shopId: hk05.id, userId: ownerId, role: 'owner', input: { slug: 'hk05-gowa' } });
    expect(await findPublishedProductLink(p.id)).toEqual({ shopSlug: 'hk05-gowa', productSlug: 'sambal-bawang-telur-asin' });
    await updateShop({ shopId: hk05.id, userId: ownerId, role: 'owner', input: { slug: 'hk05' } });
    await c.updateProduct({ shopId: hk05.id, userId: ownerId, productId: p.id, role: 'owner', input: { status: 'draft' } });
    expect(await findPublishedProductLink(p.id)).toBeUndefined();
    expect(await findPublishedProductLink('doesnotexist0000')).toBeUndefined();
    await c.updateProduct({
      shopId: hk05.id,
      userId: ownerId,
      productId: p.id,
      role: 'owner',
      input: { status: 'published', slug: 'sambal-telur-asin' },
    });
  });

  it('the shop profile is saved by updateShop, bumps the version and keeps the other fields', async () => {
    const { updateShop } = await import('#server/shops/update-shop.ts');
    const { parseShopProfile } = await import('#server/shops/profile.ts');
    const { shopUpdateInput } = await import('#server/shops/schemas.ts');
    const before = await db().selectFrom('shops').selectAll().where('id', '=', hk05.id).executeTakeFirstOrThrow();
    const input = shopUpdateInput.parse({
      profile: { hoursNote: '<script>alert(1)</script>', social: { instagram: '@hk05.baru', website: 'https://hk05.example' } },
    });
    await updateShop({ shopId: hk05.id, userId: ownerId, role: 'owner', input });
    const after = await db().selectFrom('shops').selectAll().where('id', '=', hk05.id).executeTakeFirstOrThrow();
    expect(after.version).toBe(before.version + 1);
    expect([after.description, after.address, after.locale, after.name]).toEqual([
      before.description,
      before.address,
      before.locale,
      before.name,
    ]);
    const p = parseShopProfile(after.profile);
    expect(p.hoursNote).toBe('<script>alert(1)</script>');
    expect(p.social).toMatchObject({ instagram: 'hk05.baru', website: 'https://hk05.example/' });
    expect(p.delivery).toEqual(parseShopProfile(before.profile).delivery); // sections not sent stay
  });
});
