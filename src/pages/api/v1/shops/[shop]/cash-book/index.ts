import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { listCashBook } from '#server/ledger/list-cash-book.ts';

export const GET = handle(ROUTES.listCashBook, async ({ query, shop }) =>
  json(await listCashBook({ shopId: shop.shop.id, role: shop.role, before: query.before ?? null })),
);
