import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { requireIdempotencyKey } from '#server/http/idempotency.ts';
import { recordOwnerMoney } from '#server/ledger/record-owner-money.ts';

export const POST = handle(ROUTES.recordDrawing, async ({ ctx, body, shop }) => {
  const idempotencyKey = requireIdempotencyKey(ctx, body.idempotencyKey);
  const r = await recordOwnerMoney({
    shopId: shop.shop.id,
    role: shop.role,
    userId: shop.user.id,
    direction: 'drawing',
    input: { ...body, idempotencyKey },
  });
  return json(r, { status: 201 });
});
