import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { postDepreciation } from '#server/ledger/post-depreciation.ts';

export const POST = handle(ROUTES.postDepreciation, async ({ body, shop }) =>
  json(await postDepreciation({ shopId: shop.shop.id, role: shop.role, userId: shop.user.id, month: body.month })),
);
