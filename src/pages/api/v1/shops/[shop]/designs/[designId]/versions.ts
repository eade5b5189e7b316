import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { listVersions } from '#server/branding/list-design-versions.ts';

export const GET = handle(ROUTES.designVersions, async ({ ctx, shop }) =>
  json(await listVersions({ shopId: shop.shop.id, designId: ctx.params.designId ?? '' })),
);
