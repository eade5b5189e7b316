import { ONE_FILE_FORM_BYTES } from './body-limits.ts';
import { RATE_LIMITS, type RateLimit } from './rate-limits.ts';
import { DASHBOARD_PAGES } from './dashboard-pages.ts';

/**
 * What a page route declares beyond its capability: the largest form body it accepts (default 64 KB,
 * body-limits.ts) and the rate limit counted on every POST before the form is read. Dashboard pages declare
 * both in dashboard-pages.ts with their capability. The API declares the same in routes.ts; src/middleware.ts
 * applies both.
 */
export interface PageRouteDef {
  maxBytes?: number;
  rateLimit?: RateLimit;
}

export const PAGE_ROUTES: Record<string, PageRouteDef> = {
  '/daftar': { rateLimit: RATE_LIMITS.signUp },
  '/reset/[token]': { rateLimit: RATE_LIMITS.passwordReset },
  '/survei/[token]': { rateLimit: RATE_LIMITS.surveyAnswer },
  '/lupa-sandi': { rateLimit: RATE_LIMITS.passwordResetMail },
  '/akun': { rateLimit: RATE_LIMITS.accountForms },
  '/[shop]/keranjang': { rateLimit: RATE_LIMITS.cart },
  '/[shop]/checkout': { rateLimit: RATE_LIMITS.placeOrder },
  '/[shop]/pesanan/[code]/[token]': { rateLimit: RATE_LIMITS.receiptUpload, maxBytes: ONE_FILE_FORM_BYTES },
  ...Object.fromEntries(
    Object.entries(DASHBOARD_PAGES as Record<string, PageRouteDef>)
      .filter(([, p]) => p.maxBytes !== undefined || p.rateLimit !== undefined)
      .map(([pattern, { maxBytes, rateLimit }]) => [
        pattern,
        { ...(maxBytes !== undefined && { maxBytes }), ...(rateLimit && { rateLimit }) },
      ]),
  ),
};
