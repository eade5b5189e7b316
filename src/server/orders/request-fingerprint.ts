import { encodeHexLowerCase } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import type { PlaceOrderInput } from './create-order.ts';

const enc = new TextEncoder();

/**
 * What an idempotency key is bound to: the normalised request (parsed fields, items in a fixed order;
 * the checkout form orders its cart, so there the cart stands for the items). Keyed with the raw
 * idempotency key so the stored value says nothing about the customer to whoever reads the database.
 */
export function requestFingerprint(key: string, input: PlaceOrderInput, cartTokenHash?: string | null): string {
  const items = cartTokenHash
    ? { cart: cartTokenHash }
    : input.items
        .map((i) => [i.productId ?? null, i.product ?? null, i.variantId ?? null, i.quantity] as const)
        .map((i) => JSON.stringify(i))
        .sort();
  const body = JSON.stringify([
    items,
    input.customerName,
    input.customerPhone,
    input.delivery,
    input.destination ?? null,
    input.address,
    input.notes,
    input.payment,
  ]);
  return encodeHexLowerCase(sha256(enc.encode(`etalase:idem-request:${key}\n${body}`)));
}
