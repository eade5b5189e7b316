import { NotFound } from '../errors.ts';
import { sha256Hex } from '../util.ts';
import { currentTime } from '../clock.ts';
import { findSurveyLink } from '../tenant/training.ts';

export const SURVEY_TOKEN = /^[a-z2-7]{32}$/;

/** The survey behind a link that may still be answered: unknown, used, expired or already answered is 404. */
export async function openSurvey(token: string) {
  if (!SURVEY_TOKEN.test(token)) throw new NotFound('training.linkInvalid');
  const link = await findSurveyLink(sha256Hex(token));
  if (!link || link.used_at || link.answered || Date.parse(link.expires_at) <= currentTime().getTime())
    throw new NotFound('training.linkInvalid');
  return link;
}
