import { inShop } from '../tenant/index.ts';
import { storage } from './storage.ts';

const TYPES: Record<string, string> = { avif: 'image/avif', webp: 'image/webp', jpg: 'image/jpeg', png: 'image/png' };

/** The smallest rendered width (media pipeline): what a visitor who asked to save data gets for any width. */
const SAVE_DATA_WIDTH = 320;

/**
 * Public images: rendered sizes only (never the original), only of media marked public. Immutable.
 * With `Save-Data: on` (a phone on a costly plan) a wider size is answered with the 320 px rendering of
 * the same format, so pages need no second markup; `Vary: Save-Data` keeps shared caches apart.
 */
export async function publicMediaResponse(
  shopId: string,
  mediaId: string,
  file: string,
  opts: { saveData?: boolean } = {},
): Promise<Response> {
  const m = /^(\d{2,4})\.(avif|webp|jpg|png)$/.exec(file);
  if (!m || !/^[a-z0-9]{1,32}$/.test(shopId) || !/^[a-z0-9]{1,32}$/.test(mediaId)) return new Response('Not found', { status: 404 });
  const row = await inShop(shopId, ({ tx }) =>
    tx.selectFrom('media').select(['visibility']).where('shop_id', '=', shopId).where('id', '=', mediaId).executeTakeFirst(),
  );
  if (!row || row.visibility !== 'public') return new Response('Not found', { status: 404 });
  const smaller =
    opts.saveData && Number(m[1]) > SAVE_DATA_WIDTH ? await storage().get(`${shopId}/${mediaId}/${SAVE_DATA_WIDTH}.${m[2]}`) : null;
  const bytes = smaller ?? (await storage().get(`${shopId}/${mediaId}/${file}`));
  if (!bytes) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: {
      'content-type': TYPES[m[2]!]!,
      'cache-control': 'public, max-age=31536000, immutable',
      'content-length': String(bytes.byteLength),
      'x-content-type-options': 'nosniff',
      vary: 'Save-Data',
    },
  });
}
