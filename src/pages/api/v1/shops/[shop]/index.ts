import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { updateShop } from '#server/shops/update-shop.ts';
import { parseShopProfile } from '#server/shops/profile.ts';

export const GET = handle(ROUTES.getShop, async ({ shop }) =>
  json({
    shop: { ...shop.shop, profile: parseShopProfile(shop.shop.profile) },
    role: shop.role,
  }),
);

export const PATCH = handle(ROUTES.updateShop, async ({ ctx, body, shop }) => {
  const r = await updateShop({ shopId: shop.shop.id, userId: shop.user.id, role: shop.role, input: body, ip: ctx.locals.clientIp });
  return json(r);
});
