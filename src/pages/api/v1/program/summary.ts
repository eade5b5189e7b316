import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { programSummary } from '#server/program/program-summary.ts';

export const GET = handle(ROUTES.programSummary, async ({ auth }) => json(await programSummary(auth.user)));
