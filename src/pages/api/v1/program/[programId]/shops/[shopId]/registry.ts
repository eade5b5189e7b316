import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { saveRegistryFacts } from '#server/program/save-registry-facts.ts';

export const PUT = handle(ROUTES.registryFacts, async ({ ctx, auth, body }) => {
  await saveRegistryFacts({ userId: auth.user.id, programId: ctx.params.programId ?? '', shopId: ctx.params.shopId ?? '', facts: body });
  return new Response(null, { status: 204 });
});
