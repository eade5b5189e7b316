import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { requireIdempotencyKey } from '#server/http/idempotency.ts';
import { countStock } from '#server/ledger/count-stock.ts';

export const POST = handle(ROUTES.countStock, async ({ ctx, body, shop }) => {
  const key = requireIdempotencyKey(ctx, body.idempotencyKey);
  const r = await countStock({
    shopId: shop.shop.id,
    role: shop.role,
    userId: shop.user.id,
    item: { productId: body.productId, variantId: body.variantId ?? null },
    counted: body.counted,
    key,
  });
  return json(r, { status: 201 });
});
