import { Readable } from 'node:stream';
import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { exportReport } from '#server/ledger/export-report.ts';

export const GET = handle(ROUTES.reportFile, async ({ ctx, query, shop }) => {
  const r = await exportReport({
    shopId: shop.shop.id,
    role: shop.role,
    report: ctx.params.report ?? '',
    locale: ctx.locals.locale,
    ...query,
  });
  return new Response(Readable.toWeb(r.body) as ReadableStream, {
    headers: {
      'content-type': r.contentType,
      'cache-control': 'no-store',
      'content-disposition': `attachment; filename="${r.filename}"`,
    },
  });
});
