import { inShop, type ShopScope } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import { sha256Hex } from '../util.ts';
import { TOKEN_PATTERN } from './order-code.ts';
import { priceItems, type PricedLine } from './price-items.ts';

export interface CartLine extends PricedLine {
  key: string;
}
export interface CartView {
  lines: CartLine[];
  subtotal: number;
  count: number;
  removed: number;
}

export const EMPTY_CART: CartView = { lines: [], subtotal: 0, count: 0, removed: 0 };

/** Only the SHA-256 of the cart cookie is stored; a malformed cookie is simply no cart. */
export function cartTokenHash(token: string | null | undefined): string | null {
  return token && TOKEN_PATTERN.test(token) ? sha256Hex(token) : null;
}

/**
 * The cart priced from the database right now. Items whose product was unpublished, deleted or lost its
 * variant are dropped from the cart (and counted in `removed`, so the page can say so).
 */
export async function readCart(scope: ShopScope, tokenHash: string): Promise<CartView> {
  const { tx, shopId } = scope;
  let rows = await tx
    .selectFrom('cart_items')
    .select(['product_id', 'variant_id', 'quantity', 'added_at'])
    .where('shop_id', '=', shopId)
    .where('cart_token_hash', '=', tokenHash)
    .orderBy('added_at')
    .orderBy('product_id')
    .execute();
  let removed = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const lines = await priceItems(
        scope,
        rows.map((r) => ({ productId: r.product_id, variantId: r.variant_id || null, quantity: r.quantity })),
      );
      return {
        lines: lines.map((l) => ({ ...l, key: `${l.productId}/${l.variantId ?? ''}` })),
        subtotal: lines.reduce((s, l) => s + l.lineTotal, 0),
        count: lines.reduce((s, l) => s + l.quantity, 0),
        removed,
      };
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      const bad = new Set(
        Object.keys(err.fields)
          .map((k) => Number(k.split('.')[1]))
          .filter((n) => Number.isInteger(n)),
      );
      if (!bad.size) throw err;
      for (const i of bad) {
        const r = rows[i]!;
        await tx
          .deleteFrom('cart_items')
          .where('shop_id', '=', shopId)
          .where('cart_token_hash', '=', tokenHash)
          .where('product_id', '=', r.product_id)
          .where('variant_id', '=', r.variant_id)
          .execute();
      }
      removed += bad.size;
      rows = rows.filter((_, i) => !bad.has(i));
    }
  }
  return { ...EMPTY_CART, removed };
}

export async function getCart(opts: { shopId: string; token: string | null | undefined }): Promise<CartView> {
  const hash = cartTokenHash(opts.token);
  if (!hash) return EMPTY_CART;
  return inShop(opts.shopId, (scope) => readCart(scope, hash));
}
