import { z } from 'zod';
import { inShop } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import { newToken, nowIso } from '../util.ts';
import { cartTokenHash, readCart, type CartView } from './get-cart.ts';
import { MAX_LINES, MAX_QUANTITY, priceItems } from './price-items.ts';

/** The add-to-cart form contract (storefront pages and the cart page post exactly these fields). */
export const cartInput = z.object({
  productId: z.string().trim().min(1, { error: 'orders.productRequired' }).max(64),
  variantId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || null),
  quantity: z
    .string()
    .trim()
    .default('1')
    .refine((v) => /^\d{1,4}$/.test(v), { error: 'cart.quantityInvalid' })
    .transform(Number),
  action: z.enum(['add', 'set', 'remove'], { error: 'validation.choice' }).default('add'),
  returnTo: z.string().max(500).optional(),
});
export type CartInput = z.output<typeof cartInput>;

/**
 * Add to, set or remove a cart line. Prices and availability always come from the database; a quantity
 * above the tracked stock is refused with the stock left. Creates the cart (and its token) on first use.
 */
export async function updateCart(opts: {
  shopId: string;
  token: string | null | undefined;
  input: CartInput;
}): Promise<{ token: string; cart: CartView }> {
  const { input } = opts;
  if (input.action === 'add' && input.quantity < 1) throw new Invalid({ quantity: ['cart.quantityInvalid'] }, 'cart.quantityInvalid');
  let token = opts.token ?? null;
  let hash = cartTokenHash(token);
  if (!hash) {
    token = newToken();
    hash = cartTokenHash(token)!;
  }
  const tokenHash = hash;
  const cart = await inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const variantKey = input.variantId ?? '';
    const existing = await tx
      .selectFrom('cart_items')
      .select('quantity')
      .where('shop_id', '=', shopId)
      .where('cart_token_hash', '=', tokenHash)
      .where('product_id', '=', input.productId)
      .where('variant_id', '=', variantKey)
      .executeTakeFirst();
    const target = input.action === 'remove' ? 0 : input.action === 'set' ? input.quantity : (existing?.quantity ?? 0) + input.quantity;
    if (target <= 0) {
      await tx
        .deleteFrom('cart_items')
        .where('shop_id', '=', shopId)
        .where('cart_token_hash', '=', tokenHash)
        .where('product_id', '=', input.productId)
        .where('variant_id', '=', variantKey)
        .execute();
      return readCart(scope, tokenHash);
    }
    if (target > MAX_QUANTITY) throw new Invalid({ quantity: ['validation.tooBig'] }, 'cart.quantityInvalid');
    // Availability, variant and stock, from the catalog as it is now.
    await priceItems(scope, [{ productId: input.productId, variantId: input.variantId, quantity: target }], { checkStock: true }).catch(
      (err: unknown) => {
        if (err instanceof Invalid)
          throw new Invalid(
            Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.replace(/^items\.0\./, ''), v])),
            err.messageKey,
            err.params,
          );
        throw err;
      },
    );
    const now = nowIso();
    const cartRow = await tx
      .selectFrom('carts')
      .select('token_hash')
      .where('shop_id', '=', shopId)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (cartRow)
      await tx.updateTable('carts').set({ updated_at: now }).where('shop_id', '=', shopId).where('token_hash', '=', tokenHash).execute();
    else await tx.insertInto('carts').values({ shop_id: shopId, token_hash: tokenHash, created_at: now, updated_at: now }).execute();
    if (existing) {
      await tx
        .updateTable('cart_items')
        .set({ quantity: target })
        .where('shop_id', '=', shopId)
        .where('cart_token_hash', '=', tokenHash)
        .where('product_id', '=', input.productId)
        .where('variant_id', '=', variantKey)
        .execute();
    } else {
      const lines = await tx
        .selectFrom('cart_items')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('shop_id', '=', shopId)
        .where('cart_token_hash', '=', tokenHash)
        .executeTakeFirstOrThrow();
      if (Number(lines.n) >= MAX_LINES) throw new Invalid({ productId: ['cart.tooManyLines'] }, 'cart.tooManyLines');
      await tx
        .insertInto('cart_items')
        .values({
          shop_id: shopId,
          cart_token_hash: tokenHash,
          product_id: input.productId,
          variant_id: variantKey,
          quantity: target,
          added_at: now,
        })
        .execute();
    }
    return readCart(scope, tokenHash);
  });
  return { token: token!, cart };
}
