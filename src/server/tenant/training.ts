import type { Insertable } from 'kysely';
import type { Db, Tx } from '../db/index.ts';
import type { SurveyAnswersTable } from '../db/schema.ts';
import { inProgram, type ProgramScope } from './program.ts';
import { acrossShops } from './index.ts';

/** inProgram for writes of several rows: on SQLite the cross-shop handle is not a transaction, so open one. */
export async function inProgramWrite<T>(opts: { userId: string; programId?: string }, fn: (scope: ProgramScope) => Promise<T>) {
  return inProgram(opts, (scope) => (scope.q.isTransaction ? fn(scope) : scope.q.transaction().execute((tx) => fn({ ...scope, q: tx }))));
}

/**
 * The public survey page's door: a participant has no account, the link's token hash is the key. Reads the
 * link with its survey, questions and attendee; the page decides whether it may still be answered.
 */
export async function findSurveyLink(tokenHash: string) {
  return acrossShops(async (q) => {
    const link = await q
      .selectFrom('survey_links')
      .innerJoin('surveys', 'surveys.id', 'survey_links.survey_id')
      .innerJoin('training_attendees', 'training_attendees.id', 'survey_links.attendee_id')
      .innerJoin('trainings', 'trainings.id', 'surveys.training_id')
      .innerJoin('shops', 'shops.id', 'training_attendees.shop_id')
      .select([
        'survey_links.token_hash',
        'survey_links.survey_id',
        'survey_links.attendee_id',
        'survey_links.expires_at',
        'survey_links.used_at',
        'survey_links.program_id',
        'surveys.kind',
        'surveys.title',
        'trainings.title as training_title',
        'trainings.held_on',
        'shops.name as shop_name',
        'training_attendees.person_name',
      ])
      .where('survey_links.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!link) return undefined;
    const questions = await q
      .selectFrom('survey_questions')
      .select(['id', 'kind', 'key', 'text_id', 'text_en'])
      .where('survey_id', '=', link.survey_id)
      .orderBy('position')
      .execute();
    const answered = await q
      .selectFrom('survey_responses')
      .select('id')
      .where('survey_id', '=', link.survey_id)
      .where('attendee_id', '=', link.attendee_id)
      .executeTakeFirst();
    return { ...link, questions, answered: answered !== undefined };
  });
}

/**
 * Single use: marks the link used (only if unused and unexpired at `now`) and stores the response in one
 * transaction; false when the link was used, expired or its attendee has answered this survey already.
 */
export async function useSurveyLink(opts: {
  tokenHash: string;
  now: string;
  response: { id: string; survey_id: string; attendee_id: string; program_id: string };
  answers: Insertable<SurveyAnswersTable>[];
}): Promise<boolean> {
  return acrossShops((q) => {
    const run = async (tx: Db | Tx) => {
      const used = await tx
        .updateTable('survey_links')
        .set({ used_at: opts.now })
        .where('token_hash', '=', opts.tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', opts.now)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return false;
      const already = await tx
        .selectFrom('survey_responses')
        .select('id')
        .where('survey_id', '=', opts.response.survey_id)
        .where('attendee_id', '=', opts.response.attendee_id)
        .executeTakeFirst();
      if (already) return false;
      await tx
        .insertInto('survey_responses')
        .values({ ...opts.response, submitted_at: opts.now })
        .execute();
      if (opts.answers.length) await tx.insertInto('survey_answers').values(opts.answers).execute();
      return true;
    };
    return q.isTransaction ? run(q) : q.transaction().execute(run);
  });
}
