/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    locale: import('./i18n/index.ts').Locale;
    /** Session lookup is lazy: cached public pages never touch it. */
    auth: () => Promise<{ user: import('./server/auth/session.ts').SessionUser; session: import('./server/auth/session.ts').Session } | null>;
    clientIp: string;
  }
}
