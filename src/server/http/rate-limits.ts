import { hitWindow } from '../auth/rate-limit.ts';

/**
 * Every request-level rate limit, in one table. Routes declare them (API: `rateLimit` in routes.ts; pages:
 * page-routes.ts) and they are counted before the body is read; pages and use cases never count inline.
 * The key is shared wherever the same limit is declared, so the page and the API draw on one budget.
 */
export interface RateLimit {
  key: string;
  limit: number;
  windowSeconds: number;
  /** Counted per client IP (default) or per signed-in user (falls back to the IP when signed out). */
  per?: 'ip' | 'user';
}

export const RATE_LIMITS = {
  signUp: { key: 'signup', limit: 50, windowSeconds: 3600 },
  placeOrder: { key: 'order', limit: 100, windowSeconds: 15 * 60 },
  cart: { key: 'cart', limit: 600, windowSeconds: 10 * 60 },
  passwordReset: { key: 'reset', limit: 30, windowSeconds: 15 * 60 },
  // "Lupa kata sandi" mails: per IP here, per account in requestPasswordReset.
  passwordResetMail: { key: 'resetmail', limit: 20, windowSeconds: 15 * 60 },
  // The account page's forms check the password: the same cap keeps them from being a guessing oracle.
  accountForms: { key: 'account', limit: 20, windowSeconds: 15 * 60, per: 'user' },
  // Image processing is the expensive part of a receipt upload.
  receiptUpload: { key: 'receipt', limit: 30, windowSeconds: 60 * 60 },
  // Posts of the payment settings form, which asks for the password: counted before the body is read, so every post
  // counts (a right password too); 20 in 15 minutes is more than an owner needs and too few to guess one.
  paymentSettings: { key: 'paysettings', limit: 20, windowSeconds: 15 * 60, per: 'user' },
  // Survey answers arrive from participants' phones without an account: per IP, generous for a shared village Wi-Fi.
  surveyAnswer: { key: 'survey', limit: 120, windowSeconds: 15 * 60 },
} as const satisfies Record<string, RateLimit>;

/** Count one request against a declared limit; throws TooManyRequests when the window is full. */
export async function countRequest(limit: RateLimit, who: { ip: string; userId?: string | null }): Promise<void> {
  const id = limit.per === 'user' && who.userId ? `user:${who.userId}` : `ip:${who.ip}`;
  await hitWindow(`${limit.key}:${id}`, limit.limit, limit.windowSeconds);
}
