import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { localizeImport } from '#server/imports/import-views.ts';
import { getMarketplaceImport } from '#server/imports/get-marketplace-import.ts';

export const GET = handle(ROUTES.getMarketplaceImport, async ({ ctx, shop }) => {
  const view = await getMarketplaceImport({ shopId: shop.shop.id, role: shop.role, importId: ctx.params.importId ?? '' });
  return json(localizeImport(view, ctx.locals.locale));
});
