import type { ShopScope } from '../tenant/index.ts';
import { newId, nowIso } from '../util.ts';
import { processImage, type ProcessedImage } from './process-image.ts';
import { storage } from './storage.ts';
import type { MediaTable } from '../db/schema.ts';

/**
 * Process an upload and store it for a shop. Files are written before the row, so a row always has its
 * files; a failed transaction leaves only unreferenced files, which are harmless.
 * `processed`: the result of processImage(data) done before the transaction, so the encoding (seconds for
 * a phone photo) does not hold a transaction open (on SQLite that would stall every other request).
 */
export async function saveMedia(scope: ShopScope, opts: {
  data: Buffer; purpose: MediaTable['purpose']; visibility: MediaTable['visibility']; userId: string | null; keepAlpha?: boolean;
  processed?: ProcessedImage;
}) {
  const img = opts.processed ?? await processImage(opts.data, { keepAlpha: opts.keepAlpha });
  const id = newId();
  const prefix = `${scope.shopId}/${id}`;
  await storage().put(`${prefix}/original`, img.original);
  for (const [name, bytes] of img.files) await storage().put(`${prefix}/${name}`, bytes);
  const row = {
    shop_id: scope.shopId, id, purpose: opts.purpose, visibility: opts.visibility,
    original_format: img.originalFormat, original_bytes: img.original.byteLength, width: img.width, height: img.height,
    widths: JSON.stringify(img.widths), placeholder: img.placeholder, created_by: opts.userId, created_at: nowIso(),
  };
  await scope.tx.insertInto('media').values(row).execute();
  return row;
}

export function mediaUrl(shopId: string, mediaId: string, file: string): string {
  return `/media/${shopId}/${mediaId}/${file}`;
}
