import type { APIRoute } from 'astro';
import { inShop } from '../../../../server/tenant/index.ts';
import { storage } from '../../../../server/media/storage.ts';

const TYPES: Record<string, string> = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg', png: 'image/png' };

/** Public images: rendered sizes only (never the original), only of media marked public. Immutable. */
export const GET: APIRoute = async ({ params }) => {
  const { shopId = '', mediaId = '', file = '' } = params;
  const m = /^(\d{2,4})\.(avif|webp|jpg|png)$/.exec(file);
  if (!m || !/^[a-z0-9]{1,32}$/.test(shopId) || !/^[a-z0-9]{1,32}$/.test(mediaId)) return new Response('Not found', { status: 404 });
  const row = await inShop(shopId, ({ tx }) => tx.selectFrom('media').select(['visibility'])
    .where('shop_id', '=', shopId).where('id', '=', mediaId).executeTakeFirst());
  if (!row || row.visibility !== 'public') return new Response('Not found', { status: 404 });
  const bytes = await storage().get(`${shopId}/${mediaId}/${file}`);
  if (!bytes) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': TYPES[m[2]!]!, 'cache-control': 'public, max-age=31536000, immutable',
      'content-length': String(bytes.byteLength), 'x-content-type-options': 'nosniff',
    },
  });
};
