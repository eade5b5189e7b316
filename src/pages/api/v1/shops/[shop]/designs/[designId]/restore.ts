import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { restoreVersion } from '#server/branding/restore-design-version.ts';

export const POST = handle(ROUTES.restoreDesign, async ({ ctx, body, shop }) =>
  json(
    await restoreVersion({
      shopId: shop.shop.id,
      userId: shop.user.id,
      designId: ctx.params.designId ?? '',
      version: body.version,
      ip: ctx.locals.clientIp,
    }),
  ),
);
