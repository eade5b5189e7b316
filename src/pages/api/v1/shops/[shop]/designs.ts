import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { createDesign } from '#server/branding/create-design.ts';
import { listDesigns } from '#server/branding/list-designs.ts';

export const GET = handle(ROUTES.listDesigns, async ({ shop }) => json({ designs: await listDesigns({ shopId: shop.shop.id }) }));

export const POST = handle(ROUTES.createDesign, async ({ ctx, body, shop }) => {
  const r = await createDesign({
    shopId: shop.shop.id,
    userId: shop.user.id,
    input: body,
    locale: ctx.locals.locale,
    ip: ctx.locals.clientIp,
  });
  return json(r, { status: 201 });
});
