import { directoryShops, findVillagesBySlug } from '#server/tenant/cross-shop.ts';
import { listDirectoryProducts } from '#server/catalog/list-directory-products.ts';

const SLUG = /^[a-z0-9-]{1,60}$/;

/** A village's page: the village, its shops and their published products; null when no village has the slug. */
export async function getVillageDirectory(slug: string) {
  const villages = SLUG.test(slug) ? await findVillagesBySlug(slug) : [];
  const village = villages[0];
  if (!village) return null;
  const shops = await directoryShops({ villageIds: villages.map((v) => v.id) });
  const products = await listDirectoryProducts({ shopIds: shops.map((s) => s.id) });
  return { village, shops, products };
}
