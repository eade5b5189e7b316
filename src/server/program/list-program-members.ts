import { programRole } from '../auth/access.ts';
import { programMemberships } from '../tenant/cross-shop.ts';
import type { SessionUser } from '../auth/session.ts';

/** Owners and staff of the shops in the officer's programs (admins: all), for issuing reset links. */
export async function listProgramMembers(user: SessionUser) {
  const { admin, programIds } = await programRole(user);
  const rows = await programMemberships(admin ? null : programIds);
  const byUser = new Map<string, { id: string; name: string; phone: string | null; email: string | null; shops: string }>();
  for (const r of rows) {
    const label = `${r.shop} (${r.role})`;
    const prev = byUser.get(r.id);
    if (prev) prev.shops += `, ${label}`;
    else byUser.set(r.id, { id: r.id, name: r.name, phone: r.phone, email: r.email, shops: label });
  }
  return [...byUser.values()];
}
