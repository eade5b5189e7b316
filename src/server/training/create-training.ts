import { Invalid } from '../errors.ts';
import { inProgram } from '../tenant/program.ts';
import { newId, nowIso } from '../util.ts';
import type { TrainingInput } from './schemas.ts';

/** Records a training session of the program; its place is a kecamatan, or a desa (its kecamatan follows). */
export async function createTraining(opts: { user: { id: string }; input: TrainingInput }) {
  const { input } = opts;
  return inProgram({ userId: opts.user.id, programId: input.programId }, async ({ q }) => {
    let districtId = input.districtId ?? null;
    if (input.villageId) {
      const village = await q
        .selectFrom('villages')
        .select('district_id')
        .where('id', '=', input.villageId)
        .where('program_id', '=', input.programId)
        .executeTakeFirst();
      if (!village || (districtId && districtId !== village.district_id)) throw new Invalid({ villageId: ['validation.choice'] });
      districtId = village.district_id;
    } else if (districtId) {
      const district = await q
        .selectFrom('districts')
        .select('id')
        .where('id', '=', districtId)
        .where('program_id', '=', input.programId)
        .executeTakeFirst();
      if (!district) throw new Invalid({ districtId: ['validation.choice'] });
    }
    const id = newId();
    await q
      .insertInto('trainings')
      .values({
        id,
        program_id: input.programId,
        title: input.title,
        held_on: input.heldOn,
        cohort: input.cohort,
        district_id: districtId,
        village_id: input.villageId ?? null,
        notes: input.notes,
        created_by: opts.user.id,
        created_at: nowIso(),
      })
      .execute();
    return { id };
  });
}
