import type { ShopScope } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import type { AccountTypeName } from '../db/schema.ts';

export interface Net {
  debit: number;
  credit: number;
}
export interface AccountRow {
  code: string;
  type: AccountTypeName;
  name_id: string;
  name_en: string;
  contra: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function checkDay(field: string, day: string): string {
  if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw new Invalid({ [field]: ['ledger.dateInvalid'] });
  return day;
}

/**
 * Debit and credit per account for the days from..to (inclusive; from null = since the beginning), read
 * from the maintained totals only: whole months from the month rows, the partial months at either end
 * from the day rows. At most (months + 62) rows per account, whatever the number of postings.
 */
export async function totalsBetween(scope: ShopScope, from: string | null, to: string): Promise<Map<string, Net>> {
  const { tx, shopId } = scope;
  const out = new Map<string, Net>();
  const add = (rows: { account_code: string; debit: number | string; credit: number | string }[]) => {
    for (const r of rows) {
      const t = out.get(r.account_code) ?? { debit: 0, credit: 0 };
      t.debit += Number(r.debit);
      t.credit += Number(r.credit);
      out.set(r.account_code, t);
    }
  };
  const base = () =>
    tx
      .selectFrom('ledger_totals')
      .select((eb) => ['account_code', eb.fn.sum<number>('debit').as('debit'), eb.fn.sum<number>('credit').as('credit')])
      .where('shop_id', '=', shopId)
      .groupBy('account_code');
  const tm = to.slice(0, 7);
  const fm = from ? from.slice(0, 7) : null;
  if (fm === tm) {
    add(await base().where('grain', '=', 'd').where('period', '>=', from!).where('period', '<=', to).execute());
    return out;
  }
  if (from) add(await base().where('grain', '=', 'd').where('period', '>=', from).where('period', '<=', `${fm}-31`).execute());
  let months = base().where('grain', '=', 'm').where('period', '<', tm);
  if (fm) months = months.where('period', '>', fm);
  add(await months.execute());
  add(await base().where('grain', '=', 'd').where('period', '>=', `${tm}-01`).where('period', '<=', to).execute());
  return out;
}

export async function chartOf(scope: ShopScope): Promise<AccountRow[]> {
  return scope.tx
    .selectFrom('ledger_accounts')
    .select(['code', 'type', 'name_id', 'name_en', 'contra'])
    .where('shop_id', '=', scope.shopId)
    .orderBy('code')
    .execute();
}

/** Signed balance (debit +) of a total. */
export function signed(t: Net | undefined): number {
  return t ? t.debit - t.credit : 0;
}

/** All-time balances (debit +) of some accounts, from the maintained totals: one read. */
export async function balancesOf(scope: ShopScope, codes: string[]): Promise<(code: string) => number> {
  const rows = await scope.tx
    .selectFrom('ledger_totals')
    .select(['account_code', 'debit', 'credit'])
    .where('shop_id', '=', scope.shopId)
    .where('grain', '=', 'a')
    .where('account_code', 'in', codes)
    .execute();
  return (code) => {
    const r = rows.find((x) => x.account_code === code);
    return r ? Number(r.debit) - Number(r.credit) : 0;
  };
}
