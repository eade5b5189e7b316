import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { pendingOrders } from '#server/orders/pending-orders.ts';

export const GET = handle(ROUTES.pendingOrders, async ({ shop }) => json(await pendingOrders(shop.shop.id)));
