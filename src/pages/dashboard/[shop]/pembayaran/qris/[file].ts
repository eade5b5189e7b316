import type { APIRoute } from 'astro';
import { requireShopAccess } from '#server/auth/access.ts';
import { errorResponse } from '#server/http/respond.ts';
import { getPaymentSettings } from '#server/payments/get-payment-settings.ts';
import { privateMediaResponse } from '#server/media/serve-private-media.ts';

/** The owner's preview of the shop's QRIS image on the payment settings page (payments.manage). */
export const GET: APIRoute = async (ctx) => {
  try {
    const auth = await ctx.locals.auth();
    const { shop } = await requireShopAccess(auth?.user ?? null, ctx.params.shop ?? '', 'payments.manage');
    const settings = await getPaymentSettings(shop.id);
    return await privateMediaResponse(shop.id, settings.qrisMediaId, ctx.params.file ?? '');
  } catch (err) {
    return errorResponse(err, ctx.locals.locale);
  }
};
