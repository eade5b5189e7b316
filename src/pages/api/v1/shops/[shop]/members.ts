import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { listMembers } from '#server/shops/list-members.ts';

export const GET = handle(ROUTES.members, async ({ shop }) =>
  json({ members: await listMembers({ shopId: shop.shop.id, viewerId: shop.user.id, role: shop.role }) }),
);
