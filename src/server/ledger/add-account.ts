import { inShop } from '../tenant/index.ts';
import { Invalid } from '../errors.ts';
import type { Role } from '../auth/access.ts';
import type { AccountTypeName } from '../db/schema.ts';
import { nowIso } from '../util.ts';
import { ensureChart } from './ensure-chart.ts';
import { requireCapability } from './require-capability.ts';

const FIRST_DIGIT: Record<AccountTypeName, string> = { asset: '1', liability: '2', equity: '3', revenue: '4', expense: '5' };

/** The owner extends the chart: a 4-digit code under its type's number (1 aset … 5 beban), names in both languages. */
export async function addAccount(opts: {
  shopId: string;
  role: Role;
  input: { code: string; type: AccountTypeName; nameId: string; nameEn?: string; contra?: boolean };
}): Promise<{ code: string }> {
  requireCapability(opts.role, 'reports.profit');
  const { input } = opts;
  if (!/^[1-5]\d{3}$/.test(input.code) || input.code[0] !== FIRST_DIGIT[input.type])
    throw new Invalid({ code: ['ledger.accountCodeInvalid'] });
  const nameId = input.nameId.trim();
  const nameEn = (input.nameEn ?? '').trim();
  if (!nameId || nameId.length > 80) throw new Invalid({ nameId: ['ledger.accountNameInvalid'] });
  if (nameEn.length > 80) throw new Invalid({ nameEn: ['ledger.accountNameInvalid'] });
  return inShop(opts.shopId, async (scope) => {
    await ensureChart(scope);
    const r = await scope.tx
      .insertInto('ledger_accounts')
      .values({
        shop_id: scope.shopId,
        code: input.code,
        type: input.type,
        name_id: nameId,
        name_en: nameEn || nameId,
        contra: input.contra ? 1 : 0,
        system: 0,
        created_at: nowIso(),
      })
      .onConflict((oc) => oc.columns(['shop_id', 'code']).doNothing())
      .returning('code')
      .executeTakeFirst();
    if (!r) throw new Invalid({ code: ['ledger.accountCodeTaken'] });
    return { code: r.code };
  });
}
