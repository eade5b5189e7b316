import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { issueSurveyLink } from '#server/training/issue-survey-link.ts';

export const POST = handle(ROUTES.issueSurveyLink, async ({ auth, body, ctx }) =>
  json(
    await issueSurveyLink({ user: auth.user, surveyId: ctx.params.surveyId ?? '', attendeeId: body.attendeeId, locale: ctx.locals.locale }),
    { status: 201 },
  ),
);
