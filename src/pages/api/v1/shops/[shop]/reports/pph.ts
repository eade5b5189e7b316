import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getPphEstimate } from '#server/ledger/get-pph-estimate.ts';

export const GET = handle(ROUTES.pphEstimate, async ({ query, shop }) =>
  json(await getPphEstimate({ shopId: shop.shop.id, role: shop.role, year: query.year })),
);
