import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getDesign } from '#server/branding/get-design.ts';
import { saveDesign } from '#server/branding/save-design.ts';

export const GET = handle(ROUTES.getDesign, async ({ ctx, shop }) =>
  json(await getDesign({ shopId: shop.shop.id, designId: ctx.params.designId ?? '' })),
);

export const PUT = handle(ROUTES.saveDesign, async ({ ctx, body, shop }) =>
  json(
    await saveDesign({
      shopId: shop.shop.id,
      userId: shop.user.id,
      designId: ctx.params.designId ?? '',
      input: body,
      locale: ctx.locals.locale,
      ip: ctx.locals.clientIp,
    }),
  ),
);
