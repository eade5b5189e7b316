import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { publishBrandKit } from '#server/branding/publish-brand-kit.ts';

export const POST = handle(ROUTES.publishBrandKit, async ({ ctx, shop }) =>
  json(
    {
      published: await publishBrandKit({ shopId: shop.shop.id, userId: shop.user.id, role: shop.role, ip: ctx.locals.clientIp }),
    },
    { status: 201 },
  ),
);
