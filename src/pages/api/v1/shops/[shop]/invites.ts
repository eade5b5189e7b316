import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { createInvite } from '#server/shops/create-invite.ts';

export const POST = handle(ROUTES.invite, async ({ ctx, shop }) => {
  const { url } = await createInvite({
    shopId: shop.shop.id,
    userId: shop.user.id,
    role: shop.role,
    locale: ctx.locals.locale,
    ip: ctx.locals.clientIp,
  });
  return json({ url }, { status: 201 });
});
