import { allVillages } from '../tenant/directory.ts';

export type Village = Awaited<ReturnType<typeof allVillages>>[number];

export async function listVillages() {
  return allVillages();
}
