import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { requireIdempotencyKey } from '#server/http/idempotency.ts';
import { recordExpense } from '#server/ledger/record-expense.ts';

export const POST = handle(ROUTES.recordExpense, async ({ ctx, body, shop }) => {
  const idempotencyKey = requireIdempotencyKey(ctx, body.idempotencyKey);
  const r = await recordExpense({ shopId: shop.shop.id, role: shop.role, userId: shop.user.id, input: { ...body, idempotencyKey } });
  return json(r, { status: 201 });
});
