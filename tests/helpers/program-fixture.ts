import { actAt } from '#server/clock.ts';
import { inShop } from '#server/tenant/index.ts';
import { ensureChart } from '#server/ledger/ensure-chart.ts';
import { quickSaleInput, recordQuickSale } from '#server/orders/record-quick-sale.ts';
import { createOrder } from '#server/orders/create-order.ts';
import { confirmOrder } from '#server/orders/confirm-order.ts';
import { markOrderPaid } from '#server/orders/mark-order-paid.ts';
import { fulfilOrder } from '#server/orders/fulfil-order.ts';
import { defaultShopProfile } from '#server/shops/profile.ts';
import { newId } from '#server/util.ts';
import type { SessionUser } from '#server/auth/session.ts';

/**
 * Two programs written through the real posting paths (quick sales, storefront orders and their lifecycle), at
 * fixed days, for the indicator tests. Program P (home kabupaten 7306):
 *   Kec. Alpha: Desa A1 (shop S1), Desa A2 (shop S2); Kec. Beta: Desa B1 (shop S3).
 * Program Q: one shop (SQ) with one sale in April. Every figure the tests expect is worked out in the test.
 */
export interface ProgramFixture {
  programP: string;
  programQ: string;
  officerP: SessionUser;
  officerQ: SessionUser;
  shops: Record<'S1' | 'S2' | 'S3' | 'SQ', string>;
}

const user = (id: string, name: string): SessionUser => ({ id, name, email: `${id}@x.test`, phone: null, locale: 'id', is_admin: 0 });

/** 11:00 WITA on a day. */
const at = (day: string) => new Date(`${day}T03:00:00Z`);

export async function buildProgramFixture(): Promise<ProgramFixture> {
  const { ownerDb: db } = await import('#tests/helpers/db.ts');
  const now = '2026-01-01T00:00:00.000Z';
  const programP = newId();
  const programQ = newId();
  await db()
    .insertInto('programs')
    .values([
      { id: programP, slug: 'p', name: 'Program P', timezone: 'Asia/Makassar', home_destination: '7306', created_at: now },
      { id: programQ, slug: 'q', name: 'Program Q', timezone: 'Asia/Makassar', home_destination: '7371', created_at: now },
    ])
    .execute();
  const dAlpha = newId();
  const dBeta = newId();
  const dQ = newId();
  await db()
    .insertInto('districts')
    .values([
      { id: dAlpha, program_id: programP, slug: 'alpha', name: 'Alpha' },
      { id: dBeta, program_id: programP, slug: 'beta', name: 'Beta' },
      { id: dQ, program_id: programQ, slug: 'qq', name: 'Qecamatan' },
    ])
    .execute();
  const villages = { A1: newId(), A2: newId(), B1: newId(), Q1: newId() };
  await db()
    .insertInto('villages')
    .values([
      { id: villages.A1, program_id: programP, district_id: dAlpha, slug: 'a1', name: 'A1' },
      { id: villages.A2, program_id: programP, district_id: dAlpha, slug: 'a2', name: 'A2' },
      { id: villages.B1, program_id: programP, district_id: dBeta, slug: 'b1', name: 'B1' },
      { id: villages.Q1, program_id: programQ, district_id: dQ, slug: 'q1', name: 'Q1' },
    ])
    .execute();
  const officerP = user(newId(), 'Officer P');
  const officerQ = user(newId(), 'Officer Q');
  const owner = user(newId(), 'Owner');
  await db()
    .insertInto('users')
    .values([officerP, officerQ, owner].map((u) => ({ ...u, password_hash: 'x', created_at: now })))
    .execute();
  await db()
    .insertInto('program_officers')
    .values([
      { program_id: programP, user_id: officerP.id },
      { program_id: programQ, user_id: officerQ.id },
    ])
    .execute();
  const profile = defaultShopProfile();
  profile.delivery.courier = { enabled: true, note: '' };
  const shops = { S1: newId(), S2: newId(), S3: newId(), SQ: newId() };
  const products: Record<string, string> = {};
  const spec: [keyof typeof shops, string, string, number | null][] = [
    ['S1', programP, villages.A1, 100],
    ['S2', programP, villages.A2, null],
    ['S3', programP, villages.B1, 100],
    ['SQ', programQ, villages.Q1, null],
  ];
  for (const [key, program, village, stock] of spec) {
    const id = shops[key];
    await db()
      .insertInto('shops')
      .values({
        id,
        program_id: program,
        village_id: village,
        slug: key.toLowerCase(),
        name: `Toko ${key}`,
        whatsapp: '+6281234567890',
        profile: JSON.stringify(profile),
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db().insertInto('shop_members').values({ shop_id: id, user_id: owner.id, role: 'owner', created_at: now }).execute();
    products[key] = newId();
    await db()
      .insertInto('products')
      .values({
        shop_id: id,
        id: products[key],
        slug: 'kue',
        name: 'Kue',
        price: key === 'S2' ? 20_000 : 10_000,
        unit_cost: null,
        stock,
        status: 'published',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await inShop(id, (scope) => ensureChart(scope));
  }
  // S1 published its brand after joining; S3 before (not a new brand); S2 and SQ never.
  await db()
    .insertInto('brand_kits')
    .values([
      { shop_id: shops.S1, published: '{}', published_at: '2026-03-01T00:00:00.000Z', updated_at: now },
      { shop_id: shops.S3, published: '{}', published_at: '2025-12-01T00:00:00.000Z', updated_at: now },
    ])
    .execute();
  // Registry (0045): S2 has no ledger before joining, only pre-program estimates (10,000 and 20,000 a month); S3
  // joined on 1 Nov 2025 (so its brand of 1 Dec 2025 is new) and opted out of per-shop views; S1 has a P-IRT
  // expiring in 10 days, S2 a halal certificate valid for years.
  await db()
    .insertInto('shop_registry')
    .values([
      { shop_id: shops.S3, program_start_date: '2025-11-01', per_shop_opt_out: 1, updated_at: now },
      { shop_id: shops.S1, program_start_date: null, per_shop_opt_out: 0, updated_at: now },
    ])
    .execute();
  await db()
    .insertInto('shop_baselines')
    .values([
      { shop_id: shops.S2, id: newId(), month: '2025-11', sales_rupiah: 10_000, method: 'perkiraan pemilik', recorded_at: now },
      { shop_id: shops.S2, id: newId(), month: '2025-12', sales_rupiah: 20_000, method: 'perkiraan pemilik', recorded_at: now },
    ])
    .execute();
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  await db()
    .insertInto('shop_licences')
    .values([
      { shop_id: shops.S1, id: newId(), kind: 'pirt', number: '2067306010001-30', expires_on: inDays(10), updated_at: now },
      { shop_id: shops.S2, id: newId(), kind: 'halal', number: 'ID73110000123450126', expires_on: inDays(900), updated_at: now },
    ])
    .execute();
  const quick = (key: keyof typeof shops, day: string, channel: 'stall' | 'whatsapp', quantity: number) =>
    actAt(at(day), () =>
      recordQuickSale({
        shopId: shops[key],
        role: 'owner',
        userId: owner.id,
        input: quickSaleInput.parse({
          channel,
          items: [{ productId: products[key]!, quantity }],
          payment: 'cash',
          idempotencyKey: newId(),
        }),
      }),
    );
  const courier = (key: keyof typeof shops, day: string, destination: string) =>
    actAt(at(day), async () => {
      const placed = await createOrder({
        shopId: shops[key],
        locale: 'id',
        input: {
          items: [{ productId: products[key]!, variantId: null, quantity: 1 }],
          customerName: 'Pembeli',
          customerPhone: '+6285240001234',
          delivery: 'courier',
          destination,
          address: 'Jl. Contoh 1',
          notes: '',
          payment: 'whatsapp',
          idempotencyKey: null,
        } as never,
      });
      await inShop(shops[key], async (scope) => {
        const o = { orderId: placed.orderId, actor: { kind: 'user' as const, userId: owner.id } };
        await confirmOrder(scope, o);
        await markOrderPaid(scope, o);
        await fulfilOrder(scope, o);
      });
    });
  // Baseline (Jan-Feb 2026): S1 20,000; S3 50,000; S2 nothing.
  await quick('S1', '2026-01-15', 'stall', 2);
  await quick('S3', '2026-01-20', 'stall', 5);
  // Period (Apr-May 2026).
  await quick('S1', '2026-04-10', 'stall', 3);
  for (const day of ['2026-05-06', '2026-05-13', '2026-05-20']) await quick('S1', day, 'stall', 1);
  await quick('S1', '2026-05-27', 'whatsapp', 1);
  await courier('S2', '2026-04-08', '7371');
  await courier('S2', '2026-04-09', '7306');
  await quick('S3', '2026-04-15', 'stall', 2);
  await quick('SQ', '2026-04-15', 'stall', 1);
  return { programP, programQ, officerP, officerQ, shops };
}
