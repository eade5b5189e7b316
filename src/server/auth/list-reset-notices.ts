import { markResetsSeen, unseenResets } from '../tenant/accounts.ts';

export interface ResetNotice {
  byName: string;
  at: string;
}

/**
 * Resets someone else issued and used on this account that its holder has not been shown yet, newest
 * first. `take` marks them shown (the page after sign-in, or the API's sign-in answer, shows them once).
 */
export async function resetNotices(userId: string, opts: { take: boolean }): Promise<ResetNotice[]> {
  const rows = await unseenResets(userId);
  if (opts.take) await markResetsSeen(rows.map((r) => r.token_hash));
  return rows.map((r) => ({ byName: r.name, at: r.used_at! }));
}
