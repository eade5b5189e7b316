import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getProfitLoss } from '#server/ledger/get-profit-loss.ts';

export const GET = handle(ROUTES.profitLoss, async ({ query, shop }) =>
  json(await getProfitLoss({ shopId: shop.shop.id, role: shop.role, from: query.from, to: query.to })),
);
