import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { listAudit } from '#server/shops/list-audit.ts';

export const GET = handle(ROUTES.audit, async ({ ctx, shop }) =>
  json({ events: await listAudit({ shopId: shop.shop.id, role: shop.role, locale: ctx.locals.locale }) }),
);
