import { roleHas, type Capability, type Role } from '../auth/access.ts';
import { Forbidden } from '../errors.ts';

/** Ledger use cases check the capability where the action is, so a page and the API cannot disagree. */
export function requireCapability(role: Role, capability: Capability): void {
  if (!roleHas(role, capability)) throw new Forbidden();
}
