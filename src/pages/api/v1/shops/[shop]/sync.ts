import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { applyDeviceChanges } from '#server/sync/apply-device-changes.ts';

export const POST = handle(ROUTES.syncDeviceChanges, async ({ ctx, body, shop }) =>
  json(
    await applyDeviceChanges({
      shopId: shop.shop.id,
      role: shop.role,
      userId: shop.user.id,
      locale: ctx.locals.locale,
      changes: body.changes,
    }),
  ),
);
