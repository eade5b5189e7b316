import { inShop } from '../tenant/index.ts';
import { saveMedia, mediaUrl } from '../media/save-media.ts';

/** An image for designs: the same sharp pipeline as product photos (content check, EXIF strip), kept with alpha as PNG. */
export async function uploadDesignImage(opts: { shopId: string; userId: string; data: Buffer }) {
  const row = await inShop(opts.shopId, (scope) =>
    saveMedia(scope, {
      data: opts.data,
      purpose: 'design_image',
      visibility: 'public',
      userId: opts.userId,
      keepAlpha: true,
    }),
  );
  return {
    id: row.id,
    src: mediaUrl(opts.shopId, row.id, '1280.png'),
    width: Math.min(row.width, 1280),
    height: Math.round(row.height * Math.min(1, 1280 / row.width)),
  };
}
