import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { mapMarketplaceProduct } from '#server/imports/map-marketplace-product.ts';

export const POST = handle(ROUTES.mapMarketplaceProduct, async ({ body, shop }) =>
  json(await mapMarketplaceProduct({ shopId: shop.shop.id, role: shop.role, input: body }), { status: 201 }),
);
