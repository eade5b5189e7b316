import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { setProgramPrivacy } from '#server/shops/set-program-privacy.ts';

export const PUT = handle(ROUTES.programPrivacy, async ({ ctx, shop, body }) => {
  await setProgramPrivacy({ shopId: shop.shop.id, userId: shop.user.id, optOut: body.optOut, ip: ctx.locals.clientIp });
  return json({ optOut: body.optOut });
});
