import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { removeStaff } from '#server/shops/remove-staff.ts';

export const DELETE = handle(ROUTES.removeMember, async ({ ctx, shop }) => {
  await removeStaff({
    shopId: shop.shop.id,
    userId: shop.user.id,
    role: shop.role,
    memberId: ctx.params.userId ?? '',
    ip: ctx.locals.clientIp,
  });
  return new Response(null, { status: 204 });
});
