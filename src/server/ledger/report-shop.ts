import { inShop } from '../tenant/index.ts';
import { getPublishedBrand } from '../branding/get-published-brand.ts';
import { storage } from '../media/storage.ts';

/**
 * What heads an exported statement: the shop's name and, for a PDF, its published logo (the 512 px PNG the
 * brand studio stored; read from this shop's own media only, never from a URL).
 */
export async function reportHeader(shopId: string, withLogo: boolean): Promise<{ shopName: string; logo: Buffer | null }> {
  const shopName = await inShop(
    shopId,
    async ({ tx, shopId: id }) => (await tx.selectFrom('shops').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name,
  );
  if (!withLogo) return { shopName, logo: null };
  const url = (await getPublishedBrand(shopId))?.logo?.url512 ?? '';
  const m = /^\/media\/([a-z0-9]+)\/([a-z0-9]+)\/(512\.png)$/.exec(url);
  const logo = m && m[1] === shopId ? await storage().get(`${m[1]}/${m[2]}/${m[3]}`) : null;
  return { shopName, logo };
}
