import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { closeMonth } from '#server/ledger/close-month.ts';

export const POST = handle(ROUTES.closeMonth, async ({ body, shop }) =>
  json(await closeMonth({ shopId: shop.shop.id, role: shop.role, userId: shop.user.id, month: body.month })),
);
