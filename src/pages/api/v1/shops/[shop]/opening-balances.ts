import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { requireIdempotencyKey } from '#server/http/idempotency.ts';
import { setOpeningBalances } from '#server/ledger/set-opening-balances.ts';

export const PUT = handle(ROUTES.setOpeningBalances, async ({ ctx, body, shop }) => {
  const idempotencyKey = requireIdempotencyKey(ctx, body.idempotencyKey);
  return json(
    await setOpeningBalances({ shopId: shop.shop.id, role: shop.role, userId: shop.user.id, input: { ...body, idempotencyKey } }),
  );
});
