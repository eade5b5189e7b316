import { db } from '../db/index.ts';

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
      'shops.locale', 'shops.version', 'shops.program_id', 'shops.village_id', 'shops.updated_at',
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
export async function directoryShops(filter: { villageId?: string; districtId?: string }) {
  let q = db().selectFrom('shops')
    .innerJoin('villages', 'villages.id', 'shops.village_id')
    .select(['shops.id', 'shops.slug', 'shops.name', 'shops.description', 'villages.name as village_name', 'villages.slug as village_slug']);
  if (filter.villageId) q = q.where('shops.village_id', '=', filter.villageId);
  if (filter.districtId) q = q.where('villages.district_id', '=', filter.districtId);
  return q.orderBy('shops.name').execute();
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
export async function pendingOrdersPastExpiry(nowIso: string, limit = 500) {
  return db().selectFrom('orders').select(['shop_id', 'id'])
    .where('status', '=', 'pending').where('expires_at', '<=', nowIso)
    .orderBy('expires_at').limit(limit)
    .execute();
}
