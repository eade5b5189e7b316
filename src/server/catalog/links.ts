import { absoluteUrl } from '../config.ts';

/** The product's public page (changes when the shop's or the product's slug changes). */
export function productPath(shopSlug: string, productSlug: string): string {
  return `/${shopSlug}/p/${productSlug}`;
}

/** Permanent short link for printed labels and QR codes; /q/{id} redirects to the current public page. */
export function productShortPath(productId: string): string {
  return `/q/${productId}`;
}

export function productShortUrl(productId: string): string {
  return absoluteUrl(productShortPath(productId));
}
