import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getBrandKit } from '#server/branding/get-brand-kit.ts';
import { saveBrandKit } from '#server/branding/save-brand-kit.ts';

export const GET = handle(ROUTES.getBrandKit, async ({ shop }) => json(await getBrandKit({ shopId: shop.shop.id })));

export const PUT = handle(ROUTES.saveBrandKit, async ({ ctx, body, shop }) => {
  await saveBrandKit({ shopId: shop.shop.id, userId: shop.user.id, input: body, ip: ctx.locals.clientIp });
  return json(await getBrandKit({ shopId: shop.shop.id }));
});
