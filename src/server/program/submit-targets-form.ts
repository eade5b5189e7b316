import type { Locale } from '#i18n/index.ts';
import type { SessionUser } from '../auth/session.ts';
import { parseInput } from '../http/validate.ts';
import { TARGET_INDICATORS, targetsInput } from './indicator-rules.ts';
import { updateProgramTargets } from './update-program-targets.ts';

/** The indicators page's targets form: one `target.<indicator>` field per indicator, empty = no target. */
export async function submitTargetsForm(opts: { user: SessionUser; form: FormData; locale: Locale }) {
  const raw = {
    programId: String(opts.form.get('programId') ?? ''),
    targets: TARGET_INDICATORS.map((indicator) => {
      const v = String(opts.form.get(`target.${indicator}`) ?? '').trim();
      return { indicator, minPercent: v === '' ? null : v };
    }),
  };
  return updateProgramTargets({ user: opts.user, input: parseInput(targetsInput, raw, opts.locale) });
}
