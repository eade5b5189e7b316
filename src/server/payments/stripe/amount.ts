/**
 * IDR is a two-decimal currency in Stripe's API although Rupiah has no cents in use:
 * Rp 25.000 is `unit_amount: 2500000`. Etalase stores whole Rupiah; these are the only conversions.
 */
export function toStripeAmount(rupiah: number): number {
  if (!Number.isSafeInteger(rupiah) || rupiah < 0) throw new RangeError(`Not a whole, non-negative Rupiah amount: ${rupiah}`);
  const minor = rupiah * 100;
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Rupiah amount too large: ${rupiah}`);
  return minor;
}

/** Minor units back to whole Rupiah. Stripe may report sen (e.g. a partial refund typed in the Dashboard): rounded. */
export function fromStripeAmount(minor: number): number {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError(`Not a Stripe amount: ${minor}`);
  return Math.round(minor / 100);
}

/**
 * The platform's application fee in minor units, from PLATFORM_FEE_PERCENT: floored to whole Rupiah
 * (the shop is never charged a fraction more than the percentage), 0 when the percentage is not in (0, 100).
 */
export function applicationFee(totalRupiah: number, percent: number): number {
  if (!(percent > 0) || percent >= 100) return 0;
  return toStripeAmount(Math.floor((totalRupiah * percent) / 100));
}
