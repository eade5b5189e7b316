import type { APIRoute } from 'astro';
import { requireShopAccess } from '#server/auth/access.ts';
import { errorResponse } from '#server/http/respond.ts';
import { renderTemplatePreview } from '#server/branding/render-template-preview.ts';

/** A starter template drawn with the shop's own name and products: the studio's template picker (brand.edit). */
export const GET: APIRoute = async (ctx) => {
  try {
    const auth = await ctx.locals.auth();
    const { shop } = await requireShopAccess(auth?.user ?? null, ctx.params.shop ?? '', 'brand.edit');
    const { bytes, etag } = await renderTemplatePreview({ shopId: shop.id, templateId: ctx.params.template ?? '' });
    // Private to the shop's members; revalidated on every view (a 304 costs a read of the facts, no rendering).
    const headers = { etag, 'cache-control': 'private, no-cache' };
    if (ctx.request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(bytes), {
      headers: { ...headers, 'content-type': 'image/webp', 'content-length': String(bytes.byteLength) },
    });
  } catch (err) {
    return errorResponse(err, ctx.locals.locale);
  }
};
