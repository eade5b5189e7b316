import sharp from 'sharp';
import type { Db } from '../src/server/db/index.ts';
import { bumpShopVersion, inShop } from '../src/server/tenant/index.ts';
import { saveMedia } from '../src/server/media/save-media.ts';
import { newId, nowIso } from '../src/server/util.ts';

/**
 * A full demo catalog for one shop (benchmarks, browser tests, screenshots): published products with
 * photos drawn here (no downloads), some with variants, a struck-through price, low and zero stock.
 * Photos are a handful of illustrations reused across products so seeding stays quick.
 */
type Kind = 'egg' | 'cake' | 'bag' | 'jar' | 'chips' | 'box';
interface DemoItem {
  name: string;
  category: string;
  price: number;
  kind: Kind;
  net: string;
  unit: string;
  variants?: [string, number][];
  compareAt?: number;
  stock?: number | null;
}

const ITEMS: DemoItem[] = [
  { name: 'Telur Asin Bakar isi 6', category: 'Telur asin', price: 22000, kind: 'egg', net: '6 butir', unit: 'pak', stock: 3 },
  { name: 'Telur Asin Asap', category: 'Telur asin', price: 4500, kind: 'egg', net: '1 butir', unit: 'butir', compareAt: 5000 },
  { name: 'Telur Asin Rendah Garam', category: 'Telur asin', price: 5000, kind: 'egg', net: '1 butir', unit: 'butir' },
  { name: 'Barongko Pisang', category: 'Kue tradisional', price: 15000, kind: 'cake', net: '5 bungkus', unit: 'pak', stock: 0 },
  { name: 'Kue Tori', category: 'Kue tradisional', price: 12000, kind: 'chips', net: '200 g', unit: 'toples' },
  { name: 'Bolu Cukke', category: 'Kue tradisional', price: 18000, kind: 'cake', net: '10 buah', unit: 'kotak' },
  { name: 'Kue Dange', category: 'Kue tradisional', price: 10000, kind: 'cake', net: '8 keping', unit: 'pak' },
  { name: 'Baje Kacang', category: 'Kue tradisional', price: 9000, kind: 'box', net: '150 g', unit: 'pak' },
  {
    name: 'Keripik Pisang Gowa',
    category: 'Camilan',
    price: 14000,
    kind: 'chips',
    net: '250 g',
    unit: 'pouch',
    variants: [
      ['Original', 14000],
      ['Balado', 15000],
      ['Cokelat', 16000],
    ],
  },
  { name: 'Keripik Singkong Pedas', category: 'Camilan', price: 12000, kind: 'chips', net: '200 g', unit: 'pouch' },
  { name: 'Abon Ikan Tuna', category: 'Lauk', price: 35000, kind: 'jar', net: '100 g', unit: 'toples', compareAt: 40000 },
  {
    name: 'Sambal Roa',
    category: 'Bumbu & sambal',
    price: 30000,
    kind: 'jar',
    net: '150 ml',
    unit: 'botol',
    variants: [
      ['Sedang', 30000],
      ['Pedas', 30000],
    ],
  },
  { name: 'Sambal Bawang', category: 'Bumbu & sambal', price: 25000, kind: 'jar', net: '150 ml', unit: 'botol' },
  { name: 'Gula Aren Malino', category: 'Bumbu & sambal', price: 20000, kind: 'box', net: '500 g', unit: 'bungkus' },
  {
    name: 'Kopi Robusta Malino',
    category: 'Minuman',
    price: 45000,
    kind: 'bag',
    net: '250 g',
    unit: 'pouch',
    variants: [
      ['250 g', 45000],
      ['500 g', 85000],
    ],
  },
  { name: 'Kopi Arabika Gowa', category: 'Minuman', price: 60000, kind: 'bag', net: '250 g', unit: 'pouch' },
  { name: 'Teh Serai Kering', category: 'Minuman', price: 15000, kind: 'bag', net: '50 g', unit: 'pouch' },
  { name: 'Madu Hutan Bawakaraeng', category: 'Minuman', price: 90000, kind: 'jar', net: '500 ml', unit: 'botol', stock: 2 },
  { name: 'Minyak Kelapa Kampung', category: 'Bumbu & sambal', price: 28000, kind: 'jar', net: '600 ml', unit: 'botol' },
  { name: 'Anyaman Lontar Kecil', category: 'Kerajinan', price: 40000, kind: 'box', net: '1 buah', unit: 'buah' },
];

const PALETTE = ['#f3e3c7', '#e9d5c0', '#dfe8d3', '#f2d9cf', '#e3dcef', '#d8e6ea', '#f4e8c1', '#ead7d1'];
const INK = ['#8a4a1f', '#6d3b12', '#52642b', '#9b3b2a', '#5a4a86', '#2f6477', '#8c6a12', '#7b3f4a'];

function drawing(kind: Kind, i: number, size: number): string {
  const bg = PALETTE[i % PALETTE.length]!;
  const ink = INK[(i * 3) % INK.length]!;
  const shapes: Record<Kind, string> = {
    egg: [0, 1, 2]
      .map(
        (k) =>
          `<ellipse cx="${32 + k * 18}" cy="${58 - (k % 2) * 8}" rx="13" ry="17" fill="#fbf6ee" stroke="${ink}" stroke-width="1.2"/><ellipse cx="${28 + k * 18}" cy="${51 - (k % 2) * 8}" rx="3.5" ry="5" fill="#fff" opacity=".8"/>`,
      )
      .join(''),
    cake: `<rect x="20" y="44" width="60" height="26" rx="6" fill="${ink}"/><rect x="20" y="38" width="60" height="12" rx="6" fill="#f7e7c6"/><circle cx="35" cy="36" r="4" fill="#c0392b"/><circle cx="50" cy="35" r="4" fill="#c0392b"/><circle cx="65" cy="36" r="4" fill="#c0392b"/>`,
    bag: `<path d="M30 28h40l4 50H26z" fill="${ink}"/><rect x="34" y="44" width="32" height="18" rx="3" fill="#f8efe0"/><circle cx="50" cy="53" r="5" fill="${ink}" opacity=".7"/><rect x="30" y="24" width="40" height="6" rx="2" fill="#3b2a1a"/>`,
    jar: `<rect x="32" y="30" width="36" height="10" rx="3" fill="#3b2a1a"/><rect x="28" y="38" width="44" height="42" rx="9" fill="${ink}"/><rect x="34" y="50" width="32" height="16" rx="3" fill="#f8efe0"/>`,
    chips: [0, 1, 2, 3, 4]
      .map(
        (k) =>
          `<ellipse cx="${30 + (k % 3) * 20}" cy="${48 + Math.floor(k / 3) * 14}" rx="14" ry="9" fill="${k % 2 ? '#e8b04a' : '#d99a2b'}" stroke="${ink}" stroke-width="1"/>`,
      )
      .join(''),
    box: `<path d="M22 40l28-12 28 12v30l-28 12-28-12z" fill="${ink}"/><path d="M22 40l28 12 28-12" fill="none" stroke="#f8efe0" stroke-width="2"/><path d="M50 52v30" stroke="#f8efe0" stroke-width="2"/>`,
  };
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">` +
    `<defs><radialGradient id="g" cx="50%" cy="40%" r="70%"><stop offset="0" stop-color="#fffaf2"/><stop offset="1" stop-color="${bg}"/></radialGradient></defs>` +
    `<rect width="100" height="100" fill="url(#g)"/><ellipse cx="50" cy="84" rx="34" ry="5" fill="#000" opacity=".08"/>${shapes[kind]}` +
    '</svg>'
  );
}

export async function demoPhoto(kind: Kind, i: number, size: number): Promise<Buffer> {
  return sharp(Buffer.from(drawing(kind, i, size)))
    .jpeg({ quality: 88 })
    .toBuffer();
}

/**
 * Top the shop up to `count` published products, every one with a photo (existing products get one
 * too). `photoSize` is the drawn original's width: 1000 for the benchmark, smaller in tests.
 */
export async function addDemoCatalog(db: Db, opts: { shopSlug: string; count: number; photoSize?: number; distinctPhotos?: number }) {
  const shop = await db.selectFrom('shops').select('id').where('slug', '=', opts.shopSlug).executeTakeFirstOrThrow();
  const size = opts.photoSize ?? 1000;
  const distinct = Math.max(1, opts.distinctPhotos ?? 8);
  const existing = await db.selectFrom('products').select(['id', 'name']).where('shop_id', '=', shop.id).orderBy('sort_order').execute();
  const photoless: { id: string; name: string }[] = [];
  for (const p of existing) {
    const has = await db
      .selectFrom('product_photos')
      .select('media_id')
      .where('shop_id', '=', shop.id)
      .where('product_id', '=', p.id)
      .executeTakeFirst();
    if (!has) photoless.push(p);
  }
  const published = await db
    .selectFrom('products')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shop_id', '=', shop.id)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  const missing = Math.max(0, opts.count - Number(published.n));

  // Draw and store the images first, each in its own short transaction (sharp's encoding must not hold
  // the database's write lock); photo k of a kind is reused every `distinct` products.
  const mediaIds = new Map<string, string>();
  const photoFor = async (kind: Kind, i: number) => {
    const key = `${kind}${i % distinct}`;
    let id = mediaIds.get(key);
    if (!id) {
      const data = await demoPhoto(kind, i % distinct, size);
      id = (await inShop(shop.id, (scope) => saveMedia(scope, { data, purpose: 'product_photo', visibility: 'public', userId: null }))).id;
      mediaIds.set(key, id);
    }
    return id;
  };
  const existingPhotos: { productId: string; alt: string; mediaId: string }[] = [];
  for (const [i, p] of photoless.entries()) existingPhotos.push({ productId: p.id, alt: p.name, mediaId: await photoFor('egg', i) });
  const plan: { i: number; item: DemoItem; round: number; name: string; photos: string[] }[] = [];
  for (let i = 0; i < missing; i++) {
    const item = ITEMS[i % ITEMS.length]!;
    const round = Math.floor(i / ITEMS.length);
    const name = round ? `${item.name} ${['Spesial', 'Hemat', 'Keluarga', 'Oleh-oleh'][round - 1] ?? round + 1}` : item.name;
    const photos = [await photoFor(item.kind, i)];
    if (i % 4 === 0) photos.push(await photoFor(item.kind, i + 1));
    plan.push({ i, item, round, name, photos });
  }

  return inShop(shop.id, async (scope) => {
    const { tx, shopId } = scope;
    const now = nowIso();
    for (const ph of existingPhotos) {
      await tx
        .insertInto('product_photos')
        .values({ shop_id: shopId, product_id: ph.productId, media_id: ph.mediaId, alt: ph.alt, sort_order: 0 })
        .execute();
    }
    let added = 0;
    for (const { i, item, round, name, photos } of plan) {
      const slug = name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      const clash = await tx.selectFrom('products').select('id').where('shop_id', '=', shopId).where('slug', '=', slug).executeTakeFirst();
      if (clash) continue;
      const id = newId();
      await tx
        .insertInto('products')
        .values({
          shop_id: shopId,
          id,
          slug,
          name,
          description: `${name} buatan UMKM desa di Kabupaten Gowa. Dibuat dalam jumlah kecil, dikemas rapi, cocok untuk oleh-oleh.`,
          price: item.price + round * 1000,
          compare_at_price: item.compareAt ? item.compareAt + round * 1000 : null,
          unit_cost: Math.round(item.price * 0.6),
          unit: item.unit,
          net_content: item.net,
          sku: null,
          category: item.category,
          stock: item.stock === undefined ? 20 + i : item.stock,
          status: 'published',
          sort_order: 100 + i,
          created_at: now,
          updated_at: now,
        })
        .execute();
      for (const [j, [vname, vprice]] of (item.variants ?? []).entries()) {
        await tx
          .insertInto('product_variants')
          .values({
            shop_id: shopId,
            id: newId(),
            product_id: id,
            name: vname,
            sku: null,
            price: vprice + round * 1000,
            compare_at_price: null,
            unit_cost: Math.round(vprice * 0.6),
            stock: j === 2 ? 0 : 15,
            sort_order: j,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      for (const [k, mediaId] of photos.entries()) {
        await tx
          .insertInto('product_photos')
          .values({ shop_id: shopId, product_id: id, media_id: mediaId, alt: k === 0 ? name : '', sort_order: k })
          .execute();
      }
      added++;
    }
    await bumpShopVersion(scope);
    return { shopId, added };
  });
}
