import type { SessionUser } from '../auth/session.ts';
import { programSummary } from './program-summary.ts';
import { listProgramMembers } from './list-program-members.ts';

export interface DistrictGroup {
  name: string;
  shops: number;
  villageCount: number;
  /** Villages with at least one shop, by name. */
  villages: { id: string; name: string; shops: number }[];
  /** Names of the villages without a shop, folded on the page. */
  empty: string[];
}

/**
 * A kabupaten brings every official desa (Gowa: 168), most without a shop: the page groups them by kecamatan, the
 * kecamatan with shops first, and keeps the villages without shops apart so the page can fold them.
 */
export function groupByDistrict(villages: readonly { id: string; name: string; district_name: string; shops: number }[]): DistrictGroup[] {
  const groups = new Map<string, DistrictGroup>();
  for (const v of villages) {
    const g = groups.get(v.district_name) ?? { name: v.district_name, shops: 0, villageCount: 0, villages: [], empty: [] };
    const shops = Number(v.shops);
    g.villageCount++;
    g.shops += shops;
    if (shops > 0) g.villages.push({ id: v.id, name: v.name, shops });
    else g.empty.push(v.name);
    groups.set(v.district_name, g);
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'id');
  for (const g of groups.values()) {
    g.villages.sort(byName);
    g.empty.sort((a, b) => a.localeCompare(b, 'id'));
  }
  return [...groups.values()].sort((a, b) => Number(b.shops > 0) - Number(a.shops > 0) || byName(a, b));
}

/** The program office page: the figures per program, its villages grouped by kecamatan, and the members an officer may help. */
export async function getProgramPage(user: SessionUser) {
  const summary = await programSummary(user);
  return {
    programs: summary.programs.map((p) => ({ ...p, districts: groupByDistrict(p.villages) })),
    members: await listProgramMembers(user),
  };
}
