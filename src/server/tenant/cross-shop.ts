import { sql } from 'kysely';
import { db, type Tx } from '../db/index.ts';

/**
 * The named, legitimate readers that look across shops. Anything that needs more than one shop's rows
 * goes through here, so the list of cross-tenant paths stays short and reviewable. Under PostgreSQL
 * row-level security these run as a role that bypasses the shop policy.
 */

/** Public: resolve a route's shop slug to its id (the public page and every dashboard route start here). */
export async function findShopBySlug(slug: string) {
  return db().selectFrom('shops')
    .innerJoin('villages', 'villages.id', 'shops.village_id')
    .innerJoin('districts', 'districts.id', 'villages.district_id')
    .innerJoin('programs', 'programs.id', 'shops.program_id')
    .select([
      'shops.id', 'shops.slug', 'shops.name', 'shops.whatsapp', 'shops.description', 'shops.address',
      'shops.locale', 'shops.version', 'shops.program_id', 'shops.village_id', 'shops.updated_at', 'shops.profile',
      'villages.name as village_name', 'villages.slug as village_slug',
      'districts.name as district_name', 'districts.slug as district_slug', 'programs.timezone',
      'shops.profile', // JSON; read it with parseShopProfile (src/server/shops/profile.ts)
    ])
    .where('shops.slug', '=', slug)
    .executeTakeFirst();
}
export type PublicShop = NonNullable<Awaited<ReturnType<typeof findShopBySlug>>>;

/**
 * Public: the permanent short link /q/{productId} (printed on labels) to the product's current page.
 * Product ids are random and globally unique, so the id alone finds the shop. Published products only.
 */
export async function findPublishedProductLink(productId: string) {
  return db().selectFrom('products')
    .innerJoin('shops', 'shops.id', 'products.shop_id')
    .select(['shops.slug as shopSlug', 'products.slug as productSlug'])
    .where('products.id', '=', productId).where('products.status', '=', 'published')
    .executeTakeFirst();
}

/** Public directory: shops of a village or district, for /desa/… and /kecamatan/… pages. */
export async function directoryShops(filter: { villageId?: string; districtId?: string; villageIds?: string[] }) {
  let q = db().selectFrom('shops')
    .innerJoin('villages', 'villages.id', 'shops.village_id')
    .select(['shops.id', 'shops.slug', 'shops.name', 'shops.description', 'shops.updated_at', 'villages.id as village_id',
      'villages.name as village_name', 'villages.slug as village_slug']);
  if (filter.villageId) q = q.where('shops.village_id', '=', filter.villageId);
  if (filter.villageIds) q = filter.villageIds.length ? q.where('shops.village_id', 'in', filter.villageIds) : q.where(sql<boolean>`1 = 0`);
  if (filter.districtId) q = q.where('villages.district_id', '=', filter.districtId);
  return q.orderBy('shops.name').execute();
}

/**
 * The cache check of every public shop page (src/middleware.ts): the shop's id and the version that every
 * catalog, profile or brand change bumps. One indexed lookup on the unique slug.
 */
export async function shopVersionBySlug(slug: string): Promise<{ id: string; version: number } | undefined> {
  return db().selectFrom('shops').select(['id', 'version']).where('slug', '=', slug).executeTakeFirst();
}

/**
 * Version of the pages that span shops (village and district directories, sitemap): changes whenever any
 * shop's version changes or a shop is added or removed.
 */
export async function directoryVersion(): Promise<string> {
  const row = await db().selectFrom('shops')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.coalesce(eb.fn.sum<number>('version'), eb.lit(0)).as('v')])
    .executeTakeFirstOrThrow();
  return `${Number(row.n)}.${Number(row.v)}`;
}

/** Villages with this slug (unique per program; several programs may share a name), with their district. */
export async function findVillagesBySlug(slug: string) {
  return db().selectFrom('villages')
    .innerJoin('districts', 'districts.id', 'villages.district_id')
    .innerJoin('programs', 'programs.id', 'villages.program_id')
    .select(['villages.id', 'villages.slug', 'villages.name', 'districts.id as district_id', 'districts.slug as district_slug',
      'districts.name as district_name', 'programs.name as program_name'])
    .where('villages.slug', '=', slug)
    .orderBy('programs.name')
    .execute();
}

/** Districts with this slug and their villages, for /kecamatan/…. */
export async function findDistrictsBySlug(slug: string) {
  const districts = await db().selectFrom('districts')
    .innerJoin('programs', 'programs.id', 'districts.program_id')
    .select(['districts.id', 'districts.slug', 'districts.name', 'programs.name as program_name'])
    .where('districts.slug', '=', slug)
    .orderBy('programs.name')
    .execute();
  if (districts.length === 0) return [];
  const villages = await db().selectFrom('villages')
    .select(['id', 'slug', 'name', 'district_id'])
    .where('district_id', 'in', districts.map((d) => d.id))
    .orderBy('name')
    .execute();
  return districts.map((d) => ({ ...d, villages: villages.filter((v) => v.district_id === d.id) }));
}

/** Every village and district that has at least one shop, for the home page's "products by village". */
export async function directoryVillages() {
  return db().selectFrom('villages')
    .innerJoin('districts', 'districts.id', 'villages.district_id')
    .innerJoin('shops', 'shops.village_id', 'villages.id')
    .select((eb) => ['villages.slug', 'villages.name', 'districts.slug as district_slug', 'districts.name as district_name',
      eb.fn.count<number>('shops.id').as('shops')])
    .groupBy(['villages.slug', 'villages.name', 'districts.slug', 'districts.name'])
    .orderBy('districts.name').orderBy('villages.name')
    .execute();
}

export interface DirectoryScope { readonly shopIds: string[]; readonly tx: Tx }

/**
 * Public: the door to several shops' public rows (the village and district directory), like inShop for
 * one shop. One transaction, so the reads agree; every query inside filters by `shop_id in shopIds`.
 */
export async function inDirectoryShops<T>(shopIds: string[], fn: (scope: DirectoryScope) => Promise<T>): Promise<T> {
  return db().transaction().execute((tx) => fn({ shopIds: [...shopIds], tx }));
}

/** Everything /sitemap.xml lists: shops, published products, and villages and districts that have shops. */
export async function sitemapEntries() {
  const shops = await db().selectFrom('shops').select(['id', 'slug', 'updated_at']).orderBy('slug').execute();
  const products = await db().selectFrom('products')
    .innerJoin('shops', 'shops.id', 'products.shop_id')
    .select(['shops.slug as shop_slug', 'products.slug', 'products.updated_at'])
    .where('products.status', '=', 'published')
    .orderBy('shops.slug').orderBy('products.sort_order').orderBy('products.slug')
    .execute();
  const places = await db().selectFrom('villages')
    .innerJoin('districts', 'districts.id', 'villages.district_id')
    .innerJoin('shops', 'shops.village_id', 'villages.id')
    .select((eb) => ['villages.slug as village_slug', 'districts.slug as district_slug', eb.fn.max('shops.updated_at').as('updated_at')])
    .groupBy(['villages.slug', 'districts.slug'])
    .orderBy('districts.slug').orderBy('villages.slug')
    .execute();
  return { shops, products, places };
}

/** Shops a user belongs to, with their role (the dashboard's shop switcher). */
export async function shopsOfUser(userId: string) {
  return db().selectFrom('shop_members')
    .innerJoin('shops', 'shops.id', 'shop_members.shop_id')
    .select(['shops.id', 'shops.slug', 'shops.name', 'shop_members.role'])
    .where('shop_members.user_id', '=', userId)
    .orderBy('shops.name')
    .execute();
}

/** Program roll-up: counts per village for program officers. */
export async function programShopCounts(programId: string) {
  return db().selectFrom('villages')
    .innerJoin('districts', 'districts.id', 'villages.district_id')
    .leftJoin('shops', 'shops.village_id', 'villages.id')
    .select((eb) => [
      'villages.id', 'villages.name', 'districts.name as district_name',
      eb.fn.count<number>('shops.id').as('shops'),
    ])
    .where('villages.program_id', '=', programId)
    .groupBy(['villages.id', 'villages.name', 'districts.name'])
    .orderBy('districts.name').orderBy('villages.name')
    .execute();
}

/** Integrity check: membership rows whose shop or user is gone, and shops with no owner. */
export async function integrityProblems() {
  const ownerless = await db().selectFrom('shops')
    .select(['shops.id', 'shops.slug'])
    .where((eb) => eb.not(eb.exists(
      eb.selectFrom('shop_members').select('shop_members.user_id')
        .whereRef('shop_members.shop_id', '=', 'shops.id').where('shop_members.role', '=', 'owner'),
    )))
    .execute();
  return { ownerless };
}

/**
 * Stripe webhooks: the shop whose connected account an event came from (events name only the account).
 * Null for an account no shop uses (never connected here, or disconnected since).
 */
export async function shopByStripeAccount(accountId: string) {
  const row = await db().selectFrom('shop_payment_settings')
    .innerJoin('shops', 'shops.id', 'shop_payment_settings.shop_id')
    .select(['shops.id', 'shops.slug'])
    .where('shop_payment_settings.stripe_account_id', '=', accountId)
    .executeTakeFirst();
  return row ?? null;
}

/** Expiry sweep: pending orders of every shop whose expires_at has passed (oldest first). */
/** Shops that have a pending order whose stock hold has lapsed (src/server/orders/lapse-order-holds.ts). */
export async function ordersWithLapsedHolds(nowIso: string, limit = 500): Promise<string[]> {
  const rows = await db().selectFrom('orders').select('shop_id').distinct()
    .where('stock_held', '=', 1).where('hold_until', '<=', nowIso).where('status', '=', 'pending')
    .limit(limit).execute();
  return rows.map((r) => r.shop_id);
}

export async function pendingOrdersPastExpiry(nowIso: string, limit = 500) {
  return db().selectFrom('orders').select(['shop_id', 'id'])
    .where('status', '=', 'pending').where('expires_at', '<=', nowIso)
    .orderBy('expires_at').limit(limit)
    .execute();
}
