import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { listDebts } from '#server/ledger/list-debts.ts';

export const GET = handle(ROUTES.listDebts, async ({ query, shop }) =>
  json(await listDebts({ shopId: shop.shop.id, role: shop.role, kind: query.kind, openOnly: query.openOnly })),
);
