import type { Db, Tx } from '../db/index.ts';
import { Invalid } from '../errors.ts';
import { newId } from '../util.ts';
import { slugFromName } from '../shops/slug.ts';
import { kabupatenAreas } from './official-areas.ts';

const key = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Gives a program its kabupaten: every official kecamatan and desa/kelurahan with its Kemendagri code.
 * Rows the program already has are matched by code, else by name (so shops keep their village); a village
 * that matches no official desa stays as a program-defined area (code null). Running it again changes nothing.
 */
export async function applyOfficialAreas(q: Db | Tx, programId: string, kabupatenCode: string) {
  const areas = kabupatenAreas(kabupatenCode);
  if (!areas) throw new Invalid({ kabupatenCode: ['registry.kabupatenUnknown'] });
  await q.updateTable('programs').set({ kabupaten_code: kabupatenCode }).where('id', '=', programId).execute();

  const districts = await q.selectFrom('districts').select(['id', 'slug', 'name', 'code']).where('program_id', '=', programId).execute();
  const villages = await q.selectFrom('villages').select(['id', 'slug', 'name', 'code']).where('program_id', '=', programId).execute();
  const districtSlugs = new Set(districts.map((d) => d.slug));
  const villageSlugs = new Set(villages.map((v) => v.slug));
  const freeSlug = (taken: Set<string>, name: string, suffix: string) => {
    let slug = slugFromName(name);
    if (taken.has(slug)) slug = `${slug}-${suffix.replace(/\./g, '-')}`;
    taken.add(slug);
    return slug;
  };
  const newDistricts: { id: string; program_id: string; slug: string; name: string; code: string }[] = [];
  const newVillages: { id: string; program_id: string; district_id: string; slug: string; name: string; code: string }[] = [];
  for (const kec of areas.kecamatan) {
    const district = districts.find((d) => d.code === kec.code) ?? districts.find((d) => d.code === null && key(d.name) === key(kec.name));
    if (district && district.code === null) {
      await q.updateTable('districts').set({ code: kec.code, name: kec.name }).where('id', '=', district.id).execute();
      district.code = kec.code;
    }
    const districtId = district?.id ?? newId();
    if (!district)
      newDistricts.push({
        id: districtId,
        program_id: programId,
        slug: freeSlug(districtSlugs, kec.name, kec.code),
        name: kec.name,
        code: kec.code,
      });
    for (const desa of kec.desa) {
      const village = villages.find((v) => v.code === desa.code) ?? villages.find((v) => v.code === null && key(v.name) === key(desa.name));
      if (village && village.code === null) {
        await q
          .updateTable('villages')
          .set({ code: desa.code, district_id: districtId, name: desa.name })
          .where('id', '=', village.id)
          .execute();
        village.code = desa.code;
      }
      if (!village)
        newVillages.push({
          id: newId(),
          program_id: programId,
          district_id: districtId,
          slug: freeSlug(villageSlugs, desa.name, desa.code),
          name: desa.name,
          code: desa.code,
        });
    }
  }
  if (newDistricts.length) await q.insertInto('districts').values(newDistricts).execute();
  for (let i = 0; i < newVillages.length; i += 200)
    await q
      .insertInto('villages')
      .values(newVillages.slice(i, i + 200))
      .execute();
  return { kecamatan: areas.kecamatan.length, desa: areas.kecamatan.reduce((n, k) => n + k.desa.length, 0) };
}

/** A local name that is not an official desa, kept under the official desa it lies in (same kecamatan). */
export async function addLocalArea(q: Db | Tx, programId: string, input: { name: string; parentVillageId: string }) {
  const parent = await q
    .selectFrom('villages')
    .select(['id', 'district_id', 'code'])
    .where('id', '=', input.parentVillageId)
    .where('program_id', '=', programId)
    .executeTakeFirst();
  if (!parent || parent.code === null) throw new Invalid({ parentVillageId: ['registry.parentOfficial'] });
  const existing = await q.selectFrom('villages').select('slug').where('program_id', '=', programId).execute();
  let slug = slugFromName(input.name);
  if (existing.some((v) => v.slug === slug)) slug = `${slug}-${newId().slice(0, 4)}`;
  const id = newId();
  await q
    .insertInto('villages')
    .values({ id, program_id: programId, district_id: parent.district_id, slug, name: input.name, code: null, parent_id: parent.id })
    .execute();
  return { id, slug };
}
