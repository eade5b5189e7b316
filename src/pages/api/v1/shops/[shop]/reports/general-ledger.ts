import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getGeneralLedger } from '#server/ledger/get-general-ledger.ts';

export const GET = handle(ROUTES.generalLedger, async ({ query, shop }) =>
  json(await getGeneralLedger({ shopId: shop.shop.id, role: shop.role, account: query.account, from: query.from, to: query.to })),
);
