import { shopsOfUser } from '../tenant/members.ts';

/** The shops the signed-in person belongs to, with their role in each (dashboard home, API). */
export async function listMyShops(userId: string) {
  return shopsOfUser(userId);
}
