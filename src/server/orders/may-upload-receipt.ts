import type { OrderStatus, PaymentMethod } from '../db/schema.ts';

/** Statuses in which an order still awaits payment (a receipt, transfer details). */
export const RECEIPT_STATUSES: readonly OrderStatus[] = ['pending', 'confirmed'];

/**
 * Who may upload a proof of transfer: the holder of the order's status link (checked by the caller),
 * for an order paid by transfer that still awaits payment. The status page offers the form on exactly
 * this rule and uploadReceipt enforces it.
 */
export function mayUploadReceipt(o: { payment: PaymentMethod; status: OrderStatus }): boolean {
  return o.payment === 'transfer' && RECEIPT_STATUSES.includes(o.status);
}
