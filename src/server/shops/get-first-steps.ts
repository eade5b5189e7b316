import { inShop } from '../tenant/index.ts';

export const FIRST_STEPS = ['productPhoto', 'productPublished', 'logo', 'brandPublished', 'shared'] as const;
export type FirstStep = (typeof FIRST_STEPS)[number];

export interface FirstSteps {
  steps: { key: FirstStep; done: boolean; href: string }[];
  done: number;
}

/** A new shop's checklist, each step ticked from the shop's own data (nothing to mark by hand). */
export async function getFirstSteps(opts: { shopId: string; shopSlug: string }): Promise<FirstSteps> {
  const done = await inShop(opts.shopId, async ({ tx, shopId }) => {
    const one = async (q: Promise<unknown>) => (await q) !== undefined;
    return {
      productPhoto: await one(tx.selectFrom('product_photos').select('product_id').where('shop_id', '=', shopId).executeTakeFirst()),
      productPublished: await one(
        tx.selectFrom('products').select('id').where('shop_id', '=', shopId).where('status', '=', 'published').executeTakeFirst(),
      ),
      logo: await one(tx.selectFrom('designs').select('id').where('shop_id', '=', shopId).where('kind', '=', 'logo').executeTakeFirst()),
      brandPublished: await one(
        tx.selectFrom('brand_kits').select('shop_id').where('shop_id', '=', shopId).where('published', 'is not', null).executeTakeFirst(),
      ),
      shared: await one(
        tx.selectFrom('audit_log').select('id').where('shop_id', '=', shopId).where('action', '=', 'shop.shared').executeTakeFirst(),
      ),
    } satisfies Record<FirstStep, boolean>;
  });
  const base = `/dashboard/${opts.shopSlug}`;
  const href: Record<FirstStep, string> = {
    productPhoto: `${base}/produk/baru`,
    productPublished: `${base}/produk`,
    logo: `${base}/brand`,
    brandPublished: `${base}/brand`,
    shared: '#share-h',
  };
  const steps = FIRST_STEPS.map((key) => ({ key, done: done[key], href: href[key] }));
  return { steps, done: steps.filter((s) => s.done).length };
}
