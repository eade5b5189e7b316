import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { listLabelFacts } from '#server/branding/list-label-facts.ts';

export const GET = handle(ROUTES.listLabelFacts, async ({ shop }) => json(await listLabelFacts({ shopId: shop.shop.id })));
