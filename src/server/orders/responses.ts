import { z } from 'zod';

/** Success bodies of the order routes (routes.ts); types exported for browser code. */
export const orderStatusSchema = z.enum(['pending', 'confirmed', 'paid', 'fulfilled', 'cancelled', 'expired']);
const payment = z.enum(['whatsapp', 'transfer', 'card', 'cash', 'qris', 'credit']);
const delivery = z.enum(['pickup', 'local', 'courier']);
const rupiah = z.number().int();

export const createOrderResponse = z.object({
  code: z.string(),
  status: orderStatusSchema,
  subtotal: rupiah,
  deliveryFee: rupiah,
  total: rupiah,
  payment,
  statusUrl: z.string(),
  whatsappUrl: z.string().optional(),
  checkoutUrl: z.string().optional(),
});
export const orderStatusResponse = z.object({
  code: z.string(),
  status: orderStatusSchema,
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  customerName: z.string(),
  customerPhone: z.string().nullable(),
  delivery: z.object({ method: delivery, destination: z.string().nullable(), address: z.string(), fee: rupiah }),
  notes: z.string(),
  payment,
  subtotal: rupiah,
  total: rupiah,
  receiptUploaded: z.boolean(),
  lines: z.array(
    z.object({ name: z.string(), variantName: z.string().nullable(), quantity: z.number().int(), unitPrice: rupiah, lineTotal: rupiah }),
  ),
  events: z.array(z.object({ type: z.string(), status: orderStatusSchema.nullable(), at: z.string() })),
  transfer: z
    .object({
      bank: z.object({ bankName: z.string(), accountNumber: z.string(), accountHolder: z.string() }).nullable(),
      qrisUrl: z.string().nullable(),
    })
    .nullable(),
});
export const listOrdersResponse = z.object({
  orders: z.array(
    z.object({
      code: z.string(),
      status: orderStatusSchema,
      channel: z.enum(['whatsapp', 'web', 'marketplace', 'stall', 'reseller']),
      payment,
      delivery,
      destination: z.string().nullable(),
      customerName: z.string(),
      customerPhone: z.string().nullable(),
      total: rupiah,
      createdAt: z.string(),
      expiresAt: z.string().nullable(),
    }),
  ),
  nextBefore: z.string().nullable(),
});
export const pendingOrdersResponse = z.object({
  count: z.number().int(),
  latest: z.object({ code: z.string(), createdAt: z.string() }).nullable(),
});
export const transitionResponse = z.object({ code: z.string(), status: orderStatusSchema, changed: z.boolean() });

/** A pending order after the shop set its delivery fee, discount or quantities (whole Rupiah). */
export const adjustOrderResponse = z.object({
  code: z.string(),
  subtotal: z.number().int(),
  deliveryFee: z.number().int(),
  discount: z.number().int(),
  total: z.number().int(),
});
export type AdjustOrderResponse = z.infer<typeof adjustOrderResponse>;

/** cost and grossProfit: only for a role that may see costs (the owner); staff get neither field. */
export const quickSaleResponse = z.object({
  replayed: z.boolean(),
  orderId: z.string(),
  code: z.string(),
  channel: z.string(),
  payment,
  total: rupiah,
  lines: z.array(
    z.object({
      name: z.string(),
      variantName: z.string().nullable(),
      quantity: z.number().int(),
      unitPrice: rupiah,
      lineTotal: rupiah,
      priceOverridden: z.boolean(),
    }),
  ),
  receivable: z.object({ debtId: z.string(), amount: rupiah, dueDate: z.string().nullable() }).nullable(),
  cost: rupiah.optional().describe('Owner only'),
  grossProfit: rupiah.optional().describe('Owner only'),
});
/** cost (the goods' value back in stock): owner only. */
export const orderReturnResponse = z.object({
  replayed: z.boolean(),
  returnId: z.string(),
  amount: rupiah,
  fromReceivable: rupiah,
  refunded: rupiah,
  restocked: z.boolean(),
  cost: rupiah.optional().describe('Owner only'),
});

export type QuickSaleResponse = z.infer<typeof quickSaleResponse>;
export type OrderReturnResponse = z.infer<typeof orderReturnResponse>;
export type CreateOrderResponse = z.infer<typeof createOrderResponse>;
export type OrderStatusResponse = z.infer<typeof orderStatusResponse>;
export type ListOrdersResponse = z.infer<typeof listOrdersResponse>;
export type PendingOrdersResponse = z.infer<typeof pendingOrdersResponse>;
