import { Invalid } from '../errors.ts';
import { inProgramWrite } from '../tenant/training.ts';
import { newId, nowIso } from '../util.ts';
import { trainingInScope } from './training-scope.ts';

/**
 * Sets who attended: the listed shops of the training's program (their owner's name is kept as the person).
 * A shop taken off the list keeps its row while it has survey links or answers, so results stay paired; those
 * are answered as `kept`, so the officer is told why they are still ticked.
 */
export async function recordAttendance(opts: { user: { id: string }; trainingId: string; shopIds: readonly string[] }) {
  return inProgramWrite({ userId: opts.user.id }, async (scope) => {
    const { q } = scope;
    const training = await trainingInScope(scope, opts.trainingId);
    const wanted = [...new Set(opts.shopIds)];
    const shops = wanted.length
      ? await q
          .selectFrom('shops')
          .leftJoin('shop_members', (j) => j.onRef('shop_members.shop_id', '=', 'shops.id').on('shop_members.role', '=', 'owner'))
          .leftJoin('users', 'users.id', 'shop_members.user_id')
          .select(['shops.id', 'users.name as owner'])
          .where('shops.id', 'in', wanted)
          .where('shops.program_id', '=', training.program_id)
          .execute()
      : [];
    if (new Set(shops.map((s) => s.id)).size !== wanted.length) throw new Invalid({ shopIds: ['validation.choice'] });
    const current = await q.selectFrom('training_attendees').select(['id', 'shop_id']).where('training_id', '=', training.id).execute();
    const have = new Set(current.map((a) => a.shop_id));
    const add = shops.filter((s, i) => !have.has(s.id) && shops.findIndex((o) => o.id === s.id) === i);
    if (add.length) {
      await q
        .insertInto('training_attendees')
        .values(
          add.map((s) => ({
            id: newId(),
            training_id: training.id,
            program_id: training.program_id,
            shop_id: s.id,
            person_name: s.owner ?? '',
            created_at: nowIso(),
          })),
        )
        .execute();
    }
    const drop = current.filter((a) => !wanted.includes(a.shop_id)).map((a) => a.id);
    let kept = new Set<string>();
    if (drop.length) {
      kept = new Set(
        [
          ...(await q.selectFrom('survey_links').select('attendee_id').where('attendee_id', 'in', drop).execute()),
          ...(await q.selectFrom('survey_responses').select('attendee_id').where('attendee_id', 'in', drop).execute()),
        ].map((r) => r.attendee_id),
      );
      const removable = drop.filter((id) => !kept.has(id));
      if (removable.length) await q.deleteFrom('training_attendees').where('id', 'in', removable).execute();
    }
    const attendees = await q
      .selectFrom('training_attendees')
      .select(['id', 'shop_id as shopId', 'person_name as person'])
      .where('training_id', '=', training.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return { attendees, kept: attendees.filter((a) => kept.has(a.id)).map((a) => a.id) };
  });
}
