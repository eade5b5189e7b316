import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getBalanceSheet } from '#server/ledger/get-balance-sheet.ts';

export const GET = handle(ROUTES.balanceSheet, async ({ query, shop }) =>
  json(await getBalanceSheet({ shopId: shop.shop.id, role: shop.role, asOf: query.asOf })),
);
