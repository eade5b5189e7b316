import { inShop } from '../tenant/index.ts';
import { storage } from './storage.ts';

const TYPES: Record<string, string> = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg', png: 'image/png' };

/** Public images: rendered sizes only (never the original), only of media marked public. Immutable. */
export async function publicMediaResponse(shopId: string, mediaId: string, file: string): Promise<Response> {
  const m = /^(\d{2,4})\.(avif|webp|jpg|png)$/.exec(file);
  if (!m || !/^[a-z0-9]{1,32}$/.test(shopId) || !/^[a-z0-9]{1,32}$/.test(mediaId)) return new Response('Not found', { status: 404 });
  const row = await inShop(shopId, ({ tx }) =>
    tx.selectFrom('media').select(['visibility']).where('shop_id', '=', shopId).where('id', '=', mediaId).executeTakeFirst(),
  );
  if (!row || row.visibility !== 'public') return new Response('Not found', { status: 404 });
  const bytes = await storage().get(`${shopId}/${mediaId}/${file}`);
  if (!bytes) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': TYPES[m[2]!]!,
      'cache-control': 'public, max-age=31536000, immutable',
      'content-length': String(bytes.byteLength),
      'x-content-type-options': 'nosniff',
    },
  });
}
