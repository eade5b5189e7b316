import { NotFound } from '../errors.ts';
import { inShop } from '../tenant/index.ts';
import { requireProgramShop } from './program-shop.ts';

export async function deleteLicence(opts: { userId: string; programId: string; shopId: string; licenceId: string }) {
  await requireProgramShop(opts);
  await inShop(opts.shopId, async ({ tx, shopId }) => {
    const r = await tx.deleteFrom('shop_licences').where('shop_id', '=', shopId).where('id', '=', opts.licenceId).executeTakeFirst();
    if (Number(r.numDeletedRows) !== 1) throw new NotFound('registry.licenceNotFound');
  });
}
