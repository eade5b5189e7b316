import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { exportDesign } from '#server/branding/export-design.ts';

export const GET = handle(ROUTES.exportDesign, async ({ ctx, query, shop }) => {
  const r = await exportDesign({
    shopId: shop.shop.id,
    userId: shop.user.id,
    designId: ctx.params.designId ?? '',
    format: query.format ?? '',
    size: query.size ?? null,
    ip: ctx.locals.clientIp,
  });
  return new Response(new Uint8Array(r.bytes), {
    headers: {
      'content-type': r.type,
      'content-length': String(r.bytes.byteLength),
      'cache-control': 'no-store',
      'content-disposition': `attachment; filename="${r.filename}"`,
      'x-etalase-label-count': String(r.count),
    },
  });
});
