import { directoryShops, findDistrictsBySlug } from '#server/tenant/cross-shop.ts';
import { listDirectoryProducts } from '#server/catalog/list-directory-products.ts';

const SLUG = /^[a-z0-9-]{1,60}$/;

/**
 * A district's page: the district, its shops and their published products, and its villages split into
 * those with a shop and those without; null when no district has the slug.
 */
export async function getDistrictDirectory(slug: string) {
  const districts = SLUG.test(slug) ? await findDistrictsBySlug(slug) : [];
  const district = districts[0];
  if (!district) return null;
  const villages = districts.flatMap((d) => d.villages);
  const shops = await directoryShops({ villageIds: villages.map((v) => v.id) });
  const products = await listDirectoryProducts({ shopIds: shops.map((s) => s.id) });
  const withShops = villages.filter((v) => shops.some((s) => s.village_id === v.id));
  const without = villages.filter((v) => !shops.some((s) => s.village_id === v.id));
  return { district, shops, products, withShops, without };
}
