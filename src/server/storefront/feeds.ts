import { toCsv } from '../csv.ts';
import { absoluteUrl } from '../config.ts';
import type { PublishedBrand } from '../branding/get-published-brand.ts';
import type { PublicProduct } from '../catalog/published-products.ts';
import { safeUrl } from './brand-style.ts';
import { shareImagePath } from './images.ts';

/**
 * Product feeds a shop can paste into Meta Commerce Manager (CSV) and Google Merchant Center (RSS 2.0
 * with the g: namespace). One item per product, or one per variant grouped by item_group_id. Prices as
 * "25000 IDR"; a compare-at price becomes `price` with the selling price as `sale_price`.
 */
export interface FeedItem {
  id: string;
  groupId: string | null;
  title: string;
  description: string;
  inStock: boolean;
  price: number;
  salePrice: number | null;
  link: string;
  imageLink: string;
  additionalImages: string[];
  brand: string;
  productType: string;
}

const money = (n: number) => `${Math.round(n)} IDR`;

// eslint-disable-next-line no-control-regex -- these are the characters XML 1.0 forbids
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g;

/** Control characters are not allowed in XML 1.0 and only confuse CSV readers. */
function clean(s: string, max: number): string {
  return s.replace(NOT_IN_XML, '').trim().slice(0, max).toWellFormed();
}

/**
 * Meta and Google both reject an item without an image: a product with no photo goes out with the brand's
 * share image, or, without one, stays out of the feeds (the dashboard lists it, see get-share-kit.ts).
 */
function feedImage(p: PublicProduct, brand: PublishedBrand | null): string | null {
  if (p.photos[0]) return absoluteUrl(shareImagePath(p.photos[0]));
  const fallback = safeUrl(brand?.ogImageUrl);
  return fallback ? (fallback.startsWith('/') ? absoluteUrl(fallback) : fallback) : null;
}

/** Published products the feeds must leave out, because nothing can stand as their image. */
export function productsLeftOutOfFeeds(products: PublicProduct[], brand: PublishedBrand | null): PublicProduct[] {
  return products.filter((p) => feedImage(p, brand) === null);
}

export function feedItems(shop: { slug: string; name: string }, products: PublicProduct[], brand: PublishedBrand | null): FeedItem[] {
  const items: FeedItem[] = [];
  for (const p of products) {
    const imageLink = feedImage(p, brand);
    if (imageLink === null) continue;
    const link = absoluteUrl(`/${shop.slug}/p/${p.slug}`);
    const images = p.photos.map((ph) => absoluteUrl(shareImagePath(ph)));
    const base = {
      description: clean(p.description || p.name, 5000),
      link,
      imageLink,
      additionalImages: images.slice(1, 11),
      brand: clean(shop.name, 100),
      productType: clean(p.category, 750),
    };
    const priced = (price: number, compareAt: number | null) =>
      compareAt !== null && compareAt > price ? { price: compareAt, salePrice: price } : { price, salePrice: null };
    if (p.variants.length === 0) {
      items.push({
        id: p.id,
        groupId: null,
        title: clean(p.name, 150),
        inStock: p.stock === null || p.stock > 0,
        ...priced(p.price, p.compareAtPrice),
        ...base,
      });
    } else {
      for (const v of p.variants) {
        items.push({
          id: v.id,
          groupId: p.id,
          title: clean(p.variants.length > 1 ? `${p.name} – ${v.name}` : p.name, 150),
          inStock: v.stock === null || v.stock > 0,
          ...priced(v.price, v.compareAtPrice),
          ...base,
        });
      }
    }
  }
  return items;
}

/** Meta Commerce Manager data feed (CSV, header row of Meta's field names). */
export function metaCsv(items: FeedItem[]): string {
  const columns = [
    'id',
    'title',
    'description',
    'availability',
    'condition',
    'price',
    'sale_price',
    'link',
    'image_link',
    'additional_image_link',
    'brand',
    'item_group_id',
    'product_type',
  ];
  const rows = items.map((i) => [
    i.id,
    i.title,
    i.description,
    i.inStock ? 'in stock' : 'out of stock',
    'new',
    money(i.price),
    i.salePrice === null ? '' : money(i.salePrice),
    i.link,
    i.imageLink,
    i.additionalImages.join(','),
    i.brand,
    i.groupId ?? '',
    i.productType,
  ]);
  return toCsv(rows, columns);
}

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Google Merchant Center product data as RSS 2.0 with the g: namespace. */
export function googleXml(shop: { slug: string; name: string; description: string }, items: FeedItem[]): string {
  const el = (name: string, value: string) => (value ? `<${name}>${xmlEscape(value)}</${name}>` : '');
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">',
    '<channel>',
    el('title', clean(shop.name, 150)),
    el('link', absoluteUrl(`/${shop.slug}`)),
    el('description', clean(shop.description || shop.name, 5000)),
  ];
  for (const i of items) {
    out.push(
      '<item>',
      [
        el('g:id', i.id),
        el('title', i.title),
        el('description', i.description),
        el('link', i.link),
        el('g:image_link', i.imageLink),
        ...i.additionalImages.map((u) => el('g:additional_image_link', u)),
        el('g:availability', i.inStock ? 'in_stock' : 'out_of_stock'),
        el('g:price', money(i.price)),
        i.salePrice === null ? '' : el('g:sale_price', money(i.salePrice)),
        el('g:brand', i.brand),
        el('g:condition', 'new'),
        // Village products have no GTIN or manufacturer part number.
        el('g:identifier_exists', 'no'),
        i.groupId ? el('g:item_group_id', i.groupId) : '',
        el('g:product_type', i.productType),
      ].join(''),
      '</item>',
    );
  }
  out.push('</channel>', '</rss>', '');
  return out.join('\n');
}
