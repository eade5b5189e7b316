import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { saveLicence } from '#server/program/save-licence.ts';

export const POST = handle(ROUTES.addLicence, async ({ ctx, auth, body }) =>
  json(await saveLicence({ userId: auth.user.id, programId: ctx.params.programId ?? '', shopId: ctx.params.shopId ?? '', input: body }), {
    status: 201,
  }),
);
