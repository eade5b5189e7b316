import { Readable } from 'node:stream';
import type { APIRoute } from 'astro';
import { requireShopAccess } from '#server/auth/access.ts';
import { errorResponse } from '#server/http/respond.ts';
import { exportReportFile } from '#server/ledger/export-report-file.ts';

/** An owner's statement as a file (CSV, XLSX or PDF): the links on the reports page (reports.profit). */
export const GET: APIRoute = async (ctx) => {
  try {
    const auth = await ctx.locals.auth();
    const { shop, role } = await requireShopAccess(auth?.user ?? null, ctx.params.shop ?? '', 'reports.profit');
    const q = Object.fromEntries(ctx.url.searchParams);
    const file = await exportReportFile({ shopId: shop.id, role, locale: ctx.locals.locale, query: q });
    return new Response(Readable.toWeb(file.body) as ReadableStream, {
      headers: {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.filename}"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (err) {
    return errorResponse(err, ctx.locals.locale);
  }
};
