import type { Role } from '../auth/access.ts';
import { listAccounts } from './list-accounts.ts';
import { listJournalEntries, type JournalEntryView } from './list-journal-entries.ts';
import { reportsPeriod, type ReportsQuery } from './get-reports-page.ts';
import type { Period } from './report-period.ts';

export interface JournalPage {
  period: Period;
  month: string | null;
  entries: (JournalEntryView & { source: { kind: string; href: string | null } })[];
  /** Account names by code, both languages. */
  names: Record<string, { nameId: string; nameEn: string }>;
  nextBefore: string | null;
}

/** Where an entry came from, as a link on the shop's dashboard (null: no page of its own). */
function sourceOf(slug: string, e: JournalEntryView): { kind: string; href: string | null } {
  const base = `/dashboard/${encodeURIComponent(slug)}`;
  switch (e.sourceType) {
    case 'order':
      return { kind: 'order', href: e.orderCode ? `${base}/pesanan/${encodeURIComponent(e.orderCode)}` : null };
    case 'cash_book':
      return { kind: 'cash_book', href: `${base}/kas#cash-${e.sourceId ?? ''}` };
    case 'depreciation':
      return { kind: 'depreciation', href: `${base}/kas` };
    case 'debt':
      return { kind: 'debt', href: `${base}/piutang` };
    case 'stock':
    case 'opening':
      return { kind: e.sourceType, href: `${base}/stok` };
    case 'opening_balance':
      return { kind: 'opening_balance', href: `${base}/saldo-awal` };
    case 'reversal':
      return { kind: 'reversal', href: `#entry-${e.reversesId ?? ''}` };
    default:
      return { kind: 'other', href: null };
  }
}

/** The journal page: a period's entries (this month by default), each linked to its source. Owner only. */
export async function getJournalPage(opts: {
  shopId: string;
  slug: string;
  role: Role;
  timezone: string;
  query: ReportsQuery & { before?: string | null };
}): Promise<JournalPage> {
  const { period, month } = reportsPeriod(opts.query, opts.timezone);
  const { entries, nextBefore } = await listJournalEntries({ shopId: opts.shopId, role: opts.role, ...period, before: opts.query.before });
  const { accounts } = await listAccounts({ shopId: opts.shopId, role: opts.role });
  return {
    period,
    month,
    entries: entries.map((e) => ({ ...e, source: sourceOf(opts.slug, e) })),
    names: Object.fromEntries(accounts.map((a) => [a.code, { nameId: a.nameId, nameEn: a.nameEn }])),
    nextBefore,
  };
}
