import Stripe from 'stripe';
import { config, type AppConfig } from '../../config.ts';

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
