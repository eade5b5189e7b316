import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { getProgramWorkList } from '#server/program/get-program-work-list.ts';

export const GET = handle(ROUTES.programWorkList, async ({ ctx, auth, query }) =>
  json(await getProgramWorkList({ user: auth.user, programId: query.program, locale: ctx.locals.locale })),
);
