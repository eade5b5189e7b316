import { inShop } from '../tenant/index.ts';
import type { Role } from '../auth/access.ts';
import type { AccountTypeName } from '../db/schema.ts';
import { chartOf } from './period-totals.ts';
import { ensureChart } from './ensure-chart.ts';
import { requireCapability } from './require-capability.ts';

export interface AccountView {
  code: string;
  type: AccountTypeName;
  nameId: string;
  nameEn: string;
  contra: boolean;
  /** From the SAK EMKM template (false: added by the owner). */
  system: boolean;
}

/** The shop's chart of accounts in code order: the template's and the owner's own. Owner only. */
export async function listAccounts(opts: { shopId: string; role: Role }): Promise<{ accounts: AccountView[] }> {
  requireCapability(opts.role, 'reports.profit');
  return inShop(opts.shopId, async (scope) => {
    await ensureChart(scope);
    const rows = await chartOf(scope);
    const own = await scope.tx
      .selectFrom('ledger_accounts')
      .select('code')
      .where('shop_id', '=', scope.shopId)
      .where('system', '=', 0)
      .execute();
    const added = new Set(own.map((r) => r.code));
    return {
      accounts: rows.map((r) => ({
        code: r.code,
        type: r.type,
        nameId: r.name_id,
        nameEn: r.name_en,
        contra: Number(r.contra) === 1,
        system: !added.has(r.code),
      })),
    };
  });
}
