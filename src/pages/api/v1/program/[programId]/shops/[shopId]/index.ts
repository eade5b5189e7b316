import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getRegistryShop } from '#server/program/get-registry-shop.ts';

export const GET = handle(ROUTES.registryShop, async ({ ctx, auth }) =>
  json(await getRegistryShop({ userId: auth.user.id, programId: ctx.params.programId ?? '', shopId: ctx.params.shopId ?? '' })),
);
