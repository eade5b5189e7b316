import { allVillages } from '../tenant/directory.ts';

export async function listVillages() {
  return allVillages();
}
