import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getFinancialNotes } from '#server/ledger/get-financial-notes.ts';

export const GET = handle(ROUTES.financialNotes, async ({ ctx, query, shop }) =>
  json(await getFinancialNotes({ shopId: shop.shop.id, role: shop.role, asOf: query.asOf, locale: ctx.locals.locale })),
);
