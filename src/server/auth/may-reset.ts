import { accountPowersOf, type AccountPowers } from '../tenant/accounts.ts';

/**
 * An issuer may obtain a reset link only for an account over which it already holds every power that
 * account has: an owner for a member whose only memberships are staff of shops the owner owns; an officer
 * for owners and staff whose every shop is in the officer's programs and who are no officer or admin; an
 * admin for anyone but another admin. Anyone else is answered exactly like an unknown user (404).
 */
export function mayReset(issuer: AccountPowers, target: AccountPowers): boolean {
  if (issuer.user.id === target.user.id || target.admin) return false;
  if (issuer.admin) return true;
  if (target.officerOf.length > 0 || target.memberships.length === 0) return false;
  if (target.memberships.every((m) => issuer.officerOf.includes(m.programId))) return true;
  const owned = issuer.memberships.filter((m) => m.role === 'owner').map((m) => m.shopId);
  return target.memberships.every((m) => m.role === 'staff' && owned.includes(m.shopId));
}

/**
 * The accounts among `targetIds` this issuer may reset, by id: what issuing checks and what the staff
 * and program lists use to offer the reset button, so a button is never offered for a 404.
 */
export async function resettableAccounts(issuerId: string, targetIds: readonly string[]): Promise<Map<string, AccountPowers['user']>> {
  const powers = await accountPowersOf([issuerId, ...targetIds]);
  const issuer = powers.get(issuerId);
  const allowed = new Map<string, AccountPowers['user']>();
  if (!issuer) return allowed;
  for (const id of targetIds) {
    const target = powers.get(id);
    if (target && mayReset(issuer, target)) allowed.set(id, target.user);
  }
  return allowed;
}
