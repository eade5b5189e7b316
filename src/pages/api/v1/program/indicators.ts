import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getProgramIndicators } from '#server/program/get-program-indicators.ts';

export const GET = handle(ROUTES.programIndicators, async ({ auth, query }) =>
  json(await getProgramIndicators({ user: auth.user, query })),
);
