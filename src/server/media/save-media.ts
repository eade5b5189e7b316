import type { ShopScope } from '../tenant/index.ts';
import { newId, nowIso } from '../util.ts';
import { processImage, type ProcessedImage } from './process-image.ts';
import { storage } from './storage.ts';
import type { MediaTable } from '../db/schema.ts';

/**
 * Process an upload and store it for a shop. Files are written before the row, so a row always has its
 * files; a failed transaction leaves only unreferenced files, which are harmless.
 */
export async function saveMedia(scope: ShopScope, opts: MediaUpload) {
  const row = await prepareMedia(scope.shopId, opts);
  await scope.tx.insertInto('media').values(row).execute();
  return row;
}

export interface MediaUpload {
  data: Buffer;
  purpose: MediaTable['purpose'];
  visibility: MediaTable['visibility'];
  userId: string | null;
  keepAlpha?: boolean;
  /** processImage(data) already done outside any transaction (encoding a phone photo takes seconds). */
  processed?: ProcessedImage;
}

/**
 * The processing and file-writing half of saveMedia, for callers that must not hold a database
 * transaction open while sharp works (on SQLite one open transaction holds the only connection):
 * prepare first, then insert the returned row inside the shop transaction.
 */
export async function prepareMedia(shopId: string, opts: MediaUpload) {
  const img = opts.processed ?? (await processImage(opts.data, { keepAlpha: opts.keepAlpha }));
  const id = newId();
  const prefix = `${shopId}/${id}`;
  await storage().put(`${prefix}/original`, img.original);
  for (const [name, bytes] of img.files) await storage().put(`${prefix}/${name}`, bytes);
  return {
    shop_id: shopId,
    id,
    purpose: opts.purpose,
    visibility: opts.visibility,
    original_format: img.originalFormat,
    original_bytes: img.original.byteLength,
    width: img.width,
    height: img.height,
    widths: JSON.stringify(img.widths),
    placeholder: img.placeholder,
    created_by: opts.userId,
    created_at: nowIso(),
  };
}

export function mediaUrl(shopId: string, mediaId: string, file: string): string {
  return `/media/${shopId}/${mediaId}/${file}`;
}
