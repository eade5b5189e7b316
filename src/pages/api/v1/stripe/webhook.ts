import { handle } from '#server/http/api.ts';
import { ROUTES } from '#server/http/routes.ts';
import { json } from '#server/http/respond.ts';
import { readBody } from '#server/http/body.ts';
import { handleStripeWebhook } from '#server/payments/stripe/handle-webhook.ts';

// No body schema: the signature covers the exact bytes, so the raw body is read here, never re-serialized.
// Astro's origin check (security.checkOrigin) refuses cross-site POSTs only when they carry a form content
// type (urlencoded, multipart, text/plain) or none at all; Stripe posts application/json without an Origin,
// which passes, and the signature is what authenticates it.
export const POST = handle(ROUTES.stripeWebhook, async ({ ctx }) => {
  const raw = new Uint8Array(await readBody(ctx));
  return json(await handleStripeWebhook(raw, ctx.request.headers.get('stripe-signature')));
});
