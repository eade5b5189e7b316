import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { reverseEntry } from '#server/ledger/reverse-entry.ts';

export const POST = handle(ROUTES.reverseEntry, async ({ ctx, body, shop }) =>
  json(
    await reverseEntry({ shopId: shop.shop.id, role: shop.role, userId: shop.user.id, entryId: ctx.params.entryId ?? '', memo: body.memo }),
    { status: 201 },
  ),
);
