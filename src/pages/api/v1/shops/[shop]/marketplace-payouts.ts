import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { recordMarketplacePayout } from '#server/imports/record-marketplace-payout.ts';

export const POST = handle(ROUTES.recordMarketplacePayout, async ({ body, shop }) =>
  json(await recordMarketplacePayout({ shopId: shop.shop.id, role: shop.role, userId: shop.user.id, input: body }), { status: 201 }),
);
