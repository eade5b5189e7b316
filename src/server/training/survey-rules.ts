/** The question key the program's branding target reads (">= 75% of trained participants report better understanding of branding"). */
export const BRANDING_QUESTION_KEY = 'branding';

/** A survey link lives a week: long enough to answer after the session, short enough that a forwarded link goes stale. */
export const SURVEY_LINK_SECONDS = 7 * 24 * 60 * 60;

export const LIKERT = [1, 2, 3, 4, 5] as const;

/** The questions a new survey form starts with; the post survey reuses the pre survey's keys so answers pair. */
export const DEFAULT_QUESTIONS = [
  {
    kind: 'likert',
    key: BRANDING_QUESTION_KEY,
    text_id: 'Seberapa paham Anda tentang merek (branding) untuk produk Anda?',
    text_en: 'How well do you understand branding for your products?',
  },
  {
    kind: 'likert',
    key: 'packaging',
    text_id: 'Seberapa yakin Anda merancang kemasan produk yang menarik?',
    text_en: 'How confident are you designing attractive product packaging?',
  },
  {
    kind: 'likert',
    key: 'bookkeeping',
    text_id: 'Seberapa rutin Anda mencatat penjualan dan pengeluaran?',
    text_en: 'How regularly do you record sales and expenses?',
  },
  {
    kind: 'text',
    key: 'notes',
    text_id: 'Apa yang paling ingin Anda pelajari atau perbaiki?',
    text_en: 'What would you most like to learn or improve?',
  },
] as const;

/** Answers per Likert value (1..5) and their mean; null mean without answers. */
export function likertSummary(values: readonly number[]) {
  const distribution = LIKERT.map((v) => values.filter((x) => x === v).length);
  const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  return { count: values.length, distribution, mean };
}

/**
 * Pairs each participant's pre answer with their post answer (same attendee of the same training) and counts
 * who improved (post > pre). Participants with only one of the two are left out of the share.
 */
export function improvementShare(pre: ReadonlyMap<string, number>, post: ReadonlyMap<string, number>) {
  let improved = 0;
  let unchanged = 0;
  let declined = 0;
  for (const [attendee, before] of pre) {
    const after = post.get(attendee);
    if (after === undefined) continue;
    if (after > before) improved++;
    else if (after === before) unchanged++;
    else declined++;
  }
  const paired = improved + unchanged + declined;
  return { paired, improved, unchanged, declined, share: paired ? improved / paired : null };
}
