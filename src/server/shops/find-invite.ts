import { NotFound } from '../errors.ts';
import { sha256Hex } from '../util.ts';
import { inShop } from '../tenant/index.ts';

export async function findInvite(shopId: string, token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) throw new NotFound('invite.invalid');
  return inShop(shopId, async ({ tx }) => {
    const row = await tx
      .selectFrom('shop_invites')
      .innerJoin('shops', 'shops.id', 'shop_invites.shop_id')
      .select([
        'shop_invites.token_hash',
        'shop_invites.role',
        'shop_invites.expires_at',
        'shop_invites.used_at',
        'shops.name',
        'shops.slug',
      ])
      .where('shop_invites.shop_id', '=', shopId)
      .where('shop_invites.token_hash', '=', sha256Hex(token))
      .executeTakeFirst();
    if (!row || row.used_at || Date.parse(row.expires_at) <= Date.now()) throw new NotFound('invite.invalid');
    return row;
  });
}
