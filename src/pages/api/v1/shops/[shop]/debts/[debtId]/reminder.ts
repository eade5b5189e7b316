import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getDebtReminder } from '#server/ledger/get-debt-reminder.ts';

export const GET = handle(ROUTES.debtReminder, async ({ ctx, shop }) =>
  json(await getDebtReminder({ shopId: shop.shop.id, role: shop.role, debtId: ctx.params.debtId ?? '' })),
);
