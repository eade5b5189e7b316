import type { APIRoute } from 'astro';
import { requireShopAccess } from '#server/auth/access.ts';
import { errorResponse } from '#server/http/respond.ts';
import { findCashBookReceipt } from '#server/ledger/find-cash-book-receipt.ts';
import { privateMediaResponse } from '#server/media/serve-private-media.ts';

/** The receipt photo of a cash-book record, for the owner (reports.profit). */
export const GET: APIRoute = async (ctx) => {
  try {
    const auth = await ctx.locals.auth();
    const { shop, role } = await requireShopAccess(auth?.user ?? null, ctx.params.shop ?? '', 'reports.profit');
    const receipt = await findCashBookReceipt({ shopId: shop.id, role, cashBookId: ctx.params.id ?? '' });
    return await privateMediaResponse(shop.id, receipt, ctx.params.file ?? '');
  } catch (err) {
    return errorResponse(err, ctx.locals.locale);
  }
};
