import { currentMs } from '../clock.ts';
import { bumpShopVersion, type ShopScope } from '../tenant/index.ts';
import type { OrderEventsTable, OrderStatus } from '../db/schema.ts';
import { Conflict, NotFound } from '../errors.ts';
import { newId, nowIso } from '../util.ts';
import { canTransition, RESERVING } from './lifecycle.ts';
import { orderStockLines, releaseStock, takeStock } from './order-stock.ts';
import { reserveOrderStock } from '../ledger/inventory.ts';
import { postOrderTransition } from '../ledger/post-order-transition.ts';

export interface OrderActor {
  kind: OrderEventsTable['actor_kind'];
  userId?: string | null;
}

/**
 * The one way an order changes status: checks the lifecycle, records an order event (who, when, from,
 * to), releases held stock when an order is cancelled or expires, takes it again when a pending order
 * whose hold lapsed is accepted (refused with the shortfall, in the caller's language, when the stock is
 * no longer there — except for a payment that already happened), posts the change's journal entry
 * (src/server/ledger; held stock moves with its value), and bumps nothing else. Runs in
 * the caller's shop transaction. Idempotent for a repeated target: moving to the status the order
 * already has returns { changed: false } without a new event (webhooks and double taps arrive twice).
 */
export async function transitionOrder(
  scope: ShopScope,
  opts: {
    orderId: string;
    to: OrderStatus;
    actor: OrderActor;
    details?: Record<string, unknown>;
    eventType?: string;
  },
): Promise<{ changed: boolean; from: OrderStatus }> {
  const { tx, shopId } = scope;
  const order = await tx
    .selectFrom('orders')
    .select(['id', 'status', 'stock_held', 'payment_method'])
    .where('shop_id', '=', shopId)
    .where('id', '=', opts.orderId)
    .executeTakeFirst();
  if (!order) throw new NotFound('orders.notFound');
  if (order.status === opts.to) return { changed: false, from: order.status };
  if (!canTransition(order.status, opts.to, order.payment_method))
    throw new Conflict('orders.badTransition', { from: order.status, to: opts.to });
  const reserving = RESERVING.includes(opts.to);
  let stockHeld = order.stock_held;
  let stockChanged = false;
  let retaken = false;
  if (reserving && !order.stock_held) {
    const paidAlready = opts.actor.kind === 'stripe' || opts.actor.kind === 'system';
    const taken = await takeStock(scope, await orderStockLines(scope, order.id), { guard: !paidAlready });
    if (taken.short) throw new Conflict('orders.stockShortOnAccept', taken.short);
    stockHeld = 1;
    stockChanged = taken.tracked;
    retaken = taken.tracked;
  } else if (!reserving && order.stock_held) {
    stockChanged = await releaseStock(scope, order.id);
    stockHeld = 0;
  }
  // Guarded update: a concurrent transition from the same status loses instead of applying twice.
  // An accepted order keeps its stock for good (no hold to lapse).
  const res = await tx
    .updateTable('orders')
    .set({ status: opts.to, stock_held: stockHeld, hold_until: null, updated_at: nowIso() })
    .where('shop_id', '=', shopId)
    .where('id', '=', order.id)
    .where('status', '=', order.status)
    .where('stock_held', '=', order.stock_held)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new Conflict('orders.badTransition', { from: order.status, to: opts.to });
  if (retaken) await reserveOrderStock(scope, order.id);
  // Stock changes what public pages show, so their cached copies must go (by shop version).
  if (stockChanged) await bumpShopVersion(scope);
  await postOrderTransition(scope, { orderId: order.id, from: order.status, to: opts.to, userId: opts.actor.userId ?? null });
  await tx
    .insertInto('order_events')
    .values({
      shop_id: shopId,
      id: newId(),
      order_id: order.id,
      type: opts.eventType ?? opts.to,
      from_status: order.status,
      to_status: opts.to,
      actor_kind: opts.actor.kind,
      actor_user_id: opts.actor.userId ?? null,
      details: JSON.stringify(opts.details ?? {}),
      created_at: await nextEventTime(scope, order.id),
    })
    .execute();
  return { changed: true, from: order.status };
}

/** Record an event that does not change status (receipt uploaded, refund, dispute, payment failed). */
export async function recordOrderEvent(
  scope: ShopScope,
  opts: {
    orderId: string;
    type: string;
    actor: OrderActor;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  const { tx, shopId } = scope;
  const order = await tx
    .selectFrom('orders')
    .select(['status'])
    .where('shop_id', '=', shopId)
    .where('id', '=', opts.orderId)
    .executeTakeFirst();
  if (!order) throw new NotFound('orders.notFound');
  await tx
    .insertInto('order_events')
    .values({
      shop_id: shopId,
      id: newId(),
      order_id: opts.orderId,
      type: opts.type,
      from_status: order.status,
      to_status: order.status,
      actor_kind: opts.actor.kind,
      actor_user_id: opts.actor.userId ?? null,
      details: JSON.stringify(opts.details ?? {}),
      created_at: await nextEventTime(scope, opts.orderId),
    })
    .execute();
}

/**
 * Events of one order are read in created_at order (timeline, ledger): two events in the same millisecond
 * (a double tap, a webhook right after a confirmation) would otherwise come back in any order. Each new
 * event is therefore stamped at least 1 ms after the order's previous one.
 */
async function nextEventTime(scope: ShopScope, orderId: string): Promise<string> {
  const last = await scope.tx
    .selectFrom('order_events')
    .select((eb) => eb.fn.max('created_at').as('at'))
    .where('shop_id', '=', scope.shopId)
    .where('order_id', '=', orderId)
    .executeTakeFirst();
  const now = currentMs();
  const prev = last?.at ? Date.parse(String(last.at)) : 0;
  return new Date(Math.max(now, prev + 1)).toISOString();
}
