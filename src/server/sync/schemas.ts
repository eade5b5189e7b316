import { z } from 'zod';
import { quickSaleInput } from '../orders/record-quick-sale.ts';
import { expenseInput } from '../ledger/record-expense.ts';
import { CANCEL_REASONS } from '../orders/schemas.ts';
import { MERCHANT_TARGETS } from '../orders/lifecycle.ts';

/** How many waiting changes one sync request may carry; a device with more sends them in turns. */
export const MAX_CHANGES = 50;

// The device's id of the change is the record's idempotency key: the payload's own key is not used.
const unkeyed = <Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) =>
  schema.safeExtend({ idempotencyKey: z.string().optional() } as never) as unknown as z.ZodObject<
    Omit<Shape, 'idempotencyKey'> & { idempotencyKey: z.ZodOptional<z.ZodString> }
  >;

const common = {
  /** Made on the device (a UUID): the same id is the same change, however often it is sent. */
  id: z.string().regex(/^[A-Za-z0-9-]{16,64}$/, { error: 'sync.idInvalid' }),
  /** When the change was made on the device (ISO 8601). */
  occurredAt: z.iso.datetime({ offset: true, error: 'sync.timeInvalid' }),
};

export const deviceChange = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('sale'), sale: unkeyed(quickSaleInput) }),
  z.object({ ...common, kind: z.literal('expense'), expense: unkeyed(expenseInput) }),
  z.object({
    ...common,
    kind: z.literal('orderStatus'),
    code: z.string().trim().min(1).max(40),
    to: z.enum(MERCHANT_TARGETS, { error: 'validation.choice' }),
    reason: z.enum(CANCEL_REASONS, { error: 'validation.choice' }).optional(),
    /** The order's version (its updatedAt) the device saw when the change was made. */
    baseVersion: z.string().min(1).max(40),
  }),
]);
export type DeviceChange = z.output<typeof deviceChange>;

export const syncInput = z.object({
  changes: z.array(deviceChange).min(1).max(MAX_CHANGES, { error: 'sync.tooMany' }),
});
export type SyncInput = z.output<typeof syncInput>;
