import { Readable } from 'node:stream';
import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { exportProgramReport } from '#server/program/export-program-report.ts';

export const GET = handle(ROUTES.programReportFile, async ({ ctx, auth, query }) => {
  const r = await exportProgramReport({ user: auth.user, locale: ctx.locals.locale, query });
  return new Response(Readable.toWeb(r.body) as ReadableStream, {
    headers: { 'content-type': r.contentType, 'cache-control': 'no-store', 'content-disposition': `attachment; filename="${r.filename}"` },
  });
});
