import { currentMs } from '../clock.ts';
import { bumpShopVersion, type ShopScope } from '../tenant/index.ts';
import { sql, type ExpressionBuilder, type Insertable } from 'kysely';
import type { Database, OrderEventsTable, OrderStatus } from '../db/schema.ts';
import { Conflict, LostRace, NotFound } from '../errors.ts';
import { newSequentialId, nowIso } from '../util.ts';
import { canTransition, RESERVING } from './lifecycle.ts';
import { orderStockLines, releaseStock, takeStock } from './order-stock.ts';
import { reserveOrderStock } from '../ledger/inventory.ts';
import { postOrderTransition } from '../ledger/post-order-transition.ts';
import { prepared } from '../db/prepared.ts';

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
/** An order of the shop by id, or by its code (the dashboard and API name orders by code). */
export type OrderRef = { orderId: string } | { code: string };

export async function transitionOrder(
  scope: ShopScope,
  opts: OrderRef & {
    to: OrderStatus;
    actor: OrderActor;
    details?: Record<string, unknown>;
    eventType?: string;
  },
): Promise<{ changed: boolean; from: OrderStatus }> {
  const { tx, shopId } = scope;
  // One read for the lifecycle check, the journal (postOrderTransition) and the event's time.
  const order = await ('code' in opts ? orderByCode.first(tx, shopId, opts.code) : orderById.first(tx, shopId, opts.orderId));
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
  const updated = await moveStatus.affected(tx, opts.to, stockHeld, nowIso(), shopId, order.id, order.status, order.stock_held);
  if (updated !== 1) throw new LostRace('orders.badTransition', { from: order.status, to: opts.to });
  if (retaken) await reserveOrderStock(scope, order.id);
  await insertEvent.all(tx, {
    shop_id: shopId,
    id: newSequentialId(),
    order_id: order.id,
    type: opts.eventType ?? opts.to,
    from_status: order.status,
    to_status: opts.to,
    actor_kind: opts.actor.kind,
    actor_user_id: opts.actor.userId ?? null,
    details: JSON.stringify(opts.details ?? {}),
    created_at: eventTimeAfter(order.last_event_at),
  });
  // The rows every order of the shop updates (the running totals, the shop version) come last, so on
  // PostgreSQL their row locks are held for the end of the transaction only.
  await postOrderTransition(scope, {
    orderId: order.id,
    from: order.status,
    to: opts.to,
    userId: opts.actor.userId ?? null,
    order: {
      ...order,
      total: Number(order.total),
      subtotal: Number(order.subtotal),
      delivery_fee: Number(order.delivery_fee),
      discount: Number(order.discount),
      outside: Number(order.outside ?? 0),
    },
  });
  // Stock changes what public pages show, so their cached copies must go (by shop version).
  if (stockChanged) await bumpShopVersion(scope);
  return { changed: true, from: order.status };
}

const orderColumns = [
  'id',
  'status',
  'stock_held',
  'payment_method',
  'code',
  'total',
  'subtotal',
  'delivery_fee',
  'discount',
  'channel',
] as const;
// Whether the order goes outside the program's kabupaten (new markets, sales_totals.outside_orders), read with the
// order so fulfilment needs no query of its own; only an order with a destination looks at its program.
const outside = sql<number | null>`case when orders.destination_code is null then 0 else (select case
  when coalesce(p.home_destination, p.kabupaten_code) is null
    or orders.destination_code in (coalesce(p.home_destination, ''), coalesce(p.kabupaten_code, '')) then 0 else 1 end
  from shops sh inner join programs p on p.id = sh.program_id where sh.id = orders.shop_id) end`;
const orderByCode = prepared((q, shopId: string, code: string) =>
  q
    .selectFrom('orders')
    .select(orderColumns)
    .select((eb) => lastEventAt(eb).as('last_event_at'))
    .select(outside.as('outside'))
    .where('shop_id', '=', shopId)
    .where('code', '=', code),
);
const orderById = prepared((q, shopId: string, id: string) =>
  q
    .selectFrom('orders')
    .select(orderColumns)
    .select((eb) => lastEventAt(eb).as('last_event_at'))
    .select(outside.as('outside'))
    .where('shop_id', '=', shopId)
    .where('id', '=', id),
);
const moveStatus = prepared(
  (q, to: OrderStatus, stockHeld: number, at: string, shopId: string, id: string, from: OrderStatus, fromHeld: number) =>
    q
      .updateTable('orders')
      .set({ status: to, stock_held: stockHeld, hold_until: null, updated_at: at })
      .where('shop_id', '=', shopId)
      .where('id', '=', id)
      .where('status', '=', from)
      .where('stock_held', '=', fromHeld),
);
const insertEvent = prepared((q, row: Insertable<OrderEventsTable>) => q.insertInto('order_events').values(row));

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
      id: newSequentialId(),
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
  return eventTimeAfter(last?.at);
}

function eventTimeAfter(last: unknown): string {
  const prev = last ? Date.parse(String(last)) : 0;
  return new Date(Math.max(currentMs(), prev + 1)).toISOString();
}

/** The time of the order's latest event, as a column of a select from `orders`. */
function lastEventAt(eb: ExpressionBuilder<Database & { orders: Database['orders'] }, 'orders'>) {
  return eb
    .selectFrom('order_events')
    .select((e) => e.fn.max('order_events.created_at').as('at'))
    .whereRef('order_events.shop_id', '=', 'orders.shop_id')
    .whereRef('order_events.order_id', '=', 'orders.id');
}
