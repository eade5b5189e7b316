import { randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { MarketplaceOrderLinesTable, MarketplaceOrdersTable, Marketplace, OrdersTable } from '../db/schema.ts';
import type { ImportGroup } from './marketplace-orders.ts';

/**
 * The rows an imported order is made of, the same whether it is written step by step (applyImportOrder) or
 * with its chunk at once (bulkImportOrders).
 */
export function importedOrderColumns(g: ImportGroup, o: { marketplace: Marketplace; shopLocale: string; total: number }) {
  return {
    // Nobody holds a status link for an imported order: a random value stands where a token's hash would.
    access_token_hash: randomBytes(32).toString('hex'),
    idempotency_key: null,
    request_fingerprint: null,
    token_box: null,
    channel: 'marketplace',
    marketplace: o.marketplace,
    payment_method: 'credit',
    customer_name: '',
    customer_phone: null,
    delivery_method: 'pickup',
    destination_code: null,
    address: '',
    notes: g.externalOrderId,
    subtotal: o.total,
    delivery_fee: 0,
    total: o.total,
    locale: o.shopLocale === 'en' ? 'en' : 'id',
    expires_at: null,
    hold_until: null,
    stripe_checkout_session_id: null,
    stripe_payment_intent_id: null,
  } satisfies Partial<Insertable<OrdersTable>>;
}

/** The order's total: the sum of its lines as the export states them. */
export function importedTotal(g: ImportGroup): number {
  return g.lines.reduce((s, l) => s + l.row.lineTotal, 0);
}

/** The dedupe rows: the external order and each of its lines, pointing at the shop's order. */
export function marketplaceRows(
  shopId: string,
  o: { marketplace: Marketplace; group: ImportGroup; orderId: string; now: string },
): { order: Insertable<MarketplaceOrdersTable>; lines: Insertable<MarketplaceOrderLinesTable>[] } {
  const { group: g, marketplace, orderId, now } = o;
  return {
    order: {
      shop_id: shopId,
      marketplace,
      external_order_id: g.externalOrderId,
      order_id: orderId,
      external_status: g.status,
      fees: g.fees,
      created_at: now,
      updated_at: now,
    },
    lines: g.lines.map((l, i) => ({
      shop_id: shopId,
      marketplace,
      external_order_id: g.externalOrderId,
      line_key: l.key,
      order_id: orderId,
      line_no: i + 1,
    })),
  };
}
