import { formatRupiah, t, type Locale } from '#i18n/index.ts';
import type { DeliveryMethod, OrderStatus, PaymentMethod } from '../db/schema.ts';
import { destinationName } from './destinations.ts';

export interface CustomerUpdateData {
  /** The order's language (orders.locale): the shop writes to the customer in the customer's language. */
  locale: Locale;
  shopName: string;
  shopAddress: string;
  code: string;
  customerName: string;
  status: OrderStatus;
  delivery: DeliveryMethod;
  destination: string | null;
  payment: PaymentMethod;
  subtotal: number;
  deliveryFee: number;
  discount: number;
  total: number;
  bank: { name: string; number: string; holder: string } | null;
  cancelReason: string | null;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The shop's "Chat pembeli" draft for the order's state: confirmed (the total and how to pay), paid (and
 * ready for pickup), delivered or sent, cancelled (with the reason). Plain text for wa.me's `text`
 * parameter, which whatsappLink() encodes; nothing in it is markup.
 */
export function customerUpdateText(d: CustomerUpdateData): string {
  const tr = (key: string, params?: Record<string, string | number>) => t(d.locale, key, params);
  const p = { name: oneLine(d.customerName), code: d.code, shop: oneLine(d.shopName), total: formatRupiah(d.total) };
  const out = [tr('desk.wa.hello', p)];
  const amounts = () => {
    if (d.deliveryFee > 0) out.push(tr('desk.wa.fee', { amount: formatRupiah(d.deliveryFee) }));
    if (d.discount > 0) out.push(tr('desk.wa.discount', { amount: formatRupiah(d.discount) }));
    out.push(tr('desk.wa.total', p));
  };
  const place = d.destination ? destinationName(d.destination, d.locale) : tr('desk.wa.yourAddress');
  switch (d.status) {
    case 'pending':
      out.push(tr('desk.wa.pending', p));
      amounts();
      break;
    case 'confirmed':
      out.push(tr('desk.wa.confirmed', p));
      amounts();
      if (d.payment === 'transfer' && d.bank) out.push(tr('desk.wa.payTransfer', { ...d.bank, total: p.total }));
      else if (d.payment === 'transfer') out.push(tr('desk.wa.payTransferAsk'));
      else if (d.payment === 'credit') out.push(tr('desk.wa.payCredit'));
      else out.push(tr(d.delivery === 'pickup' ? 'desk.wa.payOnPickup' : 'desk.wa.payOnDelivery'));
      break;
    case 'paid':
      out.push(tr('desk.wa.paid', p));
      if (d.delivery === 'pickup') out.push(tr('desk.wa.readyPickup', { address: oneLine(d.shopAddress) || p.shop }));
      else out.push(tr('desk.wa.preparing', { place }));
      break;
    case 'fulfilled':
      out.push(tr(d.delivery === 'pickup' ? 'desk.wa.pickedUp' : 'desk.wa.shipped', { ...p, place }));
      break;
    case 'cancelled':
    case 'expired':
      out.push(tr('desk.wa.cancelled', p));
      if (d.cancelReason) out.push(tr('desk.wa.reason', { reason: d.cancelReason }));
      break;
  }
  out.push('', tr('desk.wa.thanks', p));
  return out.join('\n');
}

/** The receipt as a WhatsApp message: the lines, fee, discount and total, for the customer to keep. */
export function receiptText(
  d: Pick<CustomerUpdateData, 'locale' | 'shopName' | 'code' | 'subtotal' | 'deliveryFee' | 'discount' | 'total'> & {
    lines: { name: string; variant_name: string | null; quantity: number; unit_price: number; line_total: number }[];
  },
): string {
  const tr = (key: string, params?: Record<string, string | number>) => t(d.locale, key, params);
  const out = [tr('desk.wa.receipt', { code: d.code, shop: oneLine(d.shopName) }), ''];
  d.lines.forEach((l, i) => {
    const name = l.variant_name ? `${oneLine(l.name)} (${oneLine(l.variant_name)})` : oneLine(l.name);
    out.push(tr('wa.line', { n: i + 1, name, qty: l.quantity, price: formatRupiah(l.unit_price), total: formatRupiah(l.line_total) }));
  });
  out.push('', tr('wa.subtotal', { amount: formatRupiah(d.subtotal) }));
  if (d.deliveryFee > 0) out.push(tr('desk.wa.fee', { amount: formatRupiah(d.deliveryFee) }));
  if (d.discount > 0) out.push(tr('desk.wa.discount', { amount: formatRupiah(d.discount) }));
  out.push(tr('wa.total', { amount: formatRupiah(d.total) }));
  return out.join('\n');
}
