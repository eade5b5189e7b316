import { z } from 'zod';

/** Success body of the Stripe webhook route (routes.ts). */
export const webhookResponse = z.union([
  z.object({ received: z.literal(true), outcome: z.enum(['processed', 'duplicate']) }),
  z.object({ received: z.literal(true), outcome: z.literal('ignored'), reason: z.string() }),
]);
