import { inShop } from '../tenant/index.ts';
import { allShopIds } from '../tenant/ledger-shops.ts';
import { checkShopLedger, type LedgerProblem } from './check-ledger.ts';

/** Every shop's books, one shop transaction at a time (npm run ledger:check). */
export async function checkAllLedgers(): Promise<{ shops: number; problems: LedgerProblem[] }> {
  const ids = await allShopIds();
  const problems: LedgerProblem[] = [];
  for (const id of ids) problems.push(...(await inShop(id, (scope) => checkShopLedger(scope))));
  return { shops: ids.length, problems };
}
