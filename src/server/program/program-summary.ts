import { db } from '../db/index.ts';
import { programRole } from '../auth/access.ts';
import { programShopCounts } from '../tenant/cross-shop.ts';
import type { SessionUser } from '../auth/session.ts';

/** Program-wide figures for officers (their programs) and admins (every program). */
export async function programSummary(user: SessionUser) {
  const { admin, programIds } = await programRole(user);
  let q = db().selectFrom('programs').select(['id', 'name', 'slug', 'timezone']);
  if (!admin) q = q.where('id', 'in', programIds.length ? programIds : ['']);
  const programs = await q.orderBy('name').execute();
  return {
    programs: await Promise.all(programs.map(async (p) => {
      const villages = await programShopCounts(p.id);
      return { ...p, villages, shopCount: villages.reduce((n, v) => n + Number(v.shops), 0) };
    })),
  };
}
