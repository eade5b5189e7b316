import type { APIRoute } from 'astro';
import { requireShopAccess } from '../../../../../../server/auth/access.ts';
import { errorResponse } from '../../../../../../server/http/respond.ts';
import { inShop } from '../../../../../../server/tenant/index.ts';
import { normalizeOrderCode } from '../../../../../../server/orders/order-code.ts';
import { privateMediaResponse } from '../../../../../../server/media/serve-private-media.ts';

/** The customer's transfer receipt, for the shop's members who process orders (orders.manage). */
export const GET: APIRoute = async (ctx) => {
  try {
    const auth = await ctx.locals.auth();
    const { shop } = await requireShopAccess(auth?.user ?? null, ctx.params.shop ?? '', 'orders.manage');
    const code = normalizeOrderCode(ctx.params.code ?? '');
    const receipt = code ? await inShop(shop.id, async ({ tx }) => (await tx.selectFrom('orders').select('receipt_media_id')
      .where('shop_id', '=', shop.id).where('code', '=', code).executeTakeFirst())?.receipt_media_id ?? null) : null;
    return await privateMediaResponse(shop.id, receipt, ctx.params.file ?? '');
  } catch (err) {
    return errorResponse(err, ctx.locals.locale);
  }
};
