import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { saveCertifications } from '#server/branding/save-certifications.ts';

export const PUT = handle(ROUTES.saveCertifications, async ({ ctx, body, shop }) =>
  json(
    await saveCertifications({
      shopId: shop.shop.id,
      userId: shop.user.id,
      input: body,
      ip: ctx.locals.clientIp,
    }),
  ),
);
