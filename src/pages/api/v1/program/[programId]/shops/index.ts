import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { listRegistry } from '#server/program/list-registry.ts';
import { registerShop } from '#server/program/register-shop.ts';

export const GET = handle(ROUTES.registryList, async ({ ctx, auth }) =>
  json({ shops: await listRegistry({ userId: auth.user.id, programId: ctx.params.programId ?? '' }) }),
);

export const POST = handle(ROUTES.registerShop, async ({ ctx, auth, body }) =>
  json(await registerShop({ userId: auth.user.id, programId: ctx.params.programId ?? '', input: body, ip: ctx.locals.clientIp }), {
    status: 201,
  }),
);
