/**
 * Message modules per area. Each exports `id` (Bahasa Indonesia, `as const`) and
 * `en: Record<keyof typeof id, string>`, so a missing English text is a type error.
 * Add a module with one import and one entry here.
 */
import * as brand from './brand.ts';
import * as catalog from './catalog.ts';
import * as imports from './imports.ts';
import * as ledger from './ledger.ts';
import * as orders from './orders.ts';
import * as quickSale from './quick-sale.ts';
import * as reports from './reports.ts';
import * as salesBooks from './sales-books.ts';
import * as storefront from './storefront.ts';
import * as stripe from './stripe.ts';
import * as books from './books.ts';
import * as orderDesk from './order-desk.ts';
import * as accountRecovery from './account-recovery.ts';
import * as buyer from './buyer.ts';
import * as dashboardShell from './dashboard-shell.ts';
import * as registry from './registry.ts';
import * as offline from './offline.ts';
import * as programOffice from './program-office.ts';
import * as training from './training.ts';

export interface AreaMessages {
  id: Record<string, string>;
  en: Record<string, string>;
}

export const AREAS: AreaMessages[] = [
  brand,
  catalog,
  imports,
  ledger,
  orders,
  quickSale,
  reports,
  salesBooks,
  storefront,
  stripe,
  books,
  orderDesk,
  accountRecovery,
  registry,
  buyer,
  dashboardShell,
  offline,
  programOffice,
  training,
];
