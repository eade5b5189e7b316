import { sql } from 'kysely';
import { bumpShopVersion, type ShopScope } from '../tenant/index.ts';
import type { OrderEventsTable, OrderStatus } from '../db/schema.ts';
import { Conflict, NotFound } from '../errors.ts';
import { newId, nowIso } from '../util.ts';
import { canTransition, RESERVING } from './lifecycle.ts';
import { postOrderTransition } from '../ledger/post-order-transition.ts';

export interface OrderActor { kind: OrderEventsTable['actor_kind']; userId?: string | null }

/**
 * The one way an order changes status: checks the lifecycle, records an order event (who, when, from,
 * to), releases reserved stock when an order is cancelled or expires, posts the change's journal entry
 * (src/server/ledger), and bumps nothing else. Runs in
 * the caller's shop transaction. Idempotent for a repeated target: moving to the status the order
 * already has returns { changed: false } without a new event (webhooks and double taps arrive twice).
 */
export async function transitionOrder(scope: ShopScope, opts: {
  orderId: string; to: OrderStatus; actor: OrderActor; details?: Record<string, unknown>; eventType?: string;
}): Promise<{ changed: boolean; from: OrderStatus }> {
  const { tx, shopId } = scope;
  const order = await tx.selectFrom('orders').select(['id', 'status'])
    .where('shop_id', '=', shopId).where('id', '=', opts.orderId).executeTakeFirst();
  if (!order) throw new NotFound('orders.notFound');
  if (order.status === opts.to) return { changed: false, from: order.status };
  if (!canTransition(order.status, opts.to)) throw new Conflict('orders.badTransition', { from: order.status, to: opts.to });
  // Guarded update: a concurrent transition from the same status loses instead of applying twice.
  const res = await tx.updateTable('orders').set({ status: opts.to, updated_at: nowIso() })
    .where('shop_id', '=', shopId).where('id', '=', order.id).where('status', '=', order.status)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new Conflict('orders.badTransition', { from: order.status, to: opts.to });
  // Released stock changes what public pages show, so their cached copies must go (by shop version).
  if (RESERVING.includes(order.status) && !RESERVING.includes(opts.to) && await releaseStock(scope, order.id)) {
    await bumpShopVersion(scope);
  }
  await postOrderTransition(scope, { orderId: order.id, from: order.status, to: opts.to, userId: opts.actor.userId ?? null });
  await tx.insertInto('order_events').values({
    shop_id: shopId, id: newId(), order_id: order.id, type: opts.eventType ?? opts.to,
    from_status: order.status, to_status: opts.to, actor_kind: opts.actor.kind, actor_user_id: opts.actor.userId ?? null,
    details: JSON.stringify(opts.details ?? {}), created_at: await nextEventTime(scope, order.id),
  }).execute();
  return { changed: true, from: order.status };
}

/** Put the order's quantities back on products/variants that track stock (null stock = unlimited). */
async function releaseStock(scope: ShopScope, orderId: string): Promise<boolean> {
  const { tx, shopId } = scope;
  const lines = await tx.selectFrom('order_lines').select(['product_id', 'variant_id', 'quantity'])
    .where('shop_id', '=', shopId).where('order_id', '=', orderId).execute();
  let released = false;
  for (const l of lines) {
    const r = l.variant_id
      ? await tx.updateTable('product_variants').set({ stock: sql`stock + ${l.quantity}` })
        .where('shop_id', '=', shopId).where('id', '=', l.variant_id).where('stock', 'is not', null).executeTakeFirst()
      : l.product_id
        ? await tx.updateTable('products').set({ stock: sql`stock + ${l.quantity}` })
          .where('shop_id', '=', shopId).where('id', '=', l.product_id).where('stock', 'is not', null).executeTakeFirst()
        : null;
    if (r && Number(r.numUpdatedRows) > 0) released = true;
  }
  return released;
}

/** Record an event that does not change status (receipt uploaded, refund, dispute, payment failed). */
export async function recordOrderEvent(scope: ShopScope, opts: {
  orderId: string; type: string; actor: OrderActor; details?: Record<string, unknown>;
}): Promise<void> {
  const { tx, shopId } = scope;
  const order = await tx.selectFrom('orders').select(['status']).where('shop_id', '=', shopId).where('id', '=', opts.orderId).executeTakeFirst();
  if (!order) throw new NotFound('orders.notFound');
  await tx.insertInto('order_events').values({
    shop_id: shopId, id: newId(), order_id: opts.orderId, type: opts.type, from_status: order.status, to_status: order.status,
    actor_kind: opts.actor.kind, actor_user_id: opts.actor.userId ?? null, details: JSON.stringify(opts.details ?? {}),
    created_at: await nextEventTime(scope, opts.orderId),
  }).execute();
}

/**
 * Events of one order are read in created_at order (timeline, ledger): two events in the same millisecond
 * (a double tap, a webhook right after a confirmation) would otherwise come back in any order. Each new
 * event is therefore stamped at least 1 ms after the order's previous one.
 */
async function nextEventTime(scope: ShopScope, orderId: string): Promise<string> {
  const last = await scope.tx.selectFrom('order_events').select((eb) => eb.fn.max('created_at').as('at'))
    .where('shop_id', '=', scope.shopId).where('order_id', '=', orderId).executeTakeFirst();
  const now = Date.now();
  const prev = last?.at ? Date.parse(String(last.at)) : 0;
  return new Date(Math.max(now, prev + 1)).toISOString();
}
