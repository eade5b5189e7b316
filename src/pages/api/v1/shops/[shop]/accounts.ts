import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { listAccounts } from '#server/ledger/list-accounts.ts';
import { addAccount } from '#server/ledger/add-account.ts';

export const GET = handle(ROUTES.listAccounts, async ({ shop }) => json(await listAccounts({ shopId: shop.shop.id, role: shop.role })));

export const POST = handle(ROUTES.addAccount, async ({ body, shop }) =>
  json(await addAccount({ shopId: shop.shop.id, role: shop.role, input: body }), { status: 201 }),
);
