import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getSalesReport } from '#server/ledger/get-sales-report.ts';

export const GET = handle(ROUTES.salesReport, async ({ query, shop }) => {
  const baseline = query.baselineFrom || query.baselineTo ? { from: query.baselineFrom ?? '', to: query.baselineTo ?? '' } : null;
  return json(
    await getSalesReport({ shopId: shop.shop.id, role: shop.role, from: query.from, to: query.to, groupBy: query.groupBy, baseline }),
  );
});
