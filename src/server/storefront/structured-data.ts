import { absoluteUrl } from '../config.ts';
import type { PublishedBrand } from '../branding/get-published-brand.ts';
import type { PublicProduct, PublicVariant } from '../catalog/published-products.ts';
import { shareImagePath } from './images.ts';
import { safeUrl } from './brand-style.ts';

/** schema.org data for search engines (serialise with jsonLdText). Prices are whole Rupiah. */
interface ShopLike {
  slug: string;
  name: string;
  description: string;
  whatsapp: string;
  address: string;
  village_name: string;
  district_name: string;
}

const abs = (p: string) => (p.startsWith('/') ? absoluteUrl(p) : p);

export function availability(stock: number | null): string {
  return stock !== null && stock <= 0 ? 'https://schema.org/OutOfStock' : 'https://schema.org/InStock';
}

function storeNode(shop: ShopLike, brand: PublishedBrand | null) {
  const logo = safeUrl(brand?.logo?.url512);
  const image = safeUrl(brand?.ogImageUrl) ?? logo;
  return {
    '@type': 'Store',
    '@id': `${absoluteUrl(`/${shop.slug}`)}#toko`,
    name: shop.name,
    url: absoluteUrl(`/${shop.slug}`),
    ...(shop.description && { description: shop.description }),
    telephone: shop.whatsapp,
    ...(logo && { logo: abs(logo) }),
    ...(image && { image: abs(image) }),
    address: {
      '@type': 'PostalAddress',
      ...(shop.address && { streetAddress: shop.address }),
      addressLocality: shop.village_name,
      addressRegion: shop.district_name,
      addressCountry: 'ID',
    },
  };
}

function offer(shop: ShopLike, url: string, price: number, stock: number | null, opts: { name?: string; full: boolean }) {
  return {
    '@type': 'Offer',
    ...(opts.name && { name: opts.name }),
    price: String(price),
    priceCurrency: 'IDR',
    availability: availability(stock),
    ...(opts.full && {
      url,
      itemCondition: 'https://schema.org/NewCondition',
      seller: { '@id': `${absoluteUrl(`/${shop.slug}`)}#toko` },
    }),
  };
}

/**
 * A Product. On the catalog page (`full` false) a compact form — name, url, one image, price and
 * availability — keeps 40 products small; the product page has every photo, the description, one offer
 * per variant, the brand and the seller.
 */
export function productNode(shop: ShopLike, p: PublicProduct, opts: { full?: boolean } = {}) {
  const full = opts.full ?? false;
  const url = absoluteUrl(`/${shop.slug}/p/${p.slug}`);
  const images = (full ? p.photos : p.photos.slice(0, 1)).map((ph) => absoluteUrl(shareImagePath(ph)));
  let offers: object;
  if (p.variants.length > 1) {
    offers = full
      ? p.variants.map((v: PublicVariant) => offer(shop, url, v.price, v.stock, { name: v.name, full }))
      : {
          '@type': 'AggregateOffer',
          priceCurrency: 'IDR',
          lowPrice: String(p.price),
          highPrice: String(p.maxPrice),
          offerCount: p.variants.length,
          availability: availability(p.stock),
        };
  } else {
    offers = offer(shop, url, p.price, p.stock, { full });
  }
  return {
    '@type': 'Product',
    ...(full && { '@id': `${url}#produk` }),
    name: p.name,
    url,
    ...(images.length > 0 && { image: images.length === 1 ? images[0] : images }),
    ...(full && p.description && { description: p.description }),
    ...(full && p.category && { category: p.category }),
    brand: { '@type': 'Brand', name: shop.name },
    offers,
  };
}

/** Catalog page: the shop and the products on the page. */
export function catalogJsonLd(shop: ShopLike, products: PublicProduct[], brand: PublishedBrand | null) {
  return {
    '@context': 'https://schema.org',
    '@graph': [
      storeNode(shop, brand),
      {
        '@type': 'ItemList',
        itemListElement: products.map((p, i) => ({ '@type': 'ListItem', position: i + 1, item: productNode(shop, p) })),
      },
    ],
  };
}

/** Product page: the product with all photos and one offer per variant, and its shop. */
export function productJsonLd(shop: ShopLike, p: PublicProduct, brand: PublishedBrand | null) {
  return { '@context': 'https://schema.org', '@graph': [productNode(shop, p, { full: true }), storeNode(shop, brand)] };
}
