import type { OrderStatus, PaymentMethod } from '../db/schema.ts';

export type { OrderStatus };

/**
 * pending -> confirmed -> paid -> fulfilled, or cancelled / expired. A card payment confirms and pays
 * at once (pending -> paid). A shop may also record payment before confirming (pending -> paid), and
 * fulfil a paid order only. Cancelling is possible until fulfilment; expiry only from pending.
 */
export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['confirmed', 'paid', 'cancelled', 'expired'],
  confirmed: ['paid', 'cancelled'],
  paid: ['fulfilled', 'cancelled'],
  fulfilled: [],
  cancelled: [],
  expired: [],
};

/**
 * A sale on credit (payment 'credit': reseller, a stall customer who pays later) is delivered before it is
 * paid: confirmed -> fulfilled posts a receivable (Piutang Usaha / Penjualan), settled in hutang piutang.
 */
export function canTransition(from: OrderStatus, to: OrderStatus, payment?: PaymentMethod): boolean {
  return TRANSITIONS[from].includes(to) || (payment === 'credit' && from === 'confirmed' && to === 'fulfilled');
}

/** Statuses whose stock stays reserved; leaving them for cancelled/expired releases it. */
export const RESERVING: readonly OrderStatus[] = ['pending', 'confirmed', 'paid', 'fulfilled'];

/** The moves a shop member makes by hand; expiry is the system's, refunds and disputes Stripe's. */
export const MERCHANT_TARGETS = ['confirmed', 'paid', 'fulfilled', 'cancelled'] as const satisfies readonly OrderStatus[];
export type MerchantTarget = (typeof MERCHANT_TARGETS)[number];
