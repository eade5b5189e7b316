import { db } from '../db/index.ts';

export async function listVillages() {
  return db().selectFrom('villages')
    .innerJoin('districts', 'districts.id', 'villages.district_id')
    .select(['villages.id', 'villages.slug', 'villages.name', 'districts.id as district_id', 'districts.slug as district_slug', 'districts.name as district_name', 'villages.program_id'])
    .orderBy('districts.name').orderBy('villages.name')
    .execute();
}
