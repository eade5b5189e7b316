import { inShop } from '../tenant/index.ts';
import { storage } from './storage.ts';

const TYPES: Record<string, string> = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg', png: 'image/png' };

/**
 * A rendered size of a private image, for a route that has already checked who may see it (receipts:
 * orders.manage; QRIS: payments.manage or a transfer order's token). Never cached by shared caches.
 */
export async function privateMediaResponse(shopId: string, mediaId: string | null, file: string): Promise<Response> {
  const m = /^(320|640|1280)\.(avif|webp|jpg|png)$/.exec(file);
  const notFound = new Response('Not found', { status: 404, headers: { 'cache-control': 'no-store' } });
  if (!m || !mediaId) return notFound;
  const row = await inShop(shopId, ({ tx }) =>
    tx.selectFrom('media').select('id').where('shop_id', '=', shopId).where('id', '=', mediaId).executeTakeFirst(),
  );
  if (!row) return notFound;
  const bytes = await storage().get(`${shopId}/${mediaId}/${m[1]}.${m[2]}`);
  if (!bytes) return notFound;
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': TYPES[m[2]!]!,
      'cache-control': 'private, no-store',
      'content-length': String(bytes.byteLength),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  });
}
