import type { Db } from '../src/server/db/index.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { newId, newToken, nowIso } from '../src/server/util.ts';
import { seedBrand } from './seed-brand.ts';

export interface DemoCredentials { role: string; name: string; email: string; phone: string; password: string }

const PROGRAM = { slug: 'ovop-gowa', name: 'OVOP Kabupaten Gowa', timezone: 'Asia/Makassar' };
const DISTRICT = { slug: 'bontomarannu', name: 'Bontomarannu' };
const VILLAGES = [
  { slug: 'romang-lompoa', name: 'Romang Lompoa' },
  { slug: 'balang-balang', name: 'Balang-Balang' },
  { slug: 'borongloe', name: 'Borongloe' },
];

interface SeedProduct { slug: string; name: string; price: number; cost: number; net: string; unit: string; category: string; stock: number | null; description: string }
const SHOPS: { slug: string; name: string; village: string; whatsapp: string; description: string; address: string; products: SeedProduct[] }[] = [
  {
    slug: 'hk05', name: 'HK05 Telur Asin Bakar', village: 'romang-lompoa', whatsapp: '+6281243210005',
    description: 'Telur asin bakar khas Romang Lompoa: dibakar perlahan di atas sabut kelapa, masir dan tidak terlalu asin.',
    address: 'Dusun Romang Lompoa, Kec. Bontomarannu, Kab. Gowa',
    products: [
      { slug: 'telur-asin-bakar-isi-10', name: 'Telur Asin Bakar isi 10', price: 35000, cost: 22000, net: '10 butir (± 650 g)', unit: 'kotak', category: 'Telur asin', stock: 40, description: 'Sepuluh telur itik asin yang dibakar, dalam kotak kardus HK05.' },
      { slug: 'telur-asin-bakar-satuan', name: 'Telur Asin Bakar satuan', price: 4000, cost: 2300, net: '1 butir (± 65 g)', unit: 'butir', category: 'Telur asin', stock: 200, description: 'Telur itik asin bakar, dijual per butir.' },
      { slug: 'telur-asin-rebus-isi-6', name: 'Telur Asin Rebus isi 6', price: 19000, cost: 12500, net: '6 butir (± 390 g)', unit: 'pak', category: 'Telur asin', stock: 25, description: 'Telur asin rebus klasik, enam butir.' },
    ],
  },
  {
    slug: 'roti-balang', name: 'Roti Balang-Balang', village: 'balang-balang', whatsapp: '+6285299001122',
    description: 'Roti manis dan roti pisang buatan ibu-ibu Desa Balang-Balang, dipanggang setiap pagi.',
    address: 'Desa Balang-Balang, Kec. Bontomarannu, Kab. Gowa',
    products: [
      { slug: 'roti-pisang', name: 'Roti Pisang', price: 12000, cost: 6500, net: '250 g', unit: 'bungkus', category: 'Roti', stock: null, description: 'Roti lembut dengan isian pisang raja.' },
      { slug: 'roti-manis-cokelat', name: 'Roti Manis Cokelat', price: 8000, cost: 4200, net: '120 g', unit: 'bungkus', category: 'Roti', stock: null, description: 'Roti manis isi cokelat.' },
    ],
  },
  {
    slug: 'kopi-borongloe', name: 'Kopi Borongloe', village: 'borongloe', whatsapp: '+6281355667788',
    description: 'Kopi robusta dari kebun lereng Borongloe, disangrai di desa.',
    address: 'Desa Borongloe, Kec. Bontomarannu, Kab. Gowa',
    products: [
      { slug: 'kopi-bubuk-robusta-250', name: 'Kopi Bubuk Robusta 250 g', price: 45000, cost: 27000, net: '250 g', unit: 'pouch', category: 'Kopi', stock: 30, description: 'Kopi bubuk robusta sangrai sedang.' },
      { slug: 'kopi-biji-robusta-500', name: 'Kopi Biji Robusta 500 g', price: 80000, cost: 50000, net: '500 g', unit: 'pouch', category: 'Kopi', stock: 12, description: 'Biji kopi sangrai untuk digiling sendiri.' },
    ],
  },
];

/** Seeds the demo program once: returns null when the database already has a program. */
export async function seedDemo(db: Db, opts: { password?: string } = {}): Promise<DemoCredentials[] | null> {
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
  await db.transaction().execute(async (tx) => {
    const programId = newId();
    await tx.insertInto('programs').values({ id: programId, ...PROGRAM, created_at: now }).execute();
    const districtId = newId();
    await tx.insertInto('districts').values({ id: districtId, program_id: programId, ...DISTRICT }).execute();
    const villageIds = new Map<string, string>();
    for (const v of VILLAGES) {
      const id = newId();
      villageIds.set(v.slug, id);
      await tx.insertInto('villages').values({ id, program_id: programId, district_id: districtId, ...v }).execute();
    }
    const userIds = new Map<string, string>();
    for (const c of creds) {
      const id = newId();
      userIds.set(c.role, id);
      await tx.insertInto('users').values({
        id, name: c.name, email: c.email, phone: c.phone, password_hash: await hashPassword(c.password),
        is_admin: c.role === 'admin' ? 1 : 0, created_at: now,
      }).execute();
    }
    await tx.insertInto('program_officers').values({ program_id: programId, user_id: userIds.get('officer')! }).execute();
    for (const [i, s] of SHOPS.entries()) {
      const shopId = newId();
      await tx.insertInto('shops').values({
        id: shopId, program_id: programId, village_id: villageIds.get(s.village)!, slug: s.slug, name: s.name,
        whatsapp: s.whatsapp, description: s.description, address: s.address, created_at: now, updated_at: now,
      }).execute();
      // The demo owner owns HK05; the other demo shops get owners of their own.
      let ownerId = userIds.get('owner')!;
      if (i > 0) {
        ownerId = newId();
        await tx.insertInto('users').values({
          id: ownerId, name: `Pemilik ${s.name}`, email: `pemilik@${s.slug}.test`, phone: s.whatsapp,
          password_hash: await hashPassword(pw()), created_at: now,
        }).execute();
      }
      await tx.insertInto('shop_members').values({ shop_id: shopId, user_id: ownerId, role: 'owner', created_at: now }).execute();
      if (i === 0) await tx.insertInto('shop_members').values({ shop_id: shopId, user_id: userIds.get('staff')!, role: 'staff', created_at: now }).execute();
      for (const [j, p] of s.products.entries()) {
        await tx.insertInto('products').values({
          shop_id: shopId, id: newId(), slug: p.slug, name: p.name, description: p.description, price: p.price,
          compare_at_price: null, unit_cost: p.cost, unit: p.unit, net_content: p.net, sku: `${s.slug.toUpperCase()}-${j + 1}`,
          category: p.category, stock: p.stock, status: 'published', sort_order: j, created_at: now, updated_at: now,
        }).execute();
      }
    }
  });
  await seedBrand(db);
  return creds;
}
