import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { listVillages } from '#server/shops/list-villages.ts';

export const GET = handle(ROUTES.villages, async () => json({ villages: await listVillages() }));
