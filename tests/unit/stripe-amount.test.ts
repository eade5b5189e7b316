import { describe, expect, it } from 'vitest';
import { applicationFee, fromStripeAmount, toStripeAmount } from '#server/payments/stripe/amount.ts';
import { sessionExpiry } from '#server/payments/stripe/create-checkout-session.ts';

describe('Rupiah ↔ Stripe amounts (IDR is two-decimal in Stripe)', () => {
  it('converts whole Rupiah to minor units and back', () => {
    expect(toStripeAmount(25_000)).toBe(2_500_000);
    expect(toStripeAmount(0)).toBe(0);
    expect(toStripeAmount(1)).toBe(100);
    expect(fromStripeAmount(2_500_000)).toBe(25_000);
    for (const r of [0, 1, 4_000, 35_000, 1_250_000, 99_999_999]) expect(fromStripeAmount(toStripeAmount(r))).toBe(r);
  });
  it('refuses fractions, negatives and unsafe numbers', () => {
    expect(() => toStripeAmount(25_000.5)).toThrow(RangeError);
    expect(() => toStripeAmount(-1)).toThrow(RangeError);
    expect(() => toStripeAmount(Number.NaN)).toThrow(RangeError);
    expect(() => toStripeAmount(Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
    expect(() => fromStripeAmount(-100)).toThrow(RangeError);
    expect(() => fromStripeAmount(1.5)).toThrow(RangeError);
  });
  it('rounds sen from Stripe to whole Rupiah', () => {
    expect(fromStripeAmount(2_500_049)).toBe(25_000);
    expect(fromStripeAmount(2_500_050)).toBe(25_001);
  });
  it('computes the platform fee in whole Rupiah, floored, off outside (0, 100)', () => {
    expect(applicationFee(25_000, 2)).toBe(50_000); // Rp 500
    expect(applicationFee(25_050, 1.5)).toBe(37_500); // Rp 375,75 → Rp 375
    expect(applicationFee(25_000, 0)).toBe(0);
    expect(applicationFee(25_000, -3)).toBe(0);
    expect(applicationFee(25_000, 100)).toBe(0);
    expect(applicationFee(25_000, Number.NaN)).toBe(0);
  });
  it('gives Checkout Sessions 55–60 minutes, identical within a 5-minute window', () => {
    const t0 = Date.parse('2026-11-28T02:00:00Z');
    expect(sessionExpiry(t0)).toBe(t0 / 1000 + 3600);
    expect(sessionExpiry(t0 + 299_000)).toBe(t0 / 1000 + 3600);
    expect(sessionExpiry(t0 + 300_000)).toBe(t0 / 1000 + 3900);
    const ahead = sessionExpiry(t0 + 299_000) - (t0 + 299_000) / 1000;
    expect(ahead).toBeGreaterThanOrEqual(55 * 60);
  });
});
