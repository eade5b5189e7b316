import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { createShop } from '#server/shops/create-shop.ts';
import { listMyShops } from '#server/shops/list-my-shops.ts';

export const GET = handle(ROUTES.myShops, async ({ auth }) => json({ shops: await listMyShops(auth.user.id) }));

export const POST = handle(ROUTES.createShop, async ({ ctx, body, auth }) => {
  const shop = await createShop({ userId: auth.user.id, input: body, ip: ctx.locals.clientIp });
  return json(shop, { status: 201 });
});
