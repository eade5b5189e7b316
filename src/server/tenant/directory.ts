import { sql } from 'kysely';
import { acrossShops } from './index.ts';
import type { Db, Tx } from '../db/index.ts';

/**
 * The public directory across shops: villages, districts, their shops and products, the sitemap.
 * Under PostgreSQL row-level security these run through acrossShops (see ./index.ts).
 */

/** Public directory: shops of a village or district, for /desa/… and /kecamatan/… pages. */
export async function directoryShops(filter: { villageId?: string; districtId?: string; villageIds?: string[] }) {
  return acrossShops(async (db) => {
    let q = db
      .selectFrom('shops')
      .innerJoin('villages', 'villages.id', 'shops.village_id')
      .select([
        'shops.id',
        'shops.slug',
        'shops.name',
        'shops.description',
        'shops.updated_at',
        'villages.id as village_id',
        'villages.name as village_name',
        'villages.slug as village_slug',
      ]);
    if (filter.villageId) q = q.where('shops.village_id', '=', filter.villageId);
    if (filter.villageIds)
      q = filter.villageIds.length ? q.where('shops.village_id', 'in', filter.villageIds) : q.where(sql<boolean>`1 = 0`);
    if (filter.districtId) q = q.where('villages.district_id', '=', filter.districtId);
    return q.orderBy('shops.name').execute();
  });
}

/**
 * Version of the pages that span shops (village and district directories, sitemap): changes whenever any
 * shop's version changes or a shop is added or removed.
 */
export async function directoryVersion(): Promise<string> {
  return acrossShops(async (q) => {
    const row = await q
      .selectFrom('shops')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.coalesce(eb.fn.sum<number>('version'), eb.lit(0)).as('v')])
      .executeTakeFirstOrThrow();
    return `${Number(row.n)}.${Number(row.v)}`;
  });
}

/** Villages with this slug (unique per program; several programs may share a name), with their district. */
export async function findVillagesBySlug(slug: string) {
  return acrossShops(async (q) => {
    return q
      .selectFrom('villages')
      .innerJoin('districts', 'districts.id', 'villages.district_id')
      .innerJoin('programs', 'programs.id', 'villages.program_id')
      .select([
        'villages.id',
        'villages.slug',
        'villages.name',
        'districts.id as district_id',
        'districts.slug as district_slug',
        'districts.name as district_name',
        'programs.name as program_name',
      ])
      .where('villages.slug', '=', slug)
      .orderBy('programs.name')
      .execute();
  });
}

/** Districts with this slug and their villages, for /kecamatan/…. */
export async function findDistrictsBySlug(slug: string) {
  return acrossShops(async (q) => {
    const districts = await q
      .selectFrom('districts')
      .innerJoin('programs', 'programs.id', 'districts.program_id')
      .select(['districts.id', 'districts.slug', 'districts.name', 'programs.name as program_name'])
      .where('districts.slug', '=', slug)
      .orderBy('programs.name')
      .execute();
    if (districts.length === 0) return [];
    const villages = await q
      .selectFrom('villages')
      .select(['id', 'slug', 'name', 'district_id'])
      .where(
        'district_id',
        'in',
        districts.map((d) => d.id),
      )
      .orderBy('name')
      .execute();
    return districts.map((d) => ({ ...d, villages: villages.filter((v) => v.district_id === d.id) }));
  });
}

/** Every village and district that has at least one shop, for the home page's "products by village". */
export async function directoryVillages() {
  return acrossShops(async (q) => {
    return q
      .selectFrom('villages')
      .innerJoin('districts', 'districts.id', 'villages.district_id')
      .innerJoin('shops', 'shops.village_id', 'villages.id')
      .select((eb) => [
        'villages.slug',
        'villages.name',
        'districts.slug as district_slug',
        'districts.name as district_name',
        eb.fn.count<number>('shops.id').as('shops'),
      ])
      .groupBy(['villages.slug', 'villages.name', 'districts.slug', 'districts.name'])
      .orderBy('districts.name')
      .orderBy('villages.name')
      .execute();
  });
}

/** Published products of several shops (the village and district directory). */
export interface DirectoryScope {
  readonly shopIds: string[];
  readonly tx: Db | Tx;
}

/**
 * Public: the door to several shops' public rows (the village and district directory), like inShop for
 * one shop; every query inside filters by `shop_id in shopIds`.
 */
export async function inDirectoryShops<T>(shopIds: string[], fn: (scope: DirectoryScope) => Promise<T>): Promise<T> {
  return acrossShops((q) => fn({ shopIds: [...shopIds], tx: q }));
}

/** Everything /sitemap.xml lists: shops, published products, and villages and districts that have shops. */
export async function sitemapEntries() {
  return acrossShops(async (q) => {
    const shops = await q.selectFrom('shops').select(['id', 'slug', 'updated_at']).orderBy('slug').execute();
    const products = await q
      .selectFrom('products')
      .innerJoin('shops', 'shops.id', 'products.shop_id')
      .select(['shops.slug as shop_slug', 'products.slug', 'products.updated_at'])
      .where('products.status', '=', 'published')
      .orderBy('shops.slug')
      .orderBy('products.sort_order')
      .orderBy('products.slug')
      .execute();
    const places = await q
      .selectFrom('villages')
      .innerJoin('districts', 'districts.id', 'villages.district_id')
      .innerJoin('shops', 'shops.village_id', 'villages.id')
      .select((eb) => ['villages.slug as village_slug', 'districts.slug as district_slug', eb.fn.max('shops.updated_at').as('updated_at')])
      .groupBy(['villages.slug', 'districts.slug'])
      .orderBy('districts.slug')
      .orderBy('villages.slug')
      .execute();
    return { shops, products, places };
  });
}

/** A village and its program (creating a shop or moving it). */
export async function findVillage(villageId: string) {
  return acrossShops((q) => q.selectFrom('villages').select(['id', 'program_id']).where('id', '=', villageId).executeTakeFirst());
}

/** Every village with its district (the shop form's village picker). */
export async function allVillages() {
  return acrossShops((q) =>
    q
      .selectFrom('villages')
      .innerJoin('districts', 'districts.id', 'villages.district_id')
      .select([
        'villages.id',
        'villages.slug',
        'villages.name',
        'districts.id as district_id',
        'districts.slug as district_slug',
        'districts.name as district_name',
        'villages.program_id',
      ])
      .orderBy('districts.name')
      .orderBy('villages.name')
      .execute(),
  );
}
