/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    locale: import('./i18n/index.ts').Locale;
    /** Session lookup is lazy: cached public pages never touch it. */
    auth: () => Promise<{
      user: import('./server/auth/session.ts').SessionUser;
      session: import('./server/auth/session.ts').Session;
    } | null>;
    clientIp: string;
    /** The route's body cap in bytes (src/server/http/body.ts). */
    bodyLimit: number;
    /** A rate-limit or size refusal decided before the route ran; thrown when the route reads its body. */
    refusal: import('./server/errors.ts').AppError | null;
    /** The message key of a 413 that reached the error page (a file over its cap says so, not just "too large"). */
    tooLargeKey?: string;
  }
}
