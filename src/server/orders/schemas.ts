import { z } from 'zod';
import { phoneField } from '../auth/schemas.ts';
import { findDestination } from './destinations.ts';
import { MAX_LINES, MAX_QUANTITY } from './price-items.ts';
import { MERCHANT_TARGETS } from './lifecycle.ts';

export const idempotencyKeyField = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._:-]{8,200}$/, { error: 'orders.idempotencyKeyFormat' });

export const orderItemInput = z
  .object({
    productId: z.string().trim().min(1).max(64).optional(),
    product: z.string().trim().min(1).max(80).optional().describe('Product slug (instead of productId)'),
    variantId: z.string().trim().min(1).max(64).nullable().optional(),
    quantity: z
      .number({ error: 'cart.quantityInvalid' })
      .int({ error: 'cart.quantityInvalid' })
      .min(1, { error: 'cart.quantityInvalid' })
      .max(MAX_QUANTITY),
  })
  .refine((i) => !!(i.productId || i.product), { error: 'orders.productRequired', path: ['productId'] });

const customerFields = {
  customerName: z.string().trim().min(1, { error: 'validation.required' }).max(80),
  customerPhone: phoneField,
  delivery: z.enum(['pickup', 'local', 'courier'], { error: 'validation.choice' }),
  destination: z
    .string()
    .trim()
    .max(40)
    .nullable()
    .optional()
    .transform((v) => v || null),
  address: z.string().trim().max(300).default(''),
  notes: z.string().trim().max(500).default(''),
  payment: z.enum(['whatsapp', 'transfer', 'card'], { error: 'validation.choice' }),
};

/**
 * Runs even when other fields failed (`when` below), so a form shows the destination's error together with
 * the others; the value may then be unparsed input, hence the type checks.
 */
function checkDestination(v: { delivery?: unknown; destination?: unknown }, ctx: z.RefinementCtx) {
  const destination = typeof v.destination === 'string' ? v.destination.trim() : null;
  if (destination && !findDestination(destination))
    ctx.addIssue({ code: 'custom', path: ['destination'], message: 'orders.destinationUnknown' });
  else if ((v.delivery === 'local' || v.delivery === 'courier') && !destination)
    ctx.addIssue({ code: 'custom', path: ['destination'], message: 'orders.destinationRequired' });
}
const always = { when: (p: { value: unknown }) => typeof p.value === 'object' && p.value !== null };

/** Public API: place an order. Prices are never accepted from the client; totals are computed on the server. */
export const createOrderInput = z
  .object({
    items: z.array(orderItemInput).min(1, { error: 'orders.emptyCart' }).max(MAX_LINES, { error: 'orders.tooManyLines' }),
    ...customerFields,
    idempotencyKey: idempotencyKeyField.optional().describe('Or send the Idempotency-Key header; the same key returns the same order'),
  })
  .superRefine(checkDestination, always);
export type CreateOrderInput = z.output<typeof createOrderInput>;

/** The checkout form: the items come from the server-side cart; the form carries a key minted when it rendered. */
export const checkoutInput = z.object({ ...customerFields, idempotencyKey: idempotencyKeyField }).superRefine(checkDestination, always);
export type CheckoutInput = z.output<typeof checkoutInput>;

/** Why a shop cancels an order; recorded on the order's cancel event (timeline, audit). */
export const CANCEL_REASONS = ['customer_request', 'out_of_stock', 'unpaid', 'duplicate', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

const cancelNote = z.string().trim().max(200).default('');

export const transitionInput = z.object({
  to: z.enum(MERCHANT_TARGETS, { error: 'validation.choice' }),
  reason: z.enum(CANCEL_REASONS, { error: 'validation.choice' }).optional().describe('Why the order is cancelled (to: cancelled)'),
  note: cancelNote.optional().describe('Free text with the reason'),
});

/** The order page's cancel form: a reason is required, "other" needs words, and the confirm box must be ticked. */
export const cancelFormInput = z
  .object({
    reason: z.enum(CANCEL_REASONS, { error: 'desk.reasonRequired' }),
    note: cancelNote,
    confirm: z.literal('yes', { error: 'desk.confirmRequired' }),
  })
  .refine((v) => v.reason !== 'other' || v.note.length > 0, { error: 'desk.noteRequired', path: ['note'] });

const rupiahField = z
  .number({ error: 'validation.invalid' })
  .int({ error: 'validation.invalid' })
  .min(0, { error: 'validation.invalid' })
  .max(100_000_000, { error: 'validation.invalid' });

/**
 * Changes to a pending order before it is confirmed: the delivery fee, a discount and line quantities
 * (by line number; 0 takes the line out). Omitted fields stay as they are.
 */
export const adjustOrderInput = z.object({
  deliveryFee: rupiahField.optional(),
  discount: rupiahField.optional(),
  quantities: z
    .record(
      z.string().regex(/^\d{1,3}$/),
      z
        .number({ error: 'cart.quantityInvalid' })
        .int({ error: 'cart.quantityInvalid' })
        .min(0, { error: 'cart.quantityInvalid' })
        .max(MAX_QUANTITY),
    )
    .optional()
    .describe('New quantity per line number; 0 removes the line'),
});
export type AdjustOrderInput = z.output<typeof adjustOrderInput>;
