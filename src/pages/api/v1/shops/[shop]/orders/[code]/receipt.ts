import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { exportOrderReceipt } from '#server/orders/export-order-receipt.ts';

export const GET = handle(ROUTES.orderReceipt, async ({ ctx, shop }) => {
  const r = await exportOrderReceipt({ shopId: shop.shop.id, code: ctx.params.code ?? '', role: shop.role, timezone: shop.shop.timezone });
  return new Response(new Uint8Array(r.body), {
    headers: {
      'content-type': 'application/pdf',
      'cache-control': 'no-store',
      'content-disposition': `inline; filename="${r.filename}"`,
    },
  });
});
