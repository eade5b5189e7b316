import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { changeOrderStatus } from '#server/orders/change-order-status.ts';

export const POST = handle(ROUTES.orderTransition, async ({ ctx, body, shop }) => {
  const r = await changeOrderStatus({
    shopId: shop.shop.id,
    code: ctx.params.code ?? '',
    to: body.to,
    userId: shop.user.id,
    role: shop.role,
    reason: body.reason,
    note: body.note,
  });
  return json({ code: r.code, status: r.status, changed: r.changed });
});
