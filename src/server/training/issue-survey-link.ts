import { NotFound } from '../errors.ts';
import { absoluteUrl } from '../config.ts';
import { addSeconds, newToken, nowIso, sha256Hex } from '../util.ts';
import { whatsappLink } from '../shops/phone.ts';
import { t, type Locale } from '#i18n/index.ts';
import { inProgram } from '../tenant/program.ts';
import { SURVEY_LINK_SECONDS } from './survey-rules.ts';
import { surveyInScope } from './training-scope.ts';

/**
 * A one-time link for one attendee to answer one survey; only its hash is stored. Returned with a WhatsApp
 * draft to the shop's number (the officer sends it; nothing goes out by itself).
 */
export async function issueSurveyLink(opts: { user: { id: string }; surveyId: string; attendeeId: string; locale: Locale }) {
  const token = newToken();
  const issued = await inProgram({ userId: opts.user.id }, async (scope) => {
    const survey = await surveyInScope(scope, opts.surveyId);
    const attendee = await scope.q
      .selectFrom('training_attendees')
      .innerJoin('shops', 'shops.id', 'training_attendees.shop_id')
      .select(['training_attendees.id', 'training_attendees.person_name', 'shops.name as shop_name', 'shops.whatsapp'])
      .where('training_attendees.id', '=', opts.attendeeId)
      .where('training_attendees.training_id', '=', survey.training_id)
      .executeTakeFirst();
    if (!attendee) throw new NotFound('training.notFound');
    const now = nowIso();
    const expiresAt = addSeconds(now, SURVEY_LINK_SECONDS);
    await scope.q
      .insertInto('survey_links')
      .values({
        token_hash: sha256Hex(token),
        survey_id: survey.id,
        attendee_id: attendee.id,
        program_id: survey.program_id,
        expires_at: expiresAt,
        used_at: null,
        created_by: opts.user.id,
        created_at: now,
      })
      .execute();
    return { survey, attendee, expiresAt };
  });
  const url = absoluteUrl(`/survei/${token}`);
  const name = issued.attendee.person_name || issued.attendee.shop_name;
  const message = t(opts.locale, 'training.whatsappText', { name, title: issued.survey.title, url });
  return {
    url,
    name,
    expiresAt: issued.expiresAt,
    attendeeId: issued.attendee.id,
    whatsappUrl: whatsappLink(issued.attendee.whatsapp, message),
  };
}
