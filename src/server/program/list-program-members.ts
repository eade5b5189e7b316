import { inProgram } from '../tenant/program.ts';
import { resettableAccounts } from '../auth/may-reset.ts';
import type { SessionUser } from '../auth/session.ts';

/**
 * Owners and staff of the shops in the officer's programs (admins: all). `canReset` comes from the rule
 * issuing applies, so the page offers a reset link only where issuing would not answer 404.
 */
export async function listProgramMembers(user: SessionUser) {
  const rows = await inProgram({ userId: user.id }, ({ q, programIds }) =>
    q
      .selectFrom('shop_members')
      .innerJoin('shops', 'shops.id', 'shop_members.shop_id')
      .innerJoin('users', 'users.id', 'shop_members.user_id')
      .select(['users.id', 'users.name', 'users.phone', 'users.email', 'shops.name as shop', 'shop_members.role'])
      .where('shops.program_id', 'in', programIds.length ? [...programIds] : [''])
      .orderBy('users.name')
      .execute(),
  );
  const byUser = new Map<
    string,
    { id: string; name: string; phone: string | null; email: string | null; shops: string; canReset: boolean }
  >();
  for (const r of rows) {
    const label = `${r.shop} (${r.role})`;
    const prev = byUser.get(r.id);
    if (prev) prev.shops += `, ${label}`;
    else byUser.set(r.id, { id: r.id, name: r.name, phone: r.phone, email: r.email, shops: label, canReset: false });
  }
  const resettable = await resettableAccounts(user.id, [...byUser.keys()]);
  for (const m of byUser.values()) m.canReset = resettable.has(m.id);
  return [...byUser.values()];
}
