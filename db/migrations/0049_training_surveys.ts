import type { Kysely } from 'kysely';

/**
 * Program training sessions, who attended, and the pre/post surveys participants answer from a one-time
 * link. These are program tables (read through inProgram): attendees point at shops but belong to the
 * program's training, so their key is the training's, not the shop's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('trainings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('cohort', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('district_id', 'text', (c) => c.references('districts.id'))
    .addColumn('village_id', 'text', (c) => c.references('villages.id'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trainings_program').on('trainings').columns(['program_id', 'held_on']).execute();

  await db.schema
    .createTable('training_attendees')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id'))
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('person_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Keyed on the shop like every table that names one (the schema distributes by shop); the id stays unique
    // for the survey links that point at an attendee.
    .addPrimaryKeyConstraint('training_attendees_pk', ['shop_id', 'id'])
    .addUniqueConstraint('training_attendees_id', ['id'])
    .addUniqueConstraint('training_attendees_shop', ['shop_id', 'training_id'])
    .execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('training_id', 'text', (c) => c.notNull().references('trainings.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // pre | post
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('surveys_training_kind', ['training_id', 'kind'])
    .execute();

  await db.schema
    .createTable('survey_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // likert | text
    .addColumn('key', 'text', (c) => c.notNull()) // pairs a pre question with its post question
    .addColumn('text_id', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_questions_key', ['survey_id', 'key'])
    .execute();

  await db.schema
    .createTable('survey_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey()) // SHA-256 of the link's token, hex
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('attendee_id', 'text', (c) => c.notNull().references('training_attendees.id'))
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id'))
    .addColumn('attendee_id', 'text', (c) => c.notNull().references('training_attendees.id'))
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id'))
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('survey_responses_once', ['survey_id', 'attendee_id'])
    .execute();

  await db.schema
    .createTable('survey_answers')
    .addColumn('response_id', 'text', (c) => c.notNull().references('survey_responses.id'))
    .addColumn('question_id', 'text', (c) => c.notNull().references('survey_questions.id'))
    .addColumn('likert', 'integer')
    .addColumn('text', 'text')
    .addPrimaryKeyConstraint('survey_answers_pk', ['response_id', 'question_id'])
    .execute();
  await db.schema.createIndex('survey_answers_question').on('survey_answers').column('question_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'survey_answers',
    'survey_responses',
    'survey_links',
    'survey_questions',
    'surveys',
    'training_attendees',
    'trainings',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
