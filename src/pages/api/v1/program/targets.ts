import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { updateProgramTargets } from '#server/program/update-program-targets.ts';

export const PUT = handle(ROUTES.programTargets, async ({ auth, body }) =>
  json(await updateProgramTargets({ user: auth.user, input: body })),
);
