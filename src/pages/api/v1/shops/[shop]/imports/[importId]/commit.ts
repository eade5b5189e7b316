import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { localizeImport } from '#server/imports/import-views.ts';
import { startMarketplaceImport } from '#server/imports/start-marketplace-import.ts';

export const POST = handle(ROUTES.commitMarketplaceImport, async ({ ctx, shop }) => {
  const view = await startMarketplaceImport({
    shopId: shop.shop.id,
    role: shop.role,
    userId: shop.user.id,
    importId: ctx.params.importId ?? '',
  });
  return json(localizeImport(view, ctx.locals.locale), { status: 202 });
});
