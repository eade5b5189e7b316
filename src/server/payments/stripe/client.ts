import Stripe from 'stripe';
import { config, type AppConfig } from '#server/config.ts';
import { AppError } from '#server/errors.ts';

/** Pinned: a Stripe SDK upgrade that moves the API version fails type-checking here instead of changing behaviour. */
export const STRIPE_API_VERSION: Stripe.LatestApiVersion = '2026-10-28.endive';

/** Card payment exists only when the platform has both its secret key and its webhook secret. */
export function stripeEnabled(cfg: AppConfig = config()): boolean {
  return Boolean(cfg.stripeSecretKey && cfg.stripeWebhookSecret);
}

let cached: { cfg: AppConfig; client: Stripe } | undefined;

/** The one Stripe client of the process (rebuilt when tests reset the configuration). */
export function stripe(): Stripe {
  const cfg = config();
  if (!cfg.stripeSecretKey) throw new Error('STRIPE_SECRET_KEY is not set');
  if (cached?.cfg === cfg) return cached.client;
  const client = new Stripe(cfg.stripeSecretKey, {
    apiVersion: STRIPE_API_VERSION,
    // Retries reuse one idempotency key, so a retried create cannot make a second object.
    maxNetworkRetries: 2,
    // A customer or owner is waiting on the other end of every call.
    timeout: 15_000,
    telemetry: false,
    appInfo: { name: 'Etalase' },
    ...(cfg.stripeApi ? { host: cfg.stripeApi.host, port: cfg.stripeApi.port, protocol: cfg.stripeApi.protocol } : {}),
  });
  cached = { cfg, client };
  return client;
}

/** Stripe did not answer or refused: the caller shows "try again" (502), never a stack or Stripe's text. */
export class StripeUnavailable extends AppError {
  constructor() {
    super(502, 'payment_provider', 'stripe.unreachable');
  }
}

/** Run a Stripe call; its errors become StripeUnavailable (logged), an error with `keep` passes through as is. */
export async function callStripe<T>(
  what: string,
  fn: () => Promise<T>,
  keep?: (err: InstanceType<typeof Stripe.errors.StripeError>) => boolean,
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) {
      if (keep?.(err)) throw err;
      console.error(
        `[stripe] ${what} failed: ${err.type}${err.code ? ` ${err.code}` : ''} (${err.statusCode ?? 'no response'}) ${err.message}`,
      );
      throw new StripeUnavailable();
    }
    throw err;
  }
}
