import { directoryShops, directoryVillages } from '#server/tenant/cross-shop.ts';

/** The home page: every listed shop, the villages, and their districts (slug, name), in directory order. */
export async function getHomeDirectory() {
  const [shops, villages] = await Promise.all([directoryShops({}), directoryVillages()]);
  const districts = [...new Map(villages.map((v) => [v.district_slug, v.district_name])).entries()];
  return { shops, villages, districts };
}
