import type { Insertable } from 'kysely';
import type { ShopScope } from '../tenant/index.ts';
import type { OrderEventsTable, OrderLinesTable, OrdersTable } from '../db/schema.ts';
import { prepared } from '../db/prepared.ts';
import { newSequentialId } from '../util.ts';
import { reserveOrderStock } from '../ledger/inventory.ts';
import { newOrderCode } from './order-code.ts';

export interface NewOrderLine {
  productId: string;
  variantId: string | null;
  name: string;
  variantName: string | null;
  sku: string | null;
  unitPrice: number;
  unitCost: number | null;
  quantity: number;
  lineTotal: number;
  /** A quick sale's price set by hand: the catalog price, and who set it. */
  listPrice?: number | null;
  setBy?: string | null;
}

type OrderColumns = Omit<
  Insertable<OrdersTable>,
  'shop_id' | 'id' | 'code' | 'status' | 'stock_held' | 'created_at' | 'updated_at' | 'receipt_media_id'
>;

/**
 * A new pending order with its lines (one multi-row insert), under a fresh code of the shop, in the caller's
 * transaction: the stock the caller took (takeStock, `stockTaken`) is reserved with its value, and the `placed`
 * event is recorded. Every way an order is born (checkout, quick sale, marketplace import) comes through here.
 */
export async function insertOrderWithLines(
  scope: ShopScope,
  o: {
    slug: string;
    order: OrderColumns;
    lines: readonly NewOrderLine[];
    stockTaken: boolean;
    placed: { actorKind: OrderEventsTable['actor_kind']; actorUserId: string | null; details: Record<string, unknown> };
    now: string;
  },
): Promise<{ orderId: string; code: string }> {
  const { tx, shopId } = scope;
  const code = await freeOrderCode(scope, o.slug);
  const orderId = newSequentialId();
  await insertOrderRow.all(tx, {
    ...o.order,
    shop_id: shopId,
    id: orderId,
    code,
    status: 'pending',
    stock_held: o.stockTaken ? 1 : 0,
    receipt_media_id: null,
    created_at: o.now,
    updated_at: o.now,
  });
  const rows = o.lines.map((l, i) => ({
    shop_id: shopId,
    order_id: orderId,
    line_no: i + 1,
    product_id: l.productId,
    variant_id: l.variantId,
    name: l.name,
    variant_name: l.variantName,
    sku: l.sku,
    unit_price: l.unitPrice,
    unit_cost: l.unitCost,
    quantity: l.quantity,
    line_total: l.lineTotal,
    list_price: l.listPrice ?? null,
    price_set_by: l.setBy ?? null,
  }));
  await insertLines.all(tx, rows);
  // A new order has no holds yet: its lines are known, so reserving reads neither them nor earlier holds.
  if (o.stockTaken) await reserveOrderStock(scope, orderId, { newLines: rows });
  await insertPlaced.all(tx, {
    shop_id: shopId,
    id: newSequentialId(),
    order_id: orderId,
    type: 'placed',
    from_status: null,
    to_status: 'pending',
    actor_kind: o.placed.actorKind,
    actor_user_id: o.placed.actorUserId,
    created_at: o.now,
    details: JSON.stringify(o.placed.details),
  });
  return { orderId, code };
}

const insertOrderRow = prepared((q, row: Insertable<OrdersTable>) => q.insertInto('orders').values(row));
const insertLines = prepared((q, rows: Insertable<OrderLinesTable>[]) => q.insertInto('order_lines').values(rows));
const insertPlaced = prepared((q, row: Insertable<OrderEventsTable>) => q.insertInto('order_events').values(row));
const orderWithCode = prepared((q, shopId: string, code: string) =>
  q.selectFrom('orders').select('id').where('shop_id', '=', shopId).where('code', '=', code),
);

/** A code no order of the shop has (a collision left after 10 draws fails the insert, and the caller retries). */
async function freeOrderCode(scope: ShopScope, slug: string): Promise<string> {
  let code = newOrderCode(slug);
  for (let i = 0; i < 10; i++) {
    const taken = await orderWithCode.first(scope.tx, scope.shopId, code);
    if (!taken) break;
    code = newOrderCode(slug);
  }
  return code;
}
