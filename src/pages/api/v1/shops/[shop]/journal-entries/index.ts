import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { listJournalEntries } from '#server/ledger/list-journal-entries.ts';

export const GET = handle(ROUTES.listJournalEntries, async ({ query, shop }) =>
  json(await listJournalEntries({ shopId: shop.shop.id, role: shop.role, from: query.from, to: query.to, before: query.before ?? null })),
);
