import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { adjustOrder } from '#server/orders/adjust-order.ts';

export const POST = handle(ROUTES.adjustOrder, async ({ ctx, body, shop }) =>
  json(await adjustOrder({ shopId: shop.shop.id, code: ctx.params.code ?? '', userId: shop.user.id, role: shop.role, input: body })),
);
