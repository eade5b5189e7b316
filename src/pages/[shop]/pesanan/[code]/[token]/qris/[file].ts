import type { APIRoute } from 'astro';
import { findShopBySlug } from '#server/tenant/cross-shop.ts';
import { NotFound } from '#server/errors.ts';
import { findOrderQris } from '#server/orders/find-order-qris.ts';
import { privateMediaResponse } from '#server/media/serve-private-media.ts';

const notFound = () => new Response('Not found', { status: 404, headers: { 'cache-control': 'no-store' } });

/**
 * The shop's static QRIS image is private media: served only to someone holding a transfer order's status
 * token, never at a public /media URL. `?unduh=1` asks the browser to save it (a phone cannot scan its own
 * screen, so the buyer opens the saved image from the bank app).
 */
export const GET: APIRoute = async ({ params, url }) => {
  const file = params.file ?? '';
  if (!/^(320|640|1280)\.(avif|webp|png)$/.test(file)) return notFound();
  const shop = await findShopBySlug(params.shop ?? '');
  if (!shop) return notFound();
  let mediaId: string | null;
  try {
    mediaId = await findOrderQris({ shopId: shop.id, code: params.code ?? '', token: params.token ?? '' });
  } catch (err) {
    if (err instanceof NotFound) return notFound();
    throw err;
  }
  const res = await privateMediaResponse(shop.id, mediaId, file);
  if (res.ok && url.searchParams.get('unduh') === '1')
    res.headers.set('content-disposition', `attachment; filename="QRIS-${shop.slug}.${file.split('.')[1]}"`);
  return res;
};
