import sharp from 'sharp';
import { ensureChart } from '../src/server/ledger/ensure-chart.ts';
import { sql } from 'kysely';
import { dialect, type Db } from '../src/server/db/index.ts';
import { config } from '../src/server/config.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { newId, newToken, nowIso } from '../src/server/util.ts';
import { processImage, type ProcessedImage } from '../src/server/media/process-image.ts';
import { saveMedia } from '../src/server/media/save-media.ts';
import type { ShopProfile } from '../src/server/shops/profile.ts';
import { defaultShopProfile } from '../src/server/shops/profile.ts';
import { productArt, type ArtKind } from './seed-art.ts';
import { seedBrand } from './seed-brand.ts';
import { seedTraining } from './seed-training.ts';
import { seedHistory, type HistoryShop } from './seed-history.ts';
import { applyOfficialAreas } from '../src/server/areas/apply-official-areas.ts';

export interface DemoCredentials {
  role: string;
  name: string;
  email: string;
  phone: string;
  password: string;
}

const PROGRAM = { slug: 'ovop-gowa', name: 'OVOP Kabupaten Gowa', timezone: 'Asia/Makassar', home_destination: '7306' };
const DISTRICT = { slug: 'bontomarannu', name: 'Bontomarannu' };
const VILLAGES = [
  { slug: 'romang-lompoa', name: 'Romang Lompoa' },
  { slug: 'balang-balang', name: 'Balang-Balang' },
  { slug: 'borongloe', name: 'Borongloe' },
];

interface SeedVariant {
  name: string;
  price: number;
  compareAt?: number;
  cost: number;
  stock: number | null;
}
interface SeedProduct {
  slug: string;
  name: string;
  price: number;
  cost: number;
  net: string;
  unit: string;
  category: string;
  stock: number | null;
  description: string;
  compareAt?: number;
  status?: 'draft' | 'published';
  variants?: SeedVariant[];
  /** The generated picture: illustration and colours. */
  art: { kind: ArtKind; background: string; accent: string };
}
type WeekHours = Partial<Record<keyof ShopProfile['hours'], [string, string] | 'closed'>>;
interface SeedShop {
  slug: string;
  name: string;
  village: string;
  whatsapp: string;
  description: string;
  address: string;
  products: SeedProduct[];
  profile: { hours: WeekHours; hoursNote?: string; delivery: Partial<ShopProfile['delivery']>; social?: Partial<ShopProfile['social']> };
}

const week = (open: string, close: string, except: WeekHours = {}): WeekHours => ({
  mon: [open, close],
  tue: [open, close],
  wed: [open, close],
  thu: [open, close],
  fri: [open, close],
  sat: [open, close],
  sun: [open, close],
  ...except,
});

const SHOPS: SeedShop[] = [
  {
    slug: 'hk05',
    name: 'HK05 Telur Asin Bakar',
    village: 'romang-lompoa',
    whatsapp: '+6281243210005',
    description: 'Telur asin bakar khas Romang Lompoa: dibakar perlahan di atas sabut kelapa, masir dan tidak terlalu asin.',
    address: 'Dusun Romang Lompoa, Kec. Bontomarannu, Kab. Gowa',
    products: [
      {
        slug: 'telur-asin-bakar-isi-10',
        name: 'Telur Asin Bakar isi 10',
        price: 35000,
        cost: 22000,
        net: '10 butir (± 650 g)',
        unit: 'kotak',
        category: 'Telur asin',
        stock: 40,
        description: 'Sepuluh telur itik asin yang dibakar, dalam kotak kardus HK05.',
        art: { kind: 'egg-box', background: '#f1dcc0', accent: '#8a3b12' },
      },
      {
        slug: 'telur-asin-bakar-satuan',
        name: 'Telur Asin Bakar satuan',
        price: 4000,
        cost: 2300,
        net: '1 butir (± 65 g)',
        unit: 'butir',
        category: 'Telur asin',
        stock: 200,
        description: 'Telur itik asin bakar, dijual per butir.',
        art: { kind: 'egg-single', background: '#e9d3b2', accent: '#6b3410' },
      },
      {
        slug: 'telur-asin-rebus-isi-6',
        name: 'Telur Asin Rebus isi 6',
        price: 19000,
        cost: 12500,
        net: '6 butir (± 390 g)',
        unit: 'pak',
        category: 'Telur asin',
        stock: 25,
        description: 'Telur asin rebus klasik, enam butir.',
        art: { kind: 'eggs-pale', background: '#dcebe6', accent: '#2f6b5f' },
      },
      {
        slug: 'telur-asin-bakar',
        name: 'Telur Asin Bakar',
        price: 21000,
        cost: 13500,
        net: '6, 10 atau 30 butir',
        unit: 'kotak',
        category: 'Telur asin',
        stock: null,
        description:
          'Telur itik asin dibakar di atas sabut kelapa sampai kulitnya kecokelatan dan beraroma asap. Pilih isi 6, 10 atau 30 butir (isi 30 untuk hajatan dan oleh-oleh).',
        variants: [
          { name: 'Isi 6', price: 21000, cost: 13500, stock: 30 },
          { name: 'Isi 10', price: 35000, cost: 22000, stock: 40 },
          { name: 'Isi 30', price: 99000, compareAt: 105000, cost: 66000, stock: 8 },
        ],
        art: { kind: 'eggs-charred', background: '#f3e2c7', accent: '#8a3b12' },
      },
      {
        slug: 'sambal-telur-asin',
        name: 'Sambal Telur Asin',
        price: 25000,
        cost: 14000,
        net: '150 g',
        unit: 'toples',
        category: 'Olahan telur',
        stock: 15,
        description: 'Sambal bawang dengan kuning telur asin HK05. Tahan 2 minggu di kulkas.',
        art: { kind: 'jar', background: '#f6dcd2', accent: '#8a3b12' },
      },
      {
        slug: 'telur-itik-segar-isi-10',
        name: 'Telur Itik Segar isi 10',
        price: 30000,
        cost: 24000,
        net: '10 butir',
        unit: 'pak',
        category: 'Telur segar',
        stock: 4,
        description: 'Telur itik segar dari kandang sendiri, untuk dimasak di rumah.',
        art: { kind: 'eggs-pale', background: '#e6efe0', accent: '#3c6e47' },
      },
      {
        slug: 'keripik-putih-telur',
        name: 'Keripik Putih Telur',
        price: 15000,
        compareAt: 18000,
        cost: 7000,
        net: '100 g',
        unit: 'bungkus',
        category: 'Olahan telur',
        stock: null,
        status: 'draft',
        description: 'Keripik renyah dari putih telur sisa pembuatan sambal. Masih uji coba resep.',
        art: { kind: 'crisps', background: '#f7ecd0', accent: '#9a6b12' },
      },
    ],
    profile: {
      hours: week('08:00', '17:00', { sun: 'closed' }),
      hoursNote: 'Jumat istirahat 11.30–13.30 (salat Jumat).',
      delivery: {
        pickup: { enabled: true, note: 'Ambil di rumah produksi, Dusun Romang Lompoa.' },
        local: { enabled: true, fee: 10000, area: 'Kec. Bontomarannu dan Sungguminasa' },
        courier: { enabled: true, note: 'JNE atau J&T dari Sungguminasa; ongkir menyesuaikan tujuan.' },
      },
      social: { instagram: 'hk05.telurasinbakar' },
    },
  },
  {
    slug: 'roti-balang',
    name: 'Roti Balang-Balang',
    village: 'balang-balang',
    whatsapp: '+6285299001122',
    description: 'Roti manis dan roti pisang buatan ibu-ibu Desa Balang-Balang, dipanggang setiap pagi.',
    address: 'Desa Balang-Balang, Kec. Bontomarannu, Kab. Gowa',
    products: [
      {
        slug: 'roti-pisang',
        name: 'Roti Pisang',
        price: 12000,
        cost: 6500,
        net: '250 g',
        unit: 'bungkus',
        category: 'Roti',
        stock: null,
        description: 'Roti lembut dengan isian pisang raja.',
        art: { kind: 'bread', background: '#f4e6cf', accent: '#7a4b2a' },
      },
      {
        slug: 'roti-manis-cokelat',
        name: 'Roti Manis Cokelat',
        price: 8000,
        cost: 4200,
        net: '120 g',
        unit: 'bungkus',
        category: 'Roti',
        stock: null,
        description: 'Roti manis isi cokelat.',
        art: { kind: 'bun', background: '#efe0d0', accent: '#5b3a22' },
      },
    ],
    profile: {
      hours: week('06:00', '11:00'),
      hoursNote: 'Roti keluar dari oven sekitar pukul 06.00.',
      delivery: { pickup: { enabled: true, note: '' }, local: { enabled: true, fee: 5000, area: 'Desa Balang-Balang' } },
    },
  },
  {
    slug: 'kopi-borongloe',
    name: 'Kopi Borongloe',
    village: 'borongloe',
    whatsapp: '+6281355667788',
    description: 'Kopi robusta dari kebun lereng Borongloe, disangrai di desa.',
    address: 'Desa Borongloe, Kec. Bontomarannu, Kab. Gowa',
    products: [
      {
        slug: 'kopi-bubuk-robusta-250',
        name: 'Kopi Bubuk Robusta 250 g',
        price: 45000,
        cost: 27000,
        net: '250 g',
        unit: 'pouch',
        category: 'Kopi',
        stock: 30,
        description: 'Kopi bubuk robusta sangrai sedang.',
        art: { kind: 'coffee-bag', background: '#e8d9c4', accent: '#2f5d50' },
      },
      {
        slug: 'kopi-biji-robusta-500',
        name: 'Kopi Biji Robusta 500 g',
        price: 80000,
        cost: 50000,
        net: '500 g',
        unit: 'pouch',
        category: 'Kopi',
        stock: 12,
        description: 'Biji kopi sangrai untuk digiling sendiri.',
        art: { kind: 'beans', background: '#efe4d2', accent: '#3f2a1d' },
      },
    ],
    profile: {
      hours: week('09:00', '16:00', { sat: 'closed', sun: 'closed' }),
      delivery: { pickup: { enabled: true, note: '' }, courier: { enabled: true, note: 'Dikirim tiap Senin dan Kamis.' } },
    },
  },
];

type Trade = Omit<HistoryShop, 'shopId' | 'slug' | 'ownerId'>;
/** How each demo shop trades, for its six months of history (seed-history.ts). */
const TRADE: Record<string, Trade> = {
  hk05: {
    dailySales: 3,
    mix: { stall: 4, order: 3, card: 1, reseller: 1.5, chat: 1.5 },
    marketplace: { shopee: 5, tokopedia_tiktok: 3 },
    monthly: [
      { account: '5204', amount: 150000, memo: 'Kotak kardus dan plastik' },
      { account: '5303', amount: 100000, memo: 'Listrik dan pulsa' },
    ],
    capital: 5000000,
    drawing: 400000,
  },
  'roti-balang': {
    dailySales: 4,
    mix: { stall: 6, order: 2, card: 0.5, reseller: 1, chat: 1 },
    marketplace: { shopee: 2, tokopedia_tiktok: 1 },
    monthly: [
      { account: '5204', amount: 60000, memo: 'Plastik roti' },
      { account: '5303', amount: 50000, memo: 'Listrik' },
    ],
    capital: 2000000,
    drawing: 250000,
  },
  'kopi-borongloe': {
    dailySales: 1.5,
    mix: { stall: 2, order: 3, card: 1.5, reseller: 1, chat: 2 },
    marketplace: { shopee: 3, tokopedia_tiktok: 3 },
    monthly: [
      { account: '5204', amount: 120000, memo: 'Pouch zipper' },
      { account: '5304', amount: 100000, memo: 'Bensin antar ke Sungguminasa' },
    ],
    capital: 4000000,
    drawing: 300000,
  },
};

/**
 * The shops' histories are independent, so they run side by side (their transactions share commits:
 * SQLite's group commit, PostgreSQL's pool). They are one bulk load: on SQLite its thousands of commits
 * need not each wait for an fsync (WAL with synchronous=NORMAL cannot corrupt; a crash would lose the last
 * demo days only), and the configured level is back, with the log checkpointed to disk, before anyone is served.
 */
async function seedHistories(db: Db, traders: HistoryShop[]): Promise<void> {
  const sqlite = dialect() === 'sqlite';
  if (sqlite) await sql`pragma synchronous = normal`.execute(db);
  try {
    await Promise.all(traders.map((t) => seedHistory(t, { timeZone: PROGRAM.timezone })));
  } finally {
    if (sqlite) {
      await sql.raw(`pragma synchronous = ${config().sqliteSynchronous}`).execute(db);
      await sql`pragma wal_checkpoint(truncate)`.execute(db);
    }
  }
}

function seedProfile(p: SeedShop['profile']): ShopProfile {
  const profile = defaultShopProfile();
  for (const [day, h] of Object.entries(p.hours) as [keyof ShopProfile['hours'], [string, string] | 'closed'][]) {
    profile.hours[day] = h === 'closed' ? { closed: true, open: '', close: '' } : { closed: false, open: h[0], close: h[1] };
  }
  profile.hoursNote = p.hoursNote ?? '';
  profile.delivery = { ...profile.delivery, ...p.delivery };
  profile.social = { ...profile.social, ...p.social };
  return profile;
}

/** Seeds the demo program once: returns null when the database already has a program. */
export async function seedDemo(db: Db, opts: { password?: string; history?: boolean } = {}): Promise<DemoCredentials[] | null> {
  const existing = await db.selectFrom('programs').select('id').executeTakeFirst();
  if (existing) return null;
  const now = nowIso();
  const pw = () => opts.password ?? newToken().slice(0, 12);
  const creds: DemoCredentials[] = [
    { role: 'owner', name: 'Hj. Kasma (HK05)', email: 'pemilik@hk05.test', phone: '+6281243210005', password: pw() },
    { role: 'staff', name: 'Rina (staf HK05)', email: 'staf@hk05.test', phone: '+6281243210006', password: pw() },
    { role: 'officer', name: 'Andi Officer (Dinas Koperasi)', email: 'pendamping@gowa.test', phone: '+6281100000001', password: pw() },
    { role: 'admin', name: 'Admin Etalase', email: 'admin@etalase.test', phone: '+6281100000099', password: pw() },
  ];
  // Pictures are drawn and encoded before the transaction (in parallel with the password hashing below):
  // sharp's work then never holds the database, and seeding stays quick.
  const pictures = Promise.all(
    SHOPS.map((s) =>
      Promise.all(
        s.products.map(async (p) => {
          const png = await sharp(productArt({ ...p.art, label: p.name }))
            .png()
            .toBuffer();
          return processImage(png);
        }),
      ),
    ),
  );
  pictures.catch(() => undefined); // awaited inside the transaction; this only avoids an unhandled rejection meanwhile
  const traders: HistoryShop[] = [];
  await db.transaction().execute(async (tx) => {
    const images: ProcessedImage[][] = [];
    const programId = newId();
    await tx
      .insertInto('programs')
      .values({ id: programId, ...PROGRAM, created_at: now })
      .execute();
    const districtId = newId();
    await tx
      .insertInto('districts')
      .values({ id: districtId, program_id: programId, ...DISTRICT })
      .execute();
    const villageIds = new Map<string, string>();
    for (const v of VILLAGES) {
      const id = newId();
      villageIds.set(v.slug, id);
      await tx
        .insertInto('villages')
        .values({ id, program_id: programId, district_id: districtId, ...v })
        .execute();
    }
    // Issue 12: the program is Kabupaten Gowa's, with its official kecamatan and desa; "Balang-Balang" is no
    // official desa, so it stays a program-defined area, placed under Kelurahan Romang Lompoa.
    await applyOfficialAreas(tx, programId, '73.06');
    await tx
      .updateTable('villages')
      .set({ parent_id: villageIds.get('romang-lompoa')! })
      .where('id', '=', villageIds.get('balang-balang')!)
      .execute();
    const joined = new Date();
    joined.setUTCMonth(joined.getUTCMonth() - 6, 1);
    const startDate = joined.toISOString().slice(0, 10);
    const userIds = new Map<string, string>();
    for (const c of creds) {
      const id = newId();
      userIds.set(c.role, id);
      await tx
        .insertInto('users')
        .values({
          id,
          name: c.name,
          email: c.email,
          phone: c.phone,
          password_hash: await hashPassword(c.password),
          is_admin: c.role === 'admin' ? 1 : 0,
          created_at: now,
        })
        .execute();
    }
    await tx
      .insertInto('program_officers')
      .values({ program_id: programId, user_id: userIds.get('officer')! })
      .execute();
    for (const [i, s] of SHOPS.entries()) {
      const shopId = newId();
      await tx
        .insertInto('shops')
        .values({
          id: shopId,
          program_id: programId,
          village_id: villageIds.get(s.village)!,
          slug: s.slug,
          name: s.name,
          whatsapp: s.whatsapp,
          description: s.description,
          address: s.address,
          profile: JSON.stringify(seedProfile(s.profile)),
          created_at: now,
          updated_at: now,
        })
        .execute();
      // The demo owner owns HK05; the other demo shops get owners of their own.
      let ownerId = userIds.get('owner')!;
      if (i > 0) {
        ownerId = newId();
        await tx
          .insertInto('users')
          .values({
            id: ownerId,
            name: `Pemilik ${s.name}`,
            email: `pemilik@${s.slug}.test`,
            phone: s.whatsapp,
            password_hash: await hashPassword(pw()),
            created_at: now,
          })
          .execute();
      }
      await tx.insertInto('shop_members').values({ shop_id: shopId, user_id: ownerId, role: 'owner', created_at: now }).execute();
      await tx
        .insertInto('shop_registry')
        .values({
          shop_id: shopId,
          owner_name: i === 0 ? creds.find((c) => c.role === 'owner')!.name : `Pemilik ${s.name}`,
          business_scale: 'mikro',
          ovop_star: 3 - (i % 3),
          training_cohort: 'Angkatan 1',
          program_start_date: startDate,
          updated_at: now,
          updated_by: userIds.get('officer')!,
        })
        .execute();
      for (let m = 1; m <= 3; m++) {
        const month = new Date(joined);
        month.setUTCMonth(month.getUTCMonth() - m);
        await tx
          .insertInto('shop_baselines')
          .values({
            shop_id: shopId,
            id: newId(),
            month: month.toISOString().slice(0, 7),
            sales_rupiah: Math.round((1_500_000 + i * 500_000) * (m === 1 ? 1 : 0.9)),
            method: 'Wawancara pendamping, dari catatan buku tulis pemilik',
            recorded_by: userIds.get('officer')!,
            recorded_at: now,
          })
          .execute();
      }
      if (i === 0) {
        // One licence about to expire, so the officer's work list has something to show on a first start.
        const soon = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
        await tx
          .insertInto('shop_licences')
          .values([
            {
              shop_id: shopId,
              id: newId(),
              kind: 'pirt',
              number: '206730601012325',
              issued_on: '2021-03-15',
              expires_on: soon,
              updated_by: null,
              updated_at: now,
            },
            {
              shop_id: shopId,
              id: newId(),
              kind: 'halal',
              number: 'ID73110000123450124',
              issued_on: '2024-01-10',
              expires_on: null,
              updated_by: null,
              updated_at: now,
            },
          ])
          .execute();
      }
      const trade = TRADE[s.slug];
      if (trade) traders.push({ ...trade, shopId, slug: s.slug, ownerId });
      await ensureChart({ tx, shopId });
      if (i === 0)
        await tx
          .insertInto('shop_members')
          .values({ shop_id: shopId, user_id: userIds.get('staff')!, role: 'staff', created_at: now })
          .execute();
      if (!images.length) images.push(...(await pictures));
      for (const [j, p] of s.products.entries()) {
        const productId = newId();
        const sku = `${s.slug.toUpperCase()}-${j + 1}`;
        await tx
          .insertInto('products')
          .values({
            shop_id: shopId,
            id: productId,
            slug: p.slug,
            name: p.name,
            description: p.description,
            price: p.price,
            compare_at_price: p.compareAt ?? null,
            unit_cost: p.cost,
            unit: p.unit,
            net_content: p.net,
            sku,
            category: p.category,
            stock: p.stock,
            status: p.status ?? 'published',
            sort_order: j,
            created_at: now,
            updated_at: now,
          })
          .execute();
        for (const [k, v] of (p.variants ?? []).entries()) {
          await tx
            .insertInto('product_variants')
            .values({
              shop_id: shopId,
              id: newId(),
              product_id: productId,
              name: v.name,
              sku: `${sku}-${k + 1}`,
              price: v.price,
              compare_at_price: v.compareAt ?? null,
              unit_cost: v.cost,
              stock: v.stock,
              sort_order: k,
              created_at: now,
              updated_at: now,
            })
            .execute();
        }
        const img = images[i]![j]!;
        const media = await saveMedia(
          { shopId, tx },
          { data: img.original, processed: img, purpose: 'product_photo', visibility: 'public', userId: ownerId },
        );
        await tx
          .insertInto('product_photos')
          .values({ shop_id: shopId, product_id: productId, media_id: media.id, alt: p.name, sort_order: 0 })
          .execute();
      }
    }
  });
  await seedBrand(db);
  await seedTraining(db);
  if (opts.history ?? true) await seedHistories(db, traders);
  return creds;
}
