import type { SessionUser } from '../auth/session.ts';
import { programRole } from '../auth/access.ts';
import { listMyShops } from './list-my-shops.ts';

/** The dashboard home: the signed-in person's shops with their role, and whether the program office is theirs. */
export async function getDashboardHome(user: SessionUser) {
  const shops = await listMyShops(user.id);
  const { admin, programIds } = await programRole(user);
  return { shops, program: admin || programIds.length > 0 };
}
