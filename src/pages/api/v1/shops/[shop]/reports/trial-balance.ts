import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getTrialBalance } from '#server/ledger/get-trial-balance.ts';

export const GET = handle(ROUTES.trialBalance, async ({ query, shop }) =>
  json(await getTrialBalance({ shopId: shop.shop.id, role: shop.role, asOf: query.asOf })),
);
