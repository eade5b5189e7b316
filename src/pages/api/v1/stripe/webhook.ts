import { handle } from '../../../../server/http/api.ts';
import { ROUTES } from '../../../../server/http/routes.ts';
import { json } from '../../../../server/http/respond.ts';
import { handleStripeWebhook } from '../../../../server/payments/stripe/handle-webhook.ts';

// No body schema: the signature covers the exact bytes, so the raw body is read here, never re-serialized.
export const POST = handle(ROUTES.stripeWebhook, async ({ ctx }) => {
  const raw = new Uint8Array(await ctx.request.arrayBuffer());
  return json(await handleStripeWebhook(raw, ctx.request.headers.get('stripe-signature')));
});
