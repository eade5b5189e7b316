import { inProgram } from '../tenant/program.ts';

/** The trainings of the caller's programs (or one), newest first, with attendee and survey counts. */
export async function listTrainings(opts: { user: { id: string }; programId?: string }) {
  return inProgram({ userId: opts.user.id, ...(opts.programId && { programId: opts.programId }) }, async ({ q, programIds }) => {
    if (programIds.length === 0) return { trainings: [] };
    const trainings = await q
      .selectFrom('trainings')
      .leftJoin('districts', 'districts.id', 'trainings.district_id')
      .leftJoin('villages', 'villages.id', 'trainings.village_id')
      .select([
        'trainings.id',
        'trainings.program_id as programId',
        'trainings.title',
        'trainings.held_on as heldOn',
        'trainings.cohort',
        'trainings.notes',
        'districts.name as district',
        'villages.name as village',
      ])
      .where('trainings.program_id', 'in', programIds)
      .orderBy('trainings.held_on', 'desc')
      .orderBy('trainings.created_at', 'desc')
      .execute();
    const ids = trainings.map((t) => t.id);
    const attendees = ids.length
      ? await q
          .selectFrom('training_attendees')
          .select((eb) => ['training_id', eb.fn.countAll<number>().as('n')])
          .where('training_id', 'in', ids)
          .groupBy('training_id')
          .execute()
      : [];
    const surveys = ids.length
      ? await q.selectFrom('surveys').select(['training_id', 'kind']).where('training_id', 'in', ids).execute()
      : [];
    return {
      trainings: trainings.map((t) => ({
        ...t,
        attendees: Number(attendees.find((a) => a.training_id === t.id)?.n ?? 0),
        surveys: surveys.filter((s) => s.training_id === t.id).map((s) => s.kind),
      })),
    };
  });
}
