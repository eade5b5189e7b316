import { formatRupiah, isLocale, t, type Locale } from '#i18n/index.ts';
import type { DeliveryMethod, OrderLinesTable, OrdersTable, PaymentMethod } from '../db/schema.ts';
import type { ShopScope } from '../tenant/index.ts';
import { NotFound } from '../errors.ts';
import { destinationName } from './destinations.ts';

export interface OrderMessageData {
  shopName: string;
  /** The shop's language (shops.locale): the message is the customer writing to the shop. */
  locale: Locale;
  code: string;
  customerName: string;
  lines: { name: string; variantName: string | null; quantity: number; unitPrice: number; lineTotal: number }[];
  subtotal: number;
  delivery: DeliveryMethod;
  deliveryFee: number;
  destination: string | null;
  address: string;
  notes: string;
  total: number;
  payment: PaymentMethod;
  statusUrl: string;
}

/** Names go on one line of the list; a line break typed into a product name would break the numbering. */
function oneLine(s: string): string {
  return s.replace(/[\s\u0085]+/g, ' ').trim();
}

/**
 * Address and notes keep their line breaks (normalised), since customers write them that way; their later
 * lines are indented, so a customer's line cannot pose as one of the message's own ("Total: Rp 1").
 */
function multiLine(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- vertical tab and form feed are line breaks to a reader
      .replace(/\r\n?|[\u000b\u000c\u0085\u2028\u2029]/g, '\n')
      .trim()
      .split('\n')
      .map((l) => l.trim())
      .join('\n    ')
  );
}

/**
 * The pre-filled WhatsApp message for a new order. Plain text: it goes into wa.me's `text` parameter
 * through encodeURIComponent, so nothing in it is markup and every character survives.
 */
export function orderWhatsappText(d: OrderMessageData): string {
  const tr = (key: string, params?: Record<string, string | number>) => t(d.locale, key, params);
  const out: string[] = [tr('wa.greeting', { shop: oneLine(d.shopName) }), ''];
  d.lines.forEach((l, i) => {
    const name = l.variantName ? `${oneLine(l.name)} (${oneLine(l.variantName)})` : oneLine(l.name);
    out.push(tr('wa.line', { n: i + 1, name, qty: l.quantity, price: formatRupiah(l.unitPrice), total: formatRupiah(l.lineTotal) }));
  });
  out.push('', tr('wa.subtotal', { amount: formatRupiah(d.subtotal) }));
  out.push(tr('wa.delivery', { method: tr(`delivery.${d.delivery}`) }));
  if (d.delivery === 'local' && d.deliveryFee > 0) out.push(tr('wa.deliveryFee', { amount: formatRupiah(d.deliveryFee) }));
  if (d.delivery === 'courier') out.push(tr('wa.courierFee'));
  if (d.destination) out.push(tr('wa.destination', { place: destinationName(d.destination, d.locale) }));
  if (d.address.trim()) out.push(tr('wa.address', { address: multiLine(d.address) }));
  if (d.notes.trim()) out.push(tr('wa.notes', { notes: multiLine(d.notes) }));
  out.push(tr('wa.total', { amount: formatRupiah(d.total) }));
  out.push(tr('wa.payment', { method: tr(`payment.${d.payment}`) }));
  out.push('', tr('wa.code', { code: d.code }), tr('wa.name', { name: oneLine(d.customerName) }), tr('wa.status', { url: d.statusUrl }));
  return out.join('\n');
}

/** An order event's label; types added later (e.g. by the Stripe integration) show as themselves until translated. */
export function eventLabel(locale: Locale, type: string): string {
  const key = `orders.event.${type}`;
  const label = t(locale, key);
  return label === key ? type : label;
}

type MessageOrder = Pick<
  OrdersTable,
  'code' | 'customer_name' | 'delivery_method' | 'destination_code' | 'subtotal' | 'total' | 'payment_method'
> & { delivery_fee: number; address: string; notes: string };
type MessageLine = Pick<OrderLinesTable, 'name' | 'variant_name' | 'quantity' | 'unit_price' | 'line_total'>;

/** The message data of an order from its rows (the shop's, the order's and its lines in line order). */
export function orderMessageData(
  shop: { name: string; locale: string; whatsapp: string },
  o: MessageOrder,
  lines: readonly MessageLine[],
  statusUrl: string,
): OrderMessageData & { whatsapp: string } {
  return {
    whatsapp: shop.whatsapp,
    shopName: shop.name,
    locale: isLocale(shop.locale) ? shop.locale : 'id',
    code: o.code,
    customerName: o.customer_name,
    lines: lines.map((l) => ({
      name: l.name,
      variantName: l.variant_name,
      quantity: l.quantity,
      unitPrice: Number(l.unit_price),
      lineTotal: Number(l.line_total),
    })),
    subtotal: Number(o.subtotal),
    delivery: o.delivery_method,
    deliveryFee: Number(o.delivery_fee),
    destination: o.destination_code,
    address: o.address,
    notes: o.notes,
    total: Number(o.total),
    payment: o.payment_method,
    statusUrl,
  };
}

/** The message data of a stored order (used when a repeated request replays the original answer). */
export async function loadOrderMessage(
  scope: ShopScope,
  orderId: string,
  statusUrl: string,
): Promise<OrderMessageData & { whatsapp: string }> {
  const { tx, shopId } = scope;
  const shop = await tx.selectFrom('shops').select(['name', 'locale', 'whatsapp']).where('id', '=', shopId).executeTakeFirstOrThrow();
  const o = await tx.selectFrom('orders').selectAll().where('shop_id', '=', shopId).where('id', '=', orderId).executeTakeFirst();
  if (!o) throw new NotFound('orders.notFound');
  const lines = await tx
    .selectFrom('order_lines')
    .select(['name', 'variant_name', 'quantity', 'unit_price', 'line_total'])
    .where('shop_id', '=', shopId)
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute();
  return orderMessageData(shop, o, lines, statusUrl);
}
