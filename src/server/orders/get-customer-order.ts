import { inShop, type ShopScope } from '../tenant/index.ts';
import { NotFound } from '../errors.ts';
import { sha256Hex } from '../util.ts';
import { paymentOptions, type BankAccount } from '../payments/payment-options.ts';
import type { DeliveryMethod, OrderStatus, PaymentMethod } from '../db/schema.ts';
import { normalizeOrderCode, TOKEN_PATTERN } from './order-code.ts';
import { expireOrderIfDue } from './expire-orders.ts';
import { mayUploadReceipt, RECEIPT_STATUSES } from './may-upload-receipt.ts';
import { absoluteUrl } from '../config.ts';
import { whatsappLink } from '../shops/phone.ts';
import { loadOrderMessage, orderWhatsappText } from './order-message.ts';

/**
 * An order as its customer sees it: only what that customer entered, the items, totals, the status
 * history (what and when, never which staff member) and how to pay. The code alone never finds it:
 * without the matching token it does not exist (404).
 */
export interface CustomerOrder {
  id: string;
  code: string;
  status: OrderStatus;
  createdAt: string;
  expiresAt: string | null;
  customerName: string;
  customerPhone: string | null;
  delivery: DeliveryMethod;
  destination: string | null;
  address: string;
  notes: string;
  payment: PaymentMethod;
  subtotal: number;
  deliveryFee: number;
  total: number;
  receiptUploaded: boolean;
  lines: { name: string; variantName: string | null; quantity: number; unitPrice: number; lineTotal: number }[];
  events: { type: string; status: OrderStatus | null; at: string }[];
  /** Transfer details while the order still awaits payment by transfer. */
  transfer: { bank: BankAccount | null; qris: boolean } | null;
  /** Rendered QRIS file names (e.g. 640.png) when the shop has one. */
  qrisMediaId: string | null;
  /** Whether this customer may upload a proof of transfer now (may-upload-receipt.ts). */
  canUploadReceipt: boolean;
  /** This page's address, the link the customer keeps. */
  statusUrl: string;
  /** The same pre-filled message the checkout opened WhatsApp with (not for card orders: Stripe tells the shop). */
  whatsapp: { url: string; text: string } | null;
}

/** Find by code + token inside the caller's shop transaction; NotFound for anything that does not match. */
export async function findOrderByToken(scope: ShopScope, code: string, token: string): Promise<{ id: string }> {
  const c = normalizeOrderCode(code);
  if (!c || !TOKEN_PATTERN.test(token)) throw new NotFound('orders.notFound');
  const o = await scope.tx
    .selectFrom('orders')
    .select('id')
    .where('shop_id', '=', scope.shopId)
    .where('code', '=', c)
    .where('access_token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!o) throw new NotFound('orders.notFound');
  return o;
}

export async function getCustomerOrder(opts: { shopId: string; code: string; token: string }): Promise<CustomerOrder> {
  return inShop(opts.shopId, async (scope) => {
    const { tx, shopId } = scope;
    const { id } = await findOrderByToken(scope, opts.code, opts.token);
    // Expire on read: the page never shows a stale "waiting" for an order past its time.
    await expireOrderIfDue(scope, id);
    const o = await tx.selectFrom('orders').selectAll().where('shop_id', '=', shopId).where('id', '=', id).executeTakeFirstOrThrow();
    const { slug } = await tx.selectFrom('shops').select('slug').where('id', '=', shopId).executeTakeFirstOrThrow();
    const statusUrl = absoluteUrl(`/${slug}/pesanan/${encodeURIComponent(o.code)}/${opts.token}`);
    let whatsapp: CustomerOrder['whatsapp'] = null;
    if (o.payment_method !== 'card') {
      const msg = await loadOrderMessage(scope, id, statusUrl);
      const text = orderWhatsappText(msg);
      whatsapp = { url: whatsappLink(msg.whatsapp, text), text };
    }
    const lines = await tx
      .selectFrom('order_lines')
      .select(['name', 'variant_name', 'quantity', 'unit_price', 'line_total'])
      .where('shop_id', '=', shopId)
      .where('order_id', '=', id)
      .orderBy('line_no')
      .execute();
    const events = await tx
      .selectFrom('order_events')
      .select(['type', 'to_status', 'created_at'])
      .where('shop_id', '=', shopId)
      .where('order_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    let transfer: CustomerOrder['transfer'] = null;
    let qrisMediaId: string | null = null;
    if (o.payment_method === 'transfer') {
      const p = await paymentOptions(scope);
      qrisMediaId = p.qrisMediaId;
      if (RECEIPT_STATUSES.includes(o.status)) transfer = { bank: p.bank, qris: !!p.qrisMediaId };
    }
    return {
      id: o.id,
      code: o.code,
      status: o.status,
      createdAt: o.created_at,
      expiresAt: o.expires_at,
      customerName: o.customer_name,
      customerPhone: o.customer_phone,
      delivery: o.delivery_method,
      destination: o.destination_code,
      address: o.address,
      notes: o.notes,
      payment: o.payment_method,
      subtotal: Number(o.subtotal),
      deliveryFee: Number(o.delivery_fee),
      total: Number(o.total),
      receiptUploaded: !!o.receipt_media_id,
      lines: lines.map((l) => ({
        name: l.name,
        variantName: l.variant_name,
        quantity: l.quantity,
        unitPrice: Number(l.unit_price),
        lineTotal: Number(l.line_total),
      })),
      events: events.map((e) => ({ type: e.type, status: e.to_status, at: e.created_at })),
      transfer,
      qrisMediaId,
      canUploadReceipt: mayUploadReceipt({ payment: o.payment_method, status: o.status }),
      statusUrl,
      whatsapp,
    };
  });
}
