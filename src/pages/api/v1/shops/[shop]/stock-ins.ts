import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { requireIdempotencyKey } from '#server/http/idempotency.ts';
import { recordStockIn } from '#server/ledger/record-stock-in.ts';

export const POST = handle(ROUTES.recordStockIn, async ({ ctx, body, shop }) => {
  const key = requireIdempotencyKey(ctx, body.idempotencyKey);
  const r = await recordStockIn({
    shopId: shop.shop.id,
    role: shop.role,
    userId: shop.user.id,
    item: { productId: body.productId, variantId: body.variantId ?? null },
    quantity: body.quantity,
    source: body.source,
    key,
  });
  return json(r, { status: 201 });
});
