import { NotFound } from '../errors.ts';
import { sha256Hex } from '../util.ts';
import { findPasswordReset } from '../tenant/accounts.ts';

export async function findValid(token: string) {
  if (!/^[a-z2-7]{32}$/.test(token)) return undefined;
  const row = await findPasswordReset(sha256Hex(token));
  if (!row || row.used_at || Date.parse(row.expires_at) <= Date.now()) return undefined;
  return row;
}

export async function checkPasswordReset(token: string) {
  const row = await findValid(token);
  if (!row) throw new NotFound('reset.invalid');
  return row;
}
