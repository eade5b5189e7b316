import { acrossShops } from './index.ts';

/**
 * Cross-shop lookups that find one shop from something global: its slug, a product's short link, a Stripe
 * account, slug uniqueness.
 * Under PostgreSQL row-level security these run through acrossShops (see ./index.ts).
 */

/** Public: resolve a route's shop slug to its id (the public page and every dashboard route start here). */
export async function findShopBySlug(slug: string) {
  return acrossShops(async (q) => {
    return q
      .selectFrom('shops')
      .innerJoin('villages', 'villages.id', 'shops.village_id')
      .innerJoin('districts', 'districts.id', 'villages.district_id')
      .innerJoin('programs', 'programs.id', 'shops.program_id')
      .select([
        'shops.id',
        'shops.slug',
        'shops.name',
        'shops.whatsapp',
        'shops.description',
        'shops.address',
        'shops.locale',
        'shops.version',
        'shops.program_id',
        'shops.village_id',
        'shops.updated_at',
        'shops.profile',
        'villages.name as village_name',
        'villages.slug as village_slug',
        'districts.name as district_name',
        'districts.slug as district_slug',
        'programs.timezone',
        'shops.profile', // JSON; read it with parseShopProfile (src/server/shops/profile.ts)
      ])
      .where('shops.slug', '=', slug)
      .executeTakeFirst();
  });
}
export type PublicShop = NonNullable<Awaited<ReturnType<typeof findShopBySlug>>>;

/**
 * Public: the permanent short link /q/{productId} (printed on labels) to the product's current page.
 * Product ids are random and globally unique, so the id alone finds the shop. Published products only.
 */
export async function findPublishedProductLink(productId: string) {
  return acrossShops(async (q) => {
    return q
      .selectFrom('products')
      .innerJoin('shops', 'shops.id', 'products.shop_id')
      .select(['shops.slug as shopSlug', 'products.slug as productSlug'])
      .where('products.id', '=', productId)
      .where('products.status', '=', 'published')
      .executeTakeFirst();
  });
}

/**
 * The cache check of every public shop page (src/middleware.ts): the shop's id and the version that every
 * catalog, profile or brand change bumps. One indexed lookup on the unique slug.
 */
export async function shopVersionBySlug(slug: string): Promise<{ id: string; version: number } | undefined> {
  return acrossShops((q) => q.selectFrom('shops').select(['id', 'version']).where('slug', '=', slug).executeTakeFirst());
}

/** Slug uniqueness spans every shop (a new shop, or a shop changing its address). */
export async function isShopSlugTaken(slug: string, exceptShopId?: string): Promise<boolean> {
  return acrossShops(async (q) => {
    let query = q.selectFrom('shops').select('id').where('slug', '=', slug);
    if (exceptShopId) query = query.where('id', '!=', exceptShopId);
    return !!(await query.executeTakeFirst());
  });
}

/**
 * Stripe webhooks: the shop whose connected account an event came from (events name only the account).
 * Null for an account no shop uses (never connected here, or disconnected since).
 */
export async function shopByStripeAccount(accountId: string) {
  return acrossShops(async (q) => {
    const row = await q
      .selectFrom('shop_payment_settings')
      .innerJoin('shops', 'shops.id', 'shop_payment_settings.shop_id')
      .select(['shops.id', 'shops.slug'])
      .where('shop_payment_settings.stripe_account_id', '=', accountId)
      .executeTakeFirst();
    return row ?? null;
  });
}
