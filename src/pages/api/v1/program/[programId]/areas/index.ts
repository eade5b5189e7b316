import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { setProgramKabupaten } from '#server/program/set-program-kabupaten.ts';

export const PUT = handle(ROUTES.programAreas, async ({ ctx, auth, body }) =>
  json(await setProgramKabupaten({ userId: auth.user.id, programId: ctx.params.programId ?? '', kabupatenCode: body.kabupatenCode })),
);
