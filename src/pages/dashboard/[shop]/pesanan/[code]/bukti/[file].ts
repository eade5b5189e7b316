import type { APIRoute } from 'astro';
import { requireShopAccess } from '#server/auth/access.ts';
import { errorResponse } from '#server/http/respond.ts';
import { findOrderReceipt } from '#server/orders/find-order-receipt.ts';
import { privateMediaResponse } from '#server/media/serve-private-media.ts';

/** The customer's transfer receipt, for the shop's members who process orders (orders.manage). */
export const GET: APIRoute = async (ctx) => {
  try {
    const auth = await ctx.locals.auth();
    const { shop } = await requireShopAccess(auth?.user ?? null, ctx.params.shop ?? '', 'orders.manage');
    const receipt = await findOrderReceipt({ shopId: shop.id, code: ctx.params.code ?? '' });
    return await privateMediaResponse(shop.id, receipt, ctx.params.file ?? '');
  } catch (err) {
    return errorResponse(err, ctx.locals.locale);
  }
};
