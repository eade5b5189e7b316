import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { writeBaseline } from '#server/program/record-baseline.ts';

export const PUT = handle(ROUTES.shopBaseline, async ({ shop, body }) => {
  await writeBaseline({ shopId: shop.shop.id, userId: shop.user.id, input: body });
  return new Response(null, { status: 204 });
});
