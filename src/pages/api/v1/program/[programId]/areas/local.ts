import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { addProgramArea } from '#server/program/add-program-area.ts';

export const POST = handle(ROUTES.programLocalArea, async ({ ctx, auth, body }) =>
  json(await addProgramArea({ userId: auth.user.id, programId: ctx.params.programId ?? '', input: body }), { status: 201 }),
);
