import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { requireIdempotencyKey } from '#server/http/idempotency.ts';
import { settleDebt } from '#server/ledger/settle-debt.ts';

export const POST = handle(ROUTES.settleDebt, async ({ ctx, body, shop }) => {
  const idempotencyKey = requireIdempotencyKey(ctx, body.idempotencyKey);
  const r = await settleDebt({
    shopId: shop.shop.id,
    role: shop.role,
    userId: shop.user.id,
    debtId: ctx.params.debtId ?? '',
    input: { ...body, idempotencyKey },
  });
  return json(r, { status: 201 });
});
