import { inShop } from '../tenant/index.ts';
import type { Role } from '../auth/access.ts';
import { t, formatRupiah, type Locale } from '#i18n/index.ts';
import { ensureChart } from './ensure-chart.ts';
import { chartOf, checkDay, signed, totalsBetween } from './period-totals.ts';
import { requireCapability } from './require-capability.ts';

/** SAK EMKM balance-sheet lines and the accounts (by code prefix) each gathers; an owner's new account falls in by its group. */
const LINES = [
  { key: 'cash', type: 'asset', prefixes: ['11'] },
  { key: 'receivables', type: 'asset', prefixes: ['12'] },
  { key: 'inventory', type: 'asset', prefixes: ['13'] },
  { key: 'fixedAssets', type: 'asset', prefixes: ['15'] },
  { key: 'otherAssets', type: 'asset', prefixes: ['1'] },
  { key: 'payables', type: 'liability', prefixes: ['2101'] },
  { key: 'deposits', type: 'liability', prefixes: ['2102'] },
  { key: 'taxes', type: 'liability', prefixes: ['2103'] },
  { key: 'otherLiabilities', type: 'liability', prefixes: ['2'] },
  { key: 'equity', type: 'equity', prefixes: ['3'] },
] as const;

export interface NoteAccount {
  code: string;
  name: string;
  amount: number;
}
export interface FinancialNote {
  number: number;
  key: string;
  title: string;
  amount: number;
  text: string;
  accounts: NoteAccount[];
}
export interface FinancialNotes {
  asOf: string;
  locale: Locale;
  entity: {
    name: string;
    address: string;
    village: string;
    program: string;
    nib: string;
    booksStarted: string;
    taxpayerKind: string;
    text: string;
  };
  compliance: string;
  policies: { title: string; text: string }[];
  notes: FinancialNote[];
}

/**
 * Catatan atas Laporan Keuangan (SAK EMKM): entity information, the statement of compliance, the accounting
 * policies the ledger applies, and a note for each line of the Laporan Posisi Keuangan on `asOf`, in the
 * reader's language. Reads the maintained totals only; the owner's (costs and profit are in it).
 */
export async function getFinancialNotes(opts: { shopId: string; role: Role; asOf: string; locale: Locale }): Promise<FinancialNotes> {
  requireCapability(opts.role, 'reports.profit');
  const asOf = checkDay('asOf', opts.asOf);
  const L = opts.locale;
  return inShop(opts.shopId, async (scope) => {
    await ensureChart(scope);
    const { tx, shopId } = scope;
    const [shop, cert, books, chart, totals] = await Promise.all([
      tx
        .selectFrom('shops')
        .innerJoin('villages', 'villages.id', 'shops.village_id')
        .innerJoin('programs', 'programs.id', 'shops.program_id')
        .select(['shops.name', 'shops.address', 'villages.name as village', 'programs.name as program'])
        .where('shops.id', '=', shopId)
        .executeTakeFirstOrThrow(),
      tx.selectFrom('shop_certifications').select('nib').where('shop_id', '=', shopId).executeTakeFirst(),
      tx.selectFrom('ledger_shops').select(['started_at', 'taxpayer_kind']).where('shop_id', '=', shopId).executeTakeFirstOrThrow(),
      chartOf(scope),
      totalsBetween(scope, null, asOf),
    ]);
    const taxpayerKind = t(L, `reports.taxpayer.${books.taxpayer_kind || 'unknown'}`);
    const entity = {
      name: shop.name,
      address: shop.address,
      village: shop.village,
      program: shop.program,
      nib: cert?.nib ?? '',
      booksStarted: books.started_at.slice(0, 10),
      taxpayerKind,
      text: t(L, 'reports.calk.entityText', {
        name: shop.name,
        village: shop.village,
        program: shop.program,
        nib: cert?.nib || '-',
        taxpayer: taxpayerKind,
      }),
    };
    const policies = ['basis', 'revenue', 'receivables', 'inventory', 'fixedAssets', 'deposits', 'tax'].map((k) => ({
      title: t(L, `reports.calk.policy.${k}.title`),
      text: t(L, `reports.calk.policy.${k}.text`),
    }));
    const taken = new Set<string>();
    const notes: FinancialNote[] = [];
    for (const line of LINES) {
      const sign = line.type === 'asset' ? 1 : -1;
      const accounts = chart.filter((a) => a.type === line.type && !taken.has(a.code) && line.prefixes.some((p) => a.code.startsWith(p)));
      for (const a of accounts) taken.add(a.code);
      const rows = accounts.map((a) => ({
        code: a.code,
        name: L === 'en' ? a.name_en : a.name_id,
        amount: sign * signed(totals.get(a.code)),
      }));
      if (line.key === 'equity') {
        const earnings = chart
          .filter((a) => a.type === 'revenue' || a.type === 'expense')
          .reduce((s, a) => s - signed(totals.get(a.code)), 0);
        rows.push({ code: 'earnings', name: t(L, 'reports.calk.earnings'), amount: earnings });
      }
      const amount = rows.reduce((s, r) => s + r.amount, 0);
      if (amount === 0 && rows.every((r) => r.amount === 0) && line.key.startsWith('other')) continue;
      notes.push({
        number: notes.length + 1,
        key: line.key,
        title: t(L, `reports.calk.line.${line.key}`),
        amount,
        text: t(L, `reports.calk.note.${line.key}`, { amount: formatRupiah(amount), asOf }),
        accounts: rows.filter((r) => r.amount !== 0),
      });
    }
    return { asOf, locale: L, entity, compliance: t(L, 'reports.calk.compliance', { name: shop.name }), policies, notes };
  });
}
