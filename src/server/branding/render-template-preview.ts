import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { NotFound } from '../errors.ts';
import { inShop } from '../tenant/index.ts';
import { findTemplate } from '#brand/templates/index.ts';
import { labelFactsIn } from './label-facts.ts';
import { queued, renderPng } from './render-node.ts';

/** Long side of a preview: the picker shows 72 px, sharp on a 3x phone screen. */
const PREVIEW_PX = 216;
const CACHE_MAX = 300;
const cache = new Map<string, Buffer>();

/**
 * A starter template drawn with this shop's own words (name, tagline, first product and its label facts;
 * a missing fact shows as the studio's red placeholder), for the studio's template picker. Cached by what
 * it draws: the shop version would re-render on every order (orders bump it) yet miss a new tagline (a
 * brand-kit draft does not), so the key is a digest of the template and the facts. Returns the digest as
 * the ETag, so a browser revalidates with a read of the facts and no rendering.
 */
export async function renderTemplatePreview(opts: { shopId: string; templateId: string }): Promise<{ bytes: Buffer; etag: string }> {
  const tpl = findTemplate(opts.templateId);
  if (!tpl) throw new NotFound();
  const facts = await inShop(opts.shopId, async (scope) => {
    const first = await scope.tx
      .selectFrom('products')
      .select('id')
      .where('shop_id', '=', scope.shopId)
      .orderBy('sort_order')
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    return labelFactsIn(scope, first?.id ?? null);
  });
  const etag = `"${createHash('sha256')
    .update(JSON.stringify([tpl.doc, facts]))
    .digest('base64url')
    .slice(0, 27)}"`;
  const key = `${opts.shopId}:${etag}`;
  let bytes = cache.get(key);
  if (bytes) {
    cache.delete(key);
  } else {
    const png = await queued(() => renderPng({ shopId: opts.shopId, doc: tpl.doc, facts, transparent: tpl.kind === 'logo' }, PREVIEW_PX));
    bytes = await sharp(png).webp({ quality: 80, alphaQuality: 90 }).toBuffer();
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, bytes);
  return { bytes, etag };
}
