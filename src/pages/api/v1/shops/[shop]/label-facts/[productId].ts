import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { saveLabelFacts } from '#server/branding/save-label-facts.ts';

export const PUT = handle(ROUTES.saveLabelFacts, async ({ ctx, body, shop }) =>
  json(
    await saveLabelFacts({
      shopId: shop.shop.id,
      userId: shop.user.id,
      productId: ctx.params.productId ?? '',
      input: body,
      ip: ctx.locals.clientIp,
    }),
  ),
);
