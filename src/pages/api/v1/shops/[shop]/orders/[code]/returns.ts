import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { requireIdempotencyKey } from '#server/http/idempotency.ts';
import { recordOrderReturn } from '#server/orders/record-order-return.ts';

export const POST = handle(ROUTES.recordOrderReturn, async ({ ctx, body, shop }) => {
  const idempotencyKey = requireIdempotencyKey(ctx, body.idempotencyKey);
  const r = await recordOrderReturn({
    shopId: shop.shop.id,
    role: shop.role,
    userId: shop.user.id,
    code: ctx.params.code ?? '',
    input: { ...body, idempotencyKey },
  });
  return json(r, { status: 201, headers: r.replayed ? { 'idempotent-replayed': 'true' } : {} });
});
