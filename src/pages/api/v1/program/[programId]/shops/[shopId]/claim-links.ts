import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { issueClaimLink } from '#server/program/issue-claim-link.ts';

export const POST = handle(ROUTES.claimLink, async ({ ctx, auth }) =>
  json(
    await issueClaimLink({
      userId: auth.user.id,
      programId: ctx.params.programId ?? '',
      shopId: ctx.params.shopId ?? '',
      locale: ctx.locals.locale,
      ip: ctx.locals.clientIp,
    }),
    { status: 201 },
  ),
);
