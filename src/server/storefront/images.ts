import type { PublicPhoto } from '../catalog/published-products.ts';

/** Names of the stored sizes (process-image.ts WIDTHS); the file is never wider than the original. */
const NAMES = [320, 640, 1280] as const;
const PLACEHOLDER = /^data:image\/(?:webp|jpeg|png);base64,[A-Za-z0-9+/=]{1,2000}$/;

export function mediaPath(shopId: string, mediaId: string, name: number, ext: 'avif' | 'webp' | 'jpg'): string {
  return `/media/${shopId}/${mediaId}/${name}.${ext}`;
}

/** `srcset` over the stored sizes with their real widths (a 900 px original has no 1280 px file wider than 900). */
export function srcset(photo: PublicPhoto, ext: 'avif' | 'webp' | 'jpg'): string {
  const seen = new Set<number>();
  const parts: string[] = [];
  for (const name of NAMES) {
    const w = Math.min(name, photo.width);
    if (seen.has(w)) continue;
    seen.add(w);
    parts.push(`${mediaPath(photo.shopId, photo.mediaId, name, ext)} ${w}w`);
  }
  return parts.join(', ');
}

/** The blurred preview as a CSS background, only when it is the data: URI the media pipeline made. */
export function placeholderStyle(photo: PublicPhoto): string | undefined {
  return PLACEHOLDER.test(photo.placeholder) ? `background-image:url(${photo.placeholder})` : undefined;
}

/** Largest JPEG (Open Graph, feeds, JSON-LD). */
export function shareImagePath(photo: PublicPhoto): string {
  return mediaPath(photo.shopId, photo.mediaId, 1280, 'jpg');
}
